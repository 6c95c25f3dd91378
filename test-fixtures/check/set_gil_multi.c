/* A multi-phase module that calls the single-phase GIL API in exec instead of using the slot. */
#include <Python.h>

static int
racer_exec(PyObject *m)
{
#ifdef Py_GIL_DISABLED
    if (PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED) < 0)
        return -1;
#endif
    return 0;
}

static PyModuleDef_Slot racer_slots[] = {
    {Py_mod_exec, racer_exec},
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
    {0, NULL}
};

static struct PyModuleDef racer_def = {
    PyModuleDef_HEAD_INIT, "racer", NULL, 0, NULL, racer_slots
};

PyMODINIT_FUNC
PyInit_racer(void)
{
    return PyModuleDef_Init(&racer_def);
}
