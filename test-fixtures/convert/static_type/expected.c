/* static_type: one static heap-less type, readied in the init and added
 * with the INCREF/AddObject/DECREF-on-failure dance. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

typedef struct {
    PyObject_HEAD
    long value;
    long step;
} CounterObject;

static int
Counter_init(CounterObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"start", "step", NULL};

    self->value = 0;
    self->step = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|ll:Counter", kwlist,
                                     &self->value, &self->step))
        return -1;
    return 0;
}

static PyObject *
Counter_increment(CounterObject *self, PyObject *Py_UNUSED(ignored))
{
    self->value += self->step;
    return PyLong_FromLong(self->value);
}

static PyObject *
Counter_repr(CounterObject *self)
{
    return PyUnicode_FromFormat("Counter(%ld, step=%ld)", self->value, self->step);
}

static PyMethodDef Counter_methods[] = {
    {"increment", (PyCFunction)Counter_increment, METH_NOARGS,
     "Advance by one step and return the new value."},
    {NULL, NULL, 0, NULL}
};

static PyMemberDef Counter_members[] = {
    {"value", T_LONG, offsetof(CounterObject, value), 0, "current value"},
    {"step", T_LONG, offsetof(CounterObject, step), READONLY, "increment"},
    {NULL, 0, 0, 0, NULL}
};

static PyTypeObject CounterType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "static_type.Counter",
    .tp_basicsize = sizeof(CounterObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "A counter that moves in fixed steps.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Counter_init,
    .tp_repr = (reprfunc)Counter_repr,
    .tp_methods = Counter_methods,
    .tp_members = Counter_members,
};

/* Single-phase init (m_size -1) ran this module's body once per process
 * and gave every later import a copy of the first module's namespace.
 * Exec keeps that: the body runs for the first module object only, which
 * is kept here, and later module objects get a copy of its namespace. */
static PyObject *static_type_body_module = NULL;
static PyObject *static_type_namespace = NULL;

static int static_type_exec(PyObject *m);

static PyModuleDef_Slot static_type_slots[] = {
    {Py_mod_exec, static_type_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef static_type_module = {
    PyModuleDef_HEAD_INIT,
    "static_type",
    "Home of the Counter type.",
    0,
    NULL,
    static_type_slots,
};

static int
static_type_exec_body(PyObject *m)
{
    if (PyType_Ready(&CounterType) < 0)
        return -1;

    Py_INCREF(&CounterType);
    if (PyModule_AddObject(m, "Counter", (PyObject *)&CounterType) < 0) {
        Py_DECREF(&CounterType);
        return -1;
    }

    return 0;
}

/* The namespace later module objects are filled from, as single-phase init
 * kept m_copy: what the body left, minus the attributes the import system
 * sets on each module object itself. */
static int
static_type_keep_namespace(PyObject *m)
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
    static_type_namespace = copy;
    return 0;
}

#ifndef Py_LIMITED_API
/* A legacy subinterpreter takes the objects the body made there with it when
 * it ends. Single-phase init then ran init again in the next interpreter
 * (CPython 3.8-3.12): forget the body there, so the next import runs it. */
static PyObject *
static_type_forget_body(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    Py_CLEAR(static_type_namespace);
    Py_CLEAR(static_type_body_module);
    Py_RETURN_NONE;
}

static PyMethodDef static_type_forget_body_def = {
    "static_type_forget_body", static_type_forget_body, METH_NOARGS, NULL
};

static int
static_type_forget_at_interpreter_end(void)
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
    callback = PyCFunction_New(&static_type_forget_body_def, NULL);
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
static_type_forget_at_interpreter_end(void)
{
    /* The limited API cannot tell which interpreter runs exec. */
    return 0;
}
#endif

static int
static_type_exec(PyObject *m)
{
    if (static_type_namespace != NULL) {
        return PyDict_Update(PyModule_GetDict(m), static_type_namespace);
    }
    if (static_type_body_module != NULL) {
        /* Imported again from inside its own first exec. */
        PyErr_SetString(PyExc_ImportError,
                        "static_type is imported again while its first import is still running");
        return -1;
    }
    Py_INCREF(m);
    static_type_body_module = m;
    if (static_type_exec_body(m) < 0) {
        Py_CLEAR(static_type_body_module);
        return -1;
    }
    if (static_type_keep_namespace(m) < 0) {
        return -1;
    }
    return static_type_forget_at_interpreter_end();
}

PyMODINIT_FUNC
PyInit_static_type(void)
{
    return PyModuleDef_Init(&static_type_module);
}
