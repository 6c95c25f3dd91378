/*
 * Two definitions of the same PyInit, one per Python version range: the
 * single-phase one for old Pythons comes first, the multi-phase one (with
 * both slots) after it. A complete multi-phase module: nothing to report.
 */
#include <Python.h>

static int
twin_exec(PyObject *m)
{
    return PyModule_AddIntConstant(m, "TWIN", 2);
}

#if PY_VERSION_HEX < 0x030C0000
static struct PyModuleDef twin_legacy_def = {
    PyModuleDef_HEAD_INIT, "twin", NULL, 0, NULL
};

PyMODINIT_FUNC
PyInit_twin(void)
{
    PyObject *m = PyModule_Create(&twin_legacy_def);
    if (m != NULL && twin_exec(m) < 0) {
        Py_CLEAR(m);
    }
    return m;
}
#else
static PyModuleDef_Slot twin_slots[] = {
    {Py_mod_exec, twin_exec},
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef twin_def = {
    PyModuleDef_HEAD_INIT, "twin", NULL, 0, NULL, twin_slots
};

PyMODINIT_FUNC
PyInit_twin(void)
{
    return PyModuleDef_Init(&twin_def);
}
#endif
