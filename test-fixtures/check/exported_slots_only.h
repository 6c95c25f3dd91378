/* A header that defines the slot array and def; PyInit lives in another file. */
#ifndef EXPORTED_SLOTS_ONLY_H
#define EXPORTED_SLOTS_ONLY_H
#include <Python.h>

int shared_exec(PyObject *m);

static PyModuleDef_Slot shared_slots[] = {
    {Py_mod_exec, shared_exec},
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
    {0, NULL}
};

static struct PyModuleDef shared_def = {
    PyModuleDef_HEAD_INIT, "shared", NULL, 0, NULL, shared_slots
};

#endif
