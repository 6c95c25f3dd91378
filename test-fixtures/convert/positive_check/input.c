/* positive_check: the init only fills the module when creation worked,
 * nesting the work under `if (m != NULL)` and returning m either way. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
positive_check_is_even(PyObject *self, PyObject *arg)
{
    long n = PyLong_AsLong(arg);

    if (n == -1 && PyErr_Occurred())
        return NULL;
    return PyBool_FromLong(n % 2 == 0);
}

static PyMethodDef positive_check_methods[] = {
    {"is_even", positive_check_is_even, METH_O, "True for even integers."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef positive_check_module = {
    PyModuleDef_HEAD_INIT,
    "positive_check",
    NULL,
    -1,
    positive_check_methods,
    NULL,
    NULL,
    NULL,
    NULL
};

PyMODINIT_FUNC
PyInit_positive_check(void)
{
    PyObject *m = PyModule_Create(&positive_check_module);
    if (m != NULL) {
        if (PyModule_AddIntConstant(m, "EVEN", 0) < 0 ||
            PyModule_AddIntConstant(m, "ODD", 1) < 0) {
            Py_DECREF(m);
            m = NULL;
        }
    }
    return m;
}
