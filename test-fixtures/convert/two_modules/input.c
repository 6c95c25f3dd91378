/* two_modules: one source file defines two extension modules that share
 * their implementation; the build links it under both names. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
twin_double(PyObject *self, PyObject *arg)
{
    return PyNumber_Add(arg, arg);
}

static PyObject *
twin_negate(PyObject *self, PyObject *arg)
{
    return PyNumber_Negative(arg);
}

static PyMethodDef twin_alpha_methods[] = {
    {"double", twin_double, METH_O, "x + x"},
    {NULL, NULL, 0, NULL}
};

static PyMethodDef twin_beta_methods[] = {
    {"double", twin_double, METH_O, "x + x"},
    {"negate", twin_negate, METH_O, "-x"},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef twin_alpha_module = {
    PyModuleDef_HEAD_INIT,
    "twin_alpha",
    "The first twin.",
    -1,
    twin_alpha_methods,
    NULL,
    NULL,
    NULL,
    NULL
};

static struct PyModuleDef twin_beta_module = {
    PyModuleDef_HEAD_INIT,
    "twin_beta",
    "The second twin.",
    -1,
    twin_beta_methods,
    NULL,
    NULL,
    NULL,
    NULL
};

PyMODINIT_FUNC
PyInit_twin_alpha(void)
{
    PyObject *m = PyModule_Create(&twin_alpha_module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddStringConstant(m, "NAME", "alpha") < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

PyMODINIT_FUNC
PyInit_twin_beta(void)
{
    PyObject *m = PyModule_Create(&twin_beta_module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddStringConstant(m, "NAME", "beta") < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
