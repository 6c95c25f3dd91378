/* m_size chosen per version inside the positional def: no size on 3.12 and
 * later, the single-phase "global state" size before. The init keeps a
 * static tuple the functions hand out. */
#include <Python.h>

static PyObject *cached_pair = NULL;

static PyObject *
pair(PyObject *self, PyObject *unused)
{
    Py_INCREF(cached_pair);
    return cached_pair;
}

static PyMethodDef msize_by_version_methods[] = {
    {"pair", pair, METH_NOARGS, "The module's cached (1, 2) tuple."},
    {NULL, NULL, 0, NULL}
};

/* Single-phase init (m_size -1) ran this module's body once per process
 * and gave every later import a copy of the first module's namespace.
 * Exec keeps that: the body runs for the first module object only, which
 * is kept here, and later module objects get a copy of its namespace. */
static PyObject *msize_by_version_body_module = NULL;
static PyObject *msize_by_version_namespace = NULL;

static int msize_by_version_exec(PyObject *m);

static PyModuleDef_Slot msize_by_version_slots[] = {
    {Py_mod_exec, msize_by_version_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef msize_by_version_module = {
    PyModuleDef_HEAD_INIT,
    "msize_by_version",         /* m_name */
    "m_size by version.",       /* m_doc */
    0,                          /* m_size: no per-module state */
    msize_by_version_methods,   /* m_methods */
    msize_by_version_slots,     /* m_slots */
    NULL,                       /* m_traverse */
    NULL,                       /* m_clear */
    NULL                        /* m_free */
};

static int
msize_by_version_exec_body(PyObject *m)
{
    cached_pair = Py_BuildValue("(ii)", 1, 2);
    if (cached_pair == NULL)
        return -1;
    if (PyModule_AddIntConstant(m, "WIDTH", 2) < 0) {
        return -1;
    }
    return 0;
}

/* The namespace later module objects are filled from, as single-phase init
 * kept m_copy: what the body left, minus the attributes the import system
 * sets on each module object itself. */
static int
msize_by_version_keep_namespace(PyObject *m)
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
    msize_by_version_namespace = copy;
    return 0;
}

#ifndef Py_LIMITED_API
/* A legacy subinterpreter takes the objects the body made there with it when
 * it ends. Single-phase init then ran init again in the next interpreter
 * (CPython 3.8-3.12): forget the body there, so the next import runs it. */
static PyObject *
msize_by_version_forget_body(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    Py_CLEAR(msize_by_version_namespace);
    Py_CLEAR(msize_by_version_body_module);
    Py_RETURN_NONE;
}

static PyMethodDef msize_by_version_forget_body_def = {
    "msize_by_version_forget_body", msize_by_version_forget_body, METH_NOARGS, NULL
};

static int
msize_by_version_forget_at_interpreter_end(void)
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
    callback = PyCFunction_New(&msize_by_version_forget_body_def, NULL);
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
msize_by_version_forget_at_interpreter_end(void)
{
    /* The limited API cannot tell which interpreter runs exec. */
    return 0;
}
#endif

static int
msize_by_version_exec(PyObject *m)
{
    if (msize_by_version_namespace != NULL) {
        return PyDict_Update(PyModule_GetDict(m), msize_by_version_namespace);
    }
    if (msize_by_version_body_module != NULL) {
        /* Imported again from inside its own first exec. */
        PyErr_SetString(PyExc_ImportError,
                        "msize_by_version is imported again while its first import is still running");
        return -1;
    }
    Py_INCREF(m);
    msize_by_version_body_module = m;
    if (msize_by_version_exec_body(m) < 0) {
        Py_CLEAR(msize_by_version_body_module);
        return -1;
    }
    if (msize_by_version_keep_namespace(m) < 0) {
        return -1;
    }
    return msize_by_version_forget_at_interpreter_end();
}

PyMODINIT_FUNC
PyInit_msize_by_version(void)
{
    return PyModuleDef_Init(&msize_by_version_module);
}
