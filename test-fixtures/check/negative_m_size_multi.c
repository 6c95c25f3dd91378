/* A multi-phase def that kept m_size -1 from its single-phase days. */
#include <Python.h>

static int
halfway_exec(PyObject *m)
{
    return PyModule_AddIntConstant(m, "READY", 1);
}

static PyModuleDef_Slot halfway_slots[] = {
    {Py_mod_exec, halfway_exec},
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
    {Py_mod_gil, Py_MOD_GIL_USED},
    {0, NULL}
};

static struct PyModuleDef halfway_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "halfway",
    .m_size = -1,
    .m_slots = halfway_slots,
};

PyMODINIT_FUNC
PyInit_halfway(void)
{
    return PyModuleDef_Init(&halfway_def);
}
