/* A slot array whose GIL entry comes from a project macro: not reported as missing. */
#include <Python.h>

#if PY_VERSION_HEX >= 0x030D0000
#  define PROJECT_GIL_SLOT {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#else
#  define PROJECT_GIL_SLOT
#endif

static int
macroslot_exec(PyObject *m)
{
    return PyModule_AddIntConstant(m, "X", 1);
}

static PyModuleDef_Slot macroslot_slots[] = {
    {Py_mod_exec, macroslot_exec},
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
    PROJECT_GIL_SLOT
    {0, NULL}
};

static struct PyModuleDef macroslot_def = {
    PyModuleDef_HEAD_INIT, "macroslot", NULL, 0, NULL, macroslot_slots
};

PyMODINIT_FUNC
PyInit_macroslot(void)
{
    return PyModuleDef_Init(&macroslot_def);
}
