/* A conversion that kept the single-phase error paths: exec releases the module. */
#include <Python.h>

static int
leaky_exec(PyObject *module)
{
    PyObject *value = PyLong_FromLong(3);
    if (value == NULL) {
        Py_DECREF(module);
        return -1;
    }
    if (PyModule_AddObject(module, "THREE", value) < 0) {
        Py_DECREF(value);
        goto error;
    }
    if (PyModule_AddIntConstant(module, "FOUR", 4) < 0)
        Py_XDECREF(module);
    return 0;

error:
    Py_CLEAR(module);
    return -1;
}

static PyModuleDef_Slot leaky_slots[] = {
    {Py_mod_exec, (void *)leaky_exec},
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef leaky_def = {
    PyModuleDef_HEAD_INIT, "leaky", NULL, 0, NULL, leaky_slots
};

PyMODINIT_FUNC
PyInit_leaky(void)
{
    return PyModuleDef_Init(&leaky_def);
}
