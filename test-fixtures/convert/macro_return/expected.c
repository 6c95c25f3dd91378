/* macro_return: the init's returns are hidden in project macros (a check
 * that releases the module and returns NULL, and a plain return): converted. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Release the module and bail out when the last call set an error. */
#define INIT_CHECK(module)              \
    do {                                \
        if (PyErr_Occurred()) {         \
            return -1;                  \
        }                               \
    } while (0)

static PyObject *
macro_return_ping(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyUnicode_FromString("pong");
}

static PyMethodDef macro_return_methods[] = {
    {"ping", macro_return_ping, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static int macro_return_exec(PyObject *m);

static PyModuleDef_Slot macro_return_slots[] = {
    {Py_mod_exec, macro_return_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef macro_return_module = {
    PyModuleDef_HEAD_INIT,
    "macro_return",
    NULL,
    0,
    macro_return_methods,
    macro_return_slots,
    NULL,
    NULL,
    NULL
};

static int
macro_return_exec(PyObject *m)
{
    INIT_CHECK(m);
    PyModule_AddIntConstant(m, "LIMIT", 3);
    INIT_CHECK(m);
    return 0;
}

PyMODINIT_FUNC
PyInit_macro_return(void)
{
    return PyModuleDef_Init(&macro_return_module);
}
