/* Two types registered by a statement macro that jumps to the init's error
 * label and is written once per CPython range (PyModule_AddObjectRef from
 * 3.10, the INCREF / AddObject / DECREF-on-failure dance before). The body
 * is a helper the init returns the result of; the macro's goto is the only
 * way to reach the label. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    long ticks;
} CounterObject;

static PyObject *
Counter_tick(PyObject *self, PyObject *noargs)
{
    CounterObject *counter = (CounterObject *)self;
    (void)noargs;
    counter->ticks++;
    return PyLong_FromLong(counter->ticks);
}

static PyMethodDef Counter_methods[] = {
    {"tick", Counter_tick, METH_NOARGS, "Count one more and return the total."},
    {NULL, NULL, 0, NULL}
};

static PyTypeObject Counter_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    "macro_goto_arms.Counter",
    sizeof(CounterObject),
};

static PyTypeObject Gauge_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    "macro_goto_arms.Gauge",
    sizeof(CounterObject),
};

/* Single-phase init (m_size -1) ran this module's body once per process
 * and gave every later import a copy of the first module's namespace.
 * Exec keeps that: the body runs for the first module object only, which
 * is kept here, and later module objects get a copy of its namespace. */
static PyObject *macro_goto_arms_body_module = NULL;
static PyObject *macro_goto_arms_namespace = NULL;

static int macro_goto_arms_exec(PyObject *mod);

static PyModuleDef_Slot macro_goto_arms_slots[] = {
    {Py_mod_exec, macro_goto_arms_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef arms_def = {
    PyModuleDef_HEAD_INIT,
    "macro_goto_arms",
    "Counters registered through a version-dependent macro.",
    0,
    NULL,
    macro_goto_arms_slots
};

#if PY_VERSION_HEX >= 0x030A0000
#define REGISTER_TYPE(module, name, type)                                   \
    do {                                                                    \
        if (PyModule_AddObjectRef((module), (name), (PyObject *)(type)) < 0) \
            goto error;                                                     \
    } while (0)
#else
#define REGISTER_TYPE(module, name, type)                                   \
    do {                                                                    \
        Py_INCREF((PyObject *)(type));                                      \
        if (PyModule_AddObject((module), (name), (PyObject *)(type)) < 0) { \
            Py_DECREF((PyObject *)(type));                                  \
            goto error;                                                     \
        }                                                                   \
    } while (0)
#endif

static int
macro_goto_arms_exec_body(PyObject *mod)
{
    Counter_Type.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE;
    Counter_Type.tp_new = PyType_GenericNew;
    Counter_Type.tp_methods = Counter_methods;
    if (PyType_Ready(&Counter_Type) < 0)
        return -1;
    Gauge_Type.tp_flags = Py_TPFLAGS_DEFAULT;
    Gauge_Type.tp_base = &Counter_Type;
    if (PyType_Ready(&Gauge_Type) < 0)
        return -1;

    REGISTER_TYPE(mod, "Counter", &Counter_Type);
    REGISTER_TYPE(mod, "Gauge", &Gauge_Type);
    return 0;

error:
    return -1;
}

/* The namespace later module objects are filled from, as single-phase init
 * kept m_copy: what the body left, minus the attributes the import system
 * sets on each module object itself. */
static int
macro_goto_arms_keep_namespace(PyObject *mod)
{
    static const char *const own_attributes[] = {
        "__name__", "__spec__", "__loader__", "__package__", "__file__"
    };
    PyObject *copy = PyDict_Copy(PyModule_GetDict(mod));
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
    macro_goto_arms_namespace = copy;
    return 0;
}

#ifndef Py_LIMITED_API
/* A legacy subinterpreter takes the objects the body made there with it when
 * it ends. Single-phase init then ran init again in the next interpreter
 * (CPython 3.8-3.12): forget the body there, so the next import runs it. */
static PyObject *
macro_goto_arms_forget_body(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    Py_CLEAR(macro_goto_arms_namespace);
    Py_CLEAR(macro_goto_arms_body_module);
    Py_RETURN_NONE;
}

static PyMethodDef macro_goto_arms_forget_body_def = {
    "macro_goto_arms_forget_body", macro_goto_arms_forget_body, METH_NOARGS, NULL
};

static int
macro_goto_arms_forget_at_interpreter_end(void)
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
    callback = PyCFunction_New(&macro_goto_arms_forget_body_def, NULL);
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
macro_goto_arms_forget_at_interpreter_end(void)
{
    /* The limited API cannot tell which interpreter runs exec. */
    return 0;
}
#endif

static int
macro_goto_arms_exec(PyObject *mod)
{
    if (macro_goto_arms_namespace != NULL) {
        return PyDict_Update(PyModule_GetDict(mod), macro_goto_arms_namespace);
    }
    if (macro_goto_arms_body_module != NULL) {
        /* Imported again from inside its own first exec. */
        PyErr_SetString(PyExc_ImportError,
                        "macro_goto_arms is imported again while its first import is still running");
        return -1;
    }
    Py_INCREF(mod);
    macro_goto_arms_body_module = mod;
    if (macro_goto_arms_exec_body(mod) < 0) {
        Py_CLEAR(macro_goto_arms_body_module);
        return -1;
    }
    if (macro_goto_arms_keep_namespace(mod) < 0) {
        return -1;
    }
    return macro_goto_arms_forget_at_interpreter_end();
}

PyMODINIT_FUNC
PyInit_macro_goto_arms(void)
{
    return PyModuleDef_Init(&arms_def);
}
