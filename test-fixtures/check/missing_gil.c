/* Multi-phase, declares subinterpreter support, says nothing about the GIL. */
#include <Python.h>

static int
nogil_exec(PyObject *m)
{
    return PyModule_AddIntConstant(m, "X", 1);
}

static PyModuleDef_Slot nogil_slots[] = {
    {Py_mod_exec, nogil_exec},
#if PY_VERSION_HEX >= 0x030c00f0
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
    {0}
};

static struct PyModuleDef nogil_def = {
    PyModuleDef_HEAD_INIT, "nogil", NULL, 0, NULL, nogil_slots
};

PyMODINIT_FUNC
PyInit_nogil(void)
{
    return PyModuleDef_Init(&nogil_def);
}
