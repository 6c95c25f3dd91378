/* state_find_helper: method helpers find their module with
 * PyState_FindModule to read its "factor" attribute; the init registers
 * the module with PyState_AddModule and keeps a static exception. */
#include <Python.h>

static struct PyModuleDef state_find_helper_module;
static PyObject *ScaleError;

/* Single-phase init (m_size -1) ran this module's body once per process
 * and gave every later import a copy of the first module's namespace.
 * Exec keeps that: the body runs for the first module object only, which
 * is kept here, and later module objects get a copy of its namespace. */
static PyObject *state_find_helper_body_module = NULL;
static PyObject *state_find_helper_namespace = NULL;

static PyObject *
current_module(void)
{
    PyObject *module = state_find_helper_body_module;

    if (module == NULL && !PyErr_Occurred())
        PyErr_SetString(PyExc_RuntimeError, "state_find_helper is not initialised");
    return module;
}

static PyObject *
state_find_helper_scale(PyObject *self, PyObject *value)
{
    PyObject *module = current_module();
    PyObject *factor;
    PyObject *result;

    if (module == NULL)
        return NULL;
    if (!PyLong_Check(value)) {
        PyErr_SetString(ScaleError, "only integers can be scaled");
        return NULL;
    }
    factor = PyObject_GetAttrString(module, "factor");
    if (factor == NULL)
        return NULL;
    result = PyNumber_Multiply(value, factor);
    Py_DECREF(factor);
    return result;
}

static PyMethodDef state_find_helper_methods[] = {
    {"scale", state_find_helper_scale, METH_O, "Multiply by the module's factor."},
    {NULL, NULL, 0, NULL}
};

static int state_find_helper_exec(PyObject *m);

static PyModuleDef_Slot state_find_helper_slots[] = {
    {Py_mod_exec, state_find_helper_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef state_find_helper_module = {
    PyModuleDef_HEAD_INIT,
    "state_find_helper",
    "Helpers that look their module up.",
    0,
    state_find_helper_methods,
    state_find_helper_slots
};

static int
state_find_helper_exec_body(PyObject *m)
{
    ScaleError = PyErr_NewException("state_find_helper.ScaleError", PyExc_TypeError, NULL);
    if (ScaleError == NULL || PyModule_AddObject(m, "ScaleError", ScaleError) < 0) {
        return -1;
    }
    Py_INCREF(ScaleError);
    if (PyModule_AddIntConstant(m, "factor", 3) < 0) {
        return -1;
    }
    return 0;
}

/* The namespace later module objects are filled from, as single-phase init
 * kept m_copy: what the body left, minus the attributes the import system
 * sets on each module object itself. */
static int
state_find_helper_keep_namespace(PyObject *m)
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
    state_find_helper_namespace = copy;
    return 0;
}

#ifndef Py_LIMITED_API
/* A legacy subinterpreter takes the objects the body made there with it when
 * it ends. Single-phase init then ran init again in the next interpreter
 * (CPython 3.8-3.12): forget the body there, so the next import runs it. */
static PyObject *
state_find_helper_forget_body(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    Py_CLEAR(state_find_helper_namespace);
    Py_CLEAR(state_find_helper_body_module);
    Py_RETURN_NONE;
}

static PyMethodDef state_find_helper_forget_body_def = {
    "state_find_helper_forget_body", state_find_helper_forget_body, METH_NOARGS, NULL
};

static int
state_find_helper_forget_at_interpreter_end(void)
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
    callback = PyCFunction_New(&state_find_helper_forget_body_def, NULL);
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
state_find_helper_forget_at_interpreter_end(void)
{
    /* The limited API cannot tell which interpreter runs exec. */
    return 0;
}
#endif

static int
state_find_helper_exec(PyObject *m)
{
    if (state_find_helper_namespace != NULL) {
        return PyDict_Update(PyModule_GetDict(m), state_find_helper_namespace);
    }
    if (state_find_helper_body_module != NULL) {
        /* Imported again from inside its own first exec. */
        PyErr_SetString(PyExc_ImportError,
                        "state_find_helper is imported again while its first import is still running");
        return -1;
    }
    Py_INCREF(m);
    state_find_helper_body_module = m;
    if (state_find_helper_exec_body(m) < 0) {
        Py_CLEAR(state_find_helper_body_module);
        return -1;
    }
    if (state_find_helper_keep_namespace(m) < 0) {
        return -1;
    }
    return state_find_helper_forget_at_interpreter_end();
}

PyMODINIT_FUNC
PyInit_state_find_helper(void)
{
    return PyModuleDef_Init(&state_find_helper_module);
}
