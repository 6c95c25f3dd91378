/* null_result: on failure the init drops the module and sets the variable
 * to NULL, then falls through to a single `return m;`. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
null_result_sign(PyObject *self, PyObject *arg)
{
    double x = PyFloat_AsDouble(arg);

    if (x == -1.0 && PyErr_Occurred())
        return NULL;
    return PyLong_FromLong((x > 0) - (x < 0));
}

static PyMethodDef null_result_methods[] = {
    {"sign", null_result_sign, METH_O, "-1, 0 or 1."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef null_result_module = {
    PyModuleDef_HEAD_INIT,
    "null_result",
    NULL,
    -1,
    null_result_methods,
    NULL,
    NULL,
    NULL,
    NULL
};

PyMODINIT_FUNC
PyInit_null_result(void)
{
    PyObject *m, *v;

    m = PyModule_Create(&null_result_module);
    if (m == NULL)
        return NULL;

    v = PyFloat_FromDouble(1e-9);
    if (v == NULL || PyModule_AddObject(m, "EPSILON", v) < 0) {
        Py_XDECREF(v);
        Py_DECREF(m);
        m = NULL;
    }
    return m;
}
