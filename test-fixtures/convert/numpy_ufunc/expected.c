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

/* Single-phase init (m_size -1) ran this module's body once per process
 * and gave every later import a copy of the first module's namespace.
 * Exec keeps that: the body runs for the first module object only, which
 * is kept here, and later module objects get a copy of its namespace. */
static PyObject *numpy_ufunc_body_module = NULL;
static PyObject *numpy_ufunc_namespace = NULL;

static int numpy_ufunc_exec(PyObject *m);

static PyModuleDef_Slot numpy_ufunc_slots[] = {
    {Py_mod_exec, numpy_ufunc_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef numpy_ufunc_module = {
    PyModuleDef_HEAD_INIT,
    "numpy_ufunc",
    NULL,
    0,
    NULL,
    numpy_ufunc_slots,
    NULL,
    NULL,
    NULL
};

static int
numpy_ufunc_exec_body(PyObject *m)
{
    PyObject *halve;

    import_array1(-1);
    import_umath1(-1);

    halve = PyUFunc_FromFuncAndData(halve_loops, NULL, halve_types, 1, 1, 1,
                                    PyUFunc_None, "halve",
                                    "Divide by two, elementwise.", 0);
    if (halve == NULL) {
        return -1;
    }
    if (PyModule_AddObject(m, "halve", halve) < 0) {
        Py_DECREF(halve);
        return -1;
    }
    return 0;
}

/* The namespace later module objects are filled from, as single-phase init
 * kept m_copy: what the body left, minus the attributes the import system
 * sets on each module object itself. */
static int
numpy_ufunc_keep_namespace(PyObject *m)
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
    numpy_ufunc_namespace = copy;
    return 0;
}

#ifndef Py_LIMITED_API
/* A legacy subinterpreter takes the objects the body made there with it when
 * it ends. Single-phase init then ran init again in the next interpreter
 * (CPython 3.8-3.12): forget the body there, so the next import runs it. */
static PyObject *
numpy_ufunc_forget_body(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    Py_CLEAR(numpy_ufunc_namespace);
    Py_CLEAR(numpy_ufunc_body_module);
    Py_RETURN_NONE;
}

static PyMethodDef numpy_ufunc_forget_body_def = {
    "numpy_ufunc_forget_body", numpy_ufunc_forget_body, METH_NOARGS, NULL
};

static int
numpy_ufunc_forget_at_interpreter_end(void)
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
    callback = PyCFunction_New(&numpy_ufunc_forget_body_def, NULL);
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
numpy_ufunc_forget_at_interpreter_end(void)
{
    /* The limited API cannot tell which interpreter runs exec. */
    return 0;
}
#endif

static int
numpy_ufunc_exec(PyObject *m)
{
    if (numpy_ufunc_namespace != NULL) {
        return PyDict_Update(PyModule_GetDict(m), numpy_ufunc_namespace);
    }
    if (numpy_ufunc_body_module != NULL) {
        /* Imported again from inside its own first exec. */
        PyErr_SetString(PyExc_ImportError,
                        "numpy_ufunc is imported again while its first import is still running");
        return -1;
    }
    Py_INCREF(m);
    numpy_ufunc_body_module = m;
    if (numpy_ufunc_exec_body(m) < 0) {
        Py_CLEAR(numpy_ufunc_body_module);
        return -1;
    }
    if (numpy_ufunc_keep_namespace(m) < 0) {
        return -1;
    }
    return numpy_ufunc_forget_at_interpreter_end();
}

PyMODINIT_FUNC
PyInit_numpy_ufunc(void)
{
    return PyModuleDef_Init(&numpy_ufunc_module);
}
