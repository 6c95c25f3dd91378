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

/* Single-phase init (m_size -1) ran this module's body once per process
 * and gave every later import a copy of the first module's namespace.
 * Exec keeps that: the body runs for the first module object only, which
 * is kept here, and later module objects get a copy of its namespace. */
static PyObject *numpy_array_body_module = NULL;
static PyObject *numpy_array_namespace = NULL;

static int numpy_array_exec(PyObject *m);

static PyModuleDef_Slot numpy_array_slots[] = {
    {Py_mod_exec, numpy_array_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef numpy_array_module = {
    PyModuleDef_HEAD_INIT,
    "numpy_array",
    NULL,
    0,
    numpy_array_methods,
    numpy_array_slots,
    NULL,
    NULL,
    NULL
};

static int
numpy_array_exec_body(PyObject *m)
{
    import_array1(-1);

    if (PyModule_AddIntConstant(m, "NDIM", 1) < 0) {
        return -1;
    }
    return 0;
}

/* The namespace later module objects are filled from, as single-phase init
 * kept m_copy: what the body left, minus the attributes the import system
 * sets on each module object itself. */
static int
numpy_array_keep_namespace(PyObject *m)
{
    static const char *const own_attributes[] = {
        "__name__", "__spec__", "__loader__", "__package__", "__file__"
    };
    PyObject *copy = PyDict_Copy(PyModule_GetDict(m));
    size_t i;

    if (copy == NULL) {
        return -1;
    }
    for (i = 0; i < sizeof(own_attributes) / sizeof(own_attributes[0]); i++) {
        if (PyDict_GetItemString(copy, own_attributes[i]) != NULL
            && PyDict_DelItemString(copy, own_attributes[i]) < 0) {
            Py_DECREF(copy);
            return -1;
        }
    }
    numpy_array_namespace = copy;
    return 0;
}

#ifndef Py_LIMITED_API
/* A legacy subinterpreter takes the objects the body made there with it when
 * it ends. Single-phase init then ran init again in the next interpreter
 * (CPython 3.8-3.12): forget the body there, so the next import runs it. */
static PyObject *
numpy_array_forget_body(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    Py_CLEAR(numpy_array_namespace);
    Py_CLEAR(numpy_array_body_module);
    Py_RETURN_NONE;
}

static PyMethodDef numpy_array_forget_body_def = {
    "numpy_array_forget_body", numpy_array_forget_body, METH_NOARGS, NULL
};

static int
numpy_array_forget_at_interpreter_end(void)
{
    PyObject *atexit_module;
    PyObject *callback;
    PyObject *result;

    if (PyThreadState_Get()->interp == PyInterpreterState_Main()) {
        return 0;
    }
    atexit_module = PyImport_ImportModule("atexit");
    if (atexit_module == NULL) {
        return -1;
    }
    callback = PyCFunction_New(&numpy_array_forget_body_def, NULL);
    if (callback == NULL) {
        Py_DECREF(atexit_module);
        return -1;
    }
    result = PyObject_CallMethod(atexit_module, "register", "O", callback);
    Py_DECREF(callback);
    Py_DECREF(atexit_module);
    if (result == NULL) {
        return -1;
    }
    Py_DECREF(result);
    return 0;
}
#else
static int
numpy_array_forget_at_interpreter_end(void)
{
    /* The limited API cannot tell which interpreter runs exec. */
    return 0;
}
#endif

static int
numpy_array_exec(PyObject *m)
{
    if (numpy_array_namespace != NULL) {
        return PyDict_Update(PyModule_GetDict(m), numpy_array_namespace);
    }
    if (numpy_array_body_module != NULL) {
        /* Imported again from inside its own first exec. */
        PyErr_SetString(PyExc_ImportError,
                        "numpy_array is imported again while its first import is still running");
        return -1;
    }
    Py_INCREF(m);
    numpy_array_body_module = m;
    if (numpy_array_exec_body(m) < 0) {
        Py_CLEAR(numpy_array_body_module);
        return -1;
    }
    if (numpy_array_keep_namespace(m) < 0) {
        return -1;
    }
    return numpy_array_forget_at_interpreter_end();
}

PyMODINIT_FUNC
PyInit_numpy_array(void)
{
    return PyModuleDef_Init(&numpy_array_module);
}
