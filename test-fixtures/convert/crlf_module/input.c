/* crlf_module: written on Windows; every line ends in CR LF. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
crlf_module_lines(PyObject *self, PyObject *arg)
{
    /* str.splitlines() through the C API. */
    return PyObject_CallMethod(arg, "splitlines", NULL);
}

static PyMethodDef crlf_module_methods[] = {
    {"lines", crlf_module_lines, METH_O, "Split text into lines."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef crlf_module_def = {
    PyModuleDef_HEAD_INIT,
    "crlf_module",
    "Line helpers.",
    -1,
    crlf_module_methods
};

PyMODINIT_FUNC
PyInit_crlf_module(void)
{
    PyObject *m;

    m = PyModule_Create(&crlf_module_def);
    if (m == NULL)
        return NULL;

    /* The line terminator this file itself uses. */
    if (PyModule_AddStringConstant(m, "NEWLINE", "\r\n") < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
