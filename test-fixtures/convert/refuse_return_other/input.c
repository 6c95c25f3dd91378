/* refuse_return_other: the init hands its module to a helper and returns
 * whatever the helper gives back, which the tool cannot vouch for. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
refuse_return_other_ident(PyObject *self, PyObject *arg)
{
    Py_INCREF(arg);
    return arg;
}

static PyMethodDef refuse_return_other_methods[] = {
    {"ident", refuse_return_other_ident, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef refuse_return_other_module = {
    PyModuleDef_HEAD_INIT,
    "refuse_return_other",
    NULL,
    -1,
    refuse_return_other_methods,
    NULL,
    NULL,
    NULL,
    NULL
};

/* Shared by several of the project's modules: adds the build info and
 * releases the module on failure. */
static PyObject *
finish_module(PyObject *m)
{
    if (PyModule_AddStringConstant(m, "BUILD", "release") < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

PyMODINIT_FUNC
PyInit_refuse_return_other(void)
{
    PyObject *m = PyModule_Create(&refuse_return_other_module);
    if (m == NULL)
        return NULL;
    return finish_module(m);
}
