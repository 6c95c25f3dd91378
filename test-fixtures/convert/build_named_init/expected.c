/* An example module whose init name the build supplies: compiled with
 * -DMODULE_NAME=build_named_init, as a limited-API example would be. */
#include <Python.h>

#define PASTE_(a, b) a##b
#define PASTE(a, b) PASTE_(a, b)
#define STR_(x) #x
#define STR(x) STR_(x)

#ifndef MODULE_NAME
#define MODULE_NAME build_named_init
#endif

static PyObject *
example_twice(PyObject *self, PyObject *arg)
{
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred())
        return NULL;
    return PyLong_FromLong(2 * v);
}

static PyMethodDef example_methods[] = {
    {"twice", example_twice, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static int module_exec(PyObject *m);

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, module_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef example_def = {
    PyModuleDef_HEAD_INIT, STR(MODULE_NAME), NULL, 0, example_methods, module_slots
};

static int module_exec(PyObject *m)
{
    if (PyModule_AddStringConstant(m, "built_as", STR(MODULE_NAME)) < 0) {
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC PASTE(PyInit_, MODULE_NAME)(void)
{
    return PyModuleDef_Init(&example_def);
}
