/* bacon: added after the setting change, converted with "Convert Modules in This File". */
#include <Python.h>

static PyObject *
bacon_count(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(12);
}

static PyMethodDef bacon_methods[] = {
    {"count", bacon_count, METH_NOARGS, "How many rashers."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef bacon_module = {
    PyModuleDef_HEAD_INIT,
    "bacon",
    NULL,
    -1,
    bacon_methods
};

PyMODINIT_FUNC
PyInit_bacon(void)
{
    return PyModule_Create(&bacon_module);
}
