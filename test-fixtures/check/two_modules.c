/* Two modules in one file: one still single-phase, one complete multi-phase. */
#include <Python.h>

static struct PyModuleDef first_def = {
    PyModuleDef_HEAD_INIT, "first", NULL, 0, NULL
};

PyMODINIT_FUNC
PyInit_first(void)
{
    return PyModule_Create(&first_def);
}

static int
second_exec(PyObject *module)
{
    return PyModule_AddStringConstant(module, "NAME", "second");
}

static PyModuleDef_Slot second_slots[] = {
    {Py_mod_exec, second_exec},
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#if PY_VERSION_HEX >= 0x030D0000
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef second_def = {
    PyModuleDef_HEAD_INIT, "second", NULL, 0, NULL, second_slots, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_second(void)
{
    return PyModuleDef_Init(&second_def);
}
