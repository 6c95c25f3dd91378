/* macro_return: the init's returns are hidden in project macros (a check
 * that releases the module and returns NULL, and a plain return): converted. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Release the module and bail out when the last call set an error. */
#define INIT_CHECK(module)              \
    do {                                \
        if (PyErr_Occurred()) {         \
            Py_XDECREF(module);         \
            return NULL;                \
        }                               \
    } while (0)

#define INIT_FINISH(module) return (module)

static PyObject *
macro_return_ping(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyUnicode_FromString("pong");
}

static PyMethodDef macro_return_methods[] = {
    {"ping", macro_return_ping, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef macro_return_module = {
    PyModuleDef_HEAD_INIT,
    "macro_return",
    NULL,
    -1,
    macro_return_methods,
    NULL,
    NULL,
    NULL,
    NULL
};

PyMODINIT_FUNC
PyInit_macro_return(void)
{
    PyObject *m = PyModule_Create(&macro_return_module);
    INIT_CHECK(m);
    PyModule_AddIntConstant(m, "LIMIT", 3);
    INIT_CHECK(m);
    INIT_FINISH(m);
}
