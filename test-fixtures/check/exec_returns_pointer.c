/* Exec functions still written like an init: they return NULL or the module. */
#include <Python.h>

static int
pointy_exec(PyObject *m)
{
    if (PyModule_AddIntConstant(m, "A", 1) < 0)
        return NULL;
    if (PyModule_AddIntConstant(m, "B", 2) < 0)
        return -1;
    return m;
}

static PyObject *
pointy_exec2(PyObject *m)
{
    PyModule_AddIntConstant(m, "C", 3);
    return m;
}

static PyModuleDef_Slot pointy_slots[] = {
    {Py_mod_exec, pointy_exec},
    {Py_mod_exec, (void *)pointy_exec2},
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef pointy_def = {
    PyModuleDef_HEAD_INIT, "pointy", NULL, 0, NULL, pointy_slots
};

PyMODINIT_FUNC
PyInit_pointy(void)
{
    return PyModuleDef_Init(&pointy_def);
}
