/* mfree_global: a registry kept in a static global, filled by the init,
 * visited by m_traverse, released by m_clear and m_free (which also counts
 * how often it ran). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *registry;
static long free_count;

static PyObject *
mfree_global_lookup(PyObject *self, PyObject *key)
{
    PyObject *value;

    if (registry == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "the registry was released");
        return NULL;
    }
    value = PyDict_GetItemWithError(registry, key);
    if (value == NULL) {
        if (!PyErr_Occurred())
            PyErr_SetObject(PyExc_KeyError, key);
        return NULL;
    }
    Py_INCREF(value);
    return value;
}

static PyObject *
mfree_global_free_calls(PyObject *self, PyObject *unused)
{
    return PyLong_FromLong(free_count);
}

static int
mfree_global_traverse(PyObject *module, visitproc visit, void *arg)
{
    Py_VISIT(registry);
    return 0;
}

static int
mfree_global_clear(PyObject *module)
{
    Py_CLEAR(registry);
    return 0;
}

static void
mfree_global_free(void *module)
{
    free_count++;
    Py_CLEAR(registry);
}

static PyMethodDef mfree_global_methods[] = {
    {"lookup", mfree_global_lookup, METH_O, "Look a name up in the registry."},
    {"free_calls", mfree_global_free_calls, METH_NOARGS, "How often m_free ran."},
    {NULL, NULL, 0, NULL}
};

/* Single-phase init (m_size -1) ran this module's body once per process
 * and gave every later import a copy of the first module's namespace.
 * Exec keeps that: the body runs for the first module object only, which
 * is kept here, and later module objects get a copy of its namespace. */
static PyObject *mfree_global_body_module = NULL;
static PyObject *mfree_global_namespace = NULL;

static int
mfree_global_body_traverse(PyObject *module, visitproc visit, void *arg)
{
    if (module != mfree_global_body_module) {
        /* Not the module that ran the body: the state is not its own. */
        return 0;
    }
    return mfree_global_traverse(module, visit, arg);
}

static int
mfree_global_body_clear(PyObject *module)
{
    if (module != mfree_global_body_module) {
        /* Not the module that ran the body: the state is not its own. */
        return 0;
    }
    return mfree_global_clear(module);
}

static void
mfree_global_body_free(void *module)
{
    if (module != mfree_global_body_module) {
        /* Not the module that ran the body: the state is not its own. */
        return;
    }
    mfree_global_free(module);
}

static int mfree_global_exec(PyObject *m);

static PyModuleDef_Slot mfree_global_slots[] = {
    {Py_mod_exec, mfree_global_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef mfree_global_module = {
    PyModuleDef_HEAD_INIT,
    "mfree_global",
    "A registry released by m_free.",
    0,
    mfree_global_methods,
    mfree_global_slots,
    mfree_global_body_traverse,
    mfree_global_body_clear,
    mfree_global_body_free
};

static int
mfree_global_exec_body(PyObject *m)
{
    PyObject *answer;
    (void)m;

    registry = PyDict_New();
    if (registry == NULL) {
        return -1;
    }
    answer = PyLong_FromLong(42);
    if (answer == NULL || PyDict_SetItemString(registry, "answer", answer) < 0) {
        Py_XDECREF(answer);
        return -1;
    }
    Py_DECREF(answer);
    return 0;
}

/* The namespace later module objects are filled from, as single-phase init
 * kept m_copy: what the body left, minus the attributes the import system
 * sets on each module object itself. */
static int
mfree_global_keep_namespace(PyObject *m)
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
    mfree_global_namespace = copy;
    return 0;
}

#ifndef Py_LIMITED_API
/* A legacy subinterpreter takes the objects the body made there with it when
 * it ends. Single-phase init then ran init again in the next interpreter
 * (CPython 3.8-3.12): forget the body there, so the next import runs it. */
static PyObject *
mfree_global_forget_body(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    Py_CLEAR(mfree_global_namespace);
    Py_CLEAR(mfree_global_body_module);
    Py_RETURN_NONE;
}

static PyMethodDef mfree_global_forget_body_def = {
    "mfree_global_forget_body", mfree_global_forget_body, METH_NOARGS, NULL
};

static int
mfree_global_forget_at_interpreter_end(void)
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
    callback = PyCFunction_New(&mfree_global_forget_body_def, NULL);
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
mfree_global_forget_at_interpreter_end(void)
{
    /* The limited API cannot tell which interpreter runs exec. */
    return 0;
}
#endif

static int
mfree_global_exec(PyObject *m)
{
    if (mfree_global_namespace != NULL) {
        return PyDict_Update(PyModule_GetDict(m), mfree_global_namespace);
    }
    if (mfree_global_body_module != NULL) {
        /* Imported again from inside its own first exec. */
        PyErr_SetString(PyExc_ImportError,
                        "mfree_global is imported again while its first import is still running");
        return -1;
    }
    Py_INCREF(m);
    mfree_global_body_module = m;
    if (mfree_global_exec_body(m) < 0) {
        Py_CLEAR(mfree_global_body_module);
        return -1;
    }
    if (mfree_global_keep_namespace(m) < 0) {
        return -1;
    }
    return mfree_global_forget_at_interpreter_end();
}

PyMODINIT_FUNC
PyInit_mfree_global(void)
{
    return PyModuleDef_Init(&mfree_global_module);
}
