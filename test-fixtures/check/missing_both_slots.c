/* The first multi-phase version many projects write: exec only. */
#include <Python.h>

static int
bare_exec(PyObject *m)
{
    return PyModule_AddIntConstant(m, "X", 1);
}

static PyModuleDef_Slot bare_slots[] = {
    {Py_mod_exec, bare_exec},
    {0, NULL}
};

static struct PyModuleDef bare_def = {
    .m_base = PyModuleDef_HEAD_INIT,
    .m_name = "bare",
    .m_slots = bare_slots,
};

PyMODINIT_FUNC
PyInit_bare(void)
{
    return PyModuleDef_Init(&bare_def);
}
