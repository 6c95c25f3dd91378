/* Built against the stable ABI of Python 3.2, as old abi3 wheels were. */
#define Py_LIMITED_API 0x03050000
#include <Python.h>

static PyObject *
limited_add(PyObject *self, PyObject *args)
{
    long a, b;
    if (!PyArg_ParseTuple(args, "ll", &a, &b))
        return NULL;
    return PyLong_FromLong(a + b);
}

static PyMethodDef limited_methods[] = {
    {"add", limited_add, METH_VARARGS, "Add two integers."},
    {NULL, NULL, 0, NULL}
};

static int limited_api_old_exec(PyObject *m);

static PyModuleDef_Slot limited_api_old_slots[] = {
    {Py_mod_exec, limited_api_old_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef limited_def = {
    PyModuleDef_HEAD_INIT,
    "limited_api_old",
    "Stable ABI example.",
    0,
    limited_methods,
    limited_api_old_slots
};

static int
limited_api_old_exec(PyObject *m)
{
    if (PyModule_AddStringConstant(m, "ABI", "abi3") < 0) {
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC
PyInit_limited_api_old(void)
{
    return PyModuleDef_Init(&limited_def);
}
