/* numpy_array: uses NumPy's C API, so the init calls import_array(), which
 * expands to `return NULL;` on failure. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#define NPY_NO_DEPRECATED_API NPY_1_7_API_VERSION
#include <numpy/arrayobject.h>

static PyObject *
numpy_array_ramp(PyObject *self, PyObject *arg)
{
    npy_intp n = PyLong_AsSsize_t(arg);
    PyArrayObject *out;
    double *data;
    npy_intp i;

    if (n == -1 && PyErr_Occurred())
        return NULL;
    if (n < 0) {
        PyErr_SetString(PyExc_ValueError, "length must not be negative");
        return NULL;
    }
    out = (PyArrayObject *)PyArray_SimpleNew(1, &n, NPY_DOUBLE);
    if (out == NULL)
        return NULL;
    data = (double *)PyArray_DATA(out);
    for (i = 0; i < n; i++)
        data[i] = (double)i;
    return (PyObject *)out;
}

static PyMethodDef numpy_array_methods[] = {
    {"ramp", numpy_array_ramp, METH_O, "float64 array 0, 1, ..., n-1."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef numpy_array_module = {
    PyModuleDef_HEAD_INIT,
    "numpy_array",
    NULL,
    -1,
    numpy_array_methods,
    NULL,
    NULL,
    NULL,
    NULL
};

PyMODINIT_FUNC
PyInit_numpy_array(void)
{
    PyObject *m;

    import_array();

    m = PyModule_Create(&numpy_array_module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddIntConstant(m, "NDIM", 1) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
