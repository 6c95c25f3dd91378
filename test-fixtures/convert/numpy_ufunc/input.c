/* numpy_ufunc: registers a ufunc, so the init imports both NumPy C APIs;
 * import_ufunc() does not even return on failure. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#define NPY_NO_DEPRECATED_API NPY_1_7_API_VERSION
#include <numpy/arrayobject.h>
#include <numpy/ufuncobject.h>

static void
halve_loop(char **args, const npy_intp *dimensions, const npy_intp *steps,
           void *data)
{
    npy_intp i, n = dimensions[0];
    char *in = args[0], *out = args[1];

    for (i = 0; i < n; i++) {
        *(double *)out = *(double *)in / 2.0;
        in += steps[0];
        out += steps[1];
    }
}

static PyUFuncGenericFunction halve_loops[] = {halve_loop};
static char halve_types[] = {NPY_DOUBLE, NPY_DOUBLE};

static struct PyModuleDef numpy_ufunc_module = {
    PyModuleDef_HEAD_INIT,
    "numpy_ufunc",
    NULL,
    -1,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL
};

PyMODINIT_FUNC
PyInit_numpy_ufunc(void)
{
    PyObject *m, *halve;

    m = PyModule_Create(&numpy_ufunc_module);
    if (m == NULL)
        return NULL;

    import_array();
    import_ufunc();

    halve = PyUFunc_FromFuncAndData(halve_loops, NULL, halve_types, 1, 1, 1,
                                    PyUFunc_None, "halve",
                                    "Divide by two, elementwise.", 0);
    if (halve == NULL) {
        Py_DECREF(m);
        return NULL;
    }
    if (PyModule_AddObject(m, "halve", halve) < 0) {
        Py_DECREF(halve);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
