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

static int crlf_module_exec(PyObject *m);

static PyModuleDef_Slot crlf_module_slots[] = {
    {Py_mod_exec, crlf_module_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef crlf_module_def = {
    PyModuleDef_HEAD_INIT,
    "crlf_module",
    "Line helpers.",
    0,
    crlf_module_methods,
    crlf_module_slots
};

static int
crlf_module_exec(PyObject *m)
{
    /* The line terminator this file itself uses. */
    if (PyModule_AddStringConstant(m, "NEWLINE", "\r\n") < 0) {
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC
PyInit_crlf_module(void)
{
    return PyModuleDef_Init(&crlf_module_def);
}
