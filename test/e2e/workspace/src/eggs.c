/* eggs: converted by "Convert All Modules in Workspace" without being opened. */
#include <Python.h>

static PyObject *
eggs_count(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(12);
}

static PyMethodDef eggs_methods[] = {
    {"count", eggs_count, METH_NOARGS, "How many eggs."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef eggs_module = {
    PyModuleDef_HEAD_INIT,
    "eggs",
    NULL,
    -1,
    eggs_methods
};

PyMODINIT_FUNC
PyInit_eggs(void)
{
    return PyModule_Create(&eggs_module);
}
