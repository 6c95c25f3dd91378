/* already: multi-phase from the start, so there is nothing to convert. */
#include <Python.h>

static int
already_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "ready", 1);
}

static PyModuleDef_Slot already_slots[] = {
    {Py_mod_exec, already_exec},
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#if PY_VERSION_HEX >= 0x030D0000
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef already_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "already",
    .m_size = 0,
    .m_slots = already_slots,
};

PyMODINIT_FUNC
PyInit_already(void)
{
    return PyModuleDef_Init(&already_module);
}
