/* Multi-phase with a GIL slot but no Py_mod_multiple_interpreters. */
#include <Python.h>

static int
solo_exec(PyObject *m)
{
    return PyModule_AddIntConstant(m, "X", 1);
}

static PyModuleDef_Slot solo_slots[] = {
    {Py_mod_exec, solo_exec},
#if PY_VERSION_HEX >= 0x030D0000
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef solo_def = {
    PyModuleDef_HEAD_INIT, "solo", NULL, 0, NULL, solo_slots, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_solo(void)
{
    return PyModuleDef_Init(&solo_def);
}
