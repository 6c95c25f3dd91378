/* Built against the stable ABI of Python 3.2, as old abi3 wheels were. */
#define Py_LIMITED_API 0x03020000
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

static struct PyModuleDef limited_def = {
    PyModuleDef_HEAD_INIT,
    "limited_api_old",
    "Stable ABI example.",
    0,
    limited_methods
};

PyMODINIT_FUNC
PyInit_limited_api_old(void)
{
    PyObject *m = PyModule_Create(&limited_def);
    if (m == NULL)
        return NULL;
    if (PyModule_AddStringConstant(m, "ABI", "abi3") < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
