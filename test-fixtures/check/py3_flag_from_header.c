/* The Python 3 flag comes from the project's own header (not in this file):
 * the init's header is split on it, so only its arms say which one is Python 3.
 * The flag is tested with #ifndef and !defined too. */
#include <Python.h>
#include "local_compat.h"

static PyObject *
echo(PyObject *self, PyObject *arg)
{
    Py_INCREF(arg);
    return arg;
}

static PyMethodDef echo_methods[] = {
    {"echo", echo, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

#if defined(PYTHON3_BUILD)
static struct PyModuleDef echo_def = {
    PyModuleDef_HEAD_INIT, "echomod", NULL, -1, echo_methods
};
#endif

PyMODINIT_FUNC
#ifndef PYTHON3_BUILD
initechomod(void)
#else
PyInit_echomod(void)
#endif
{
    PyObject *mod;
#if !defined(PYTHON3_BUILD)
    mod = Py_InitModule("echomod", echo_methods);
    if (mod == NULL)
        return;
#else
    mod = PyModule_Create(&echo_def);
    if (mod == NULL)
        return NULL;
    return mod;
#endif
}
