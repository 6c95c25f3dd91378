/* two_types: two static types, one subclassing the other, added with
 * Py_INCREF and a shared cleanup label. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    double x;
    double y;
} VecObject;

static PyObject *
Vec_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"x", "y", NULL};
    VecObject *self;
    double x = 0.0, y = 0.0;

    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|dd", kwlist, &x, &y))
        return NULL;
    self = (VecObject *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    self->x = x;
    self->y = y;
    return (PyObject *)self;
}

static PyObject *
Vec_norm2(VecObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyFloat_FromDouble(self->x * self->x + self->y * self->y);
}

static PyObject *
Vec_repr(VecObject *self)
{
    PyObject *x = PyFloat_FromDouble(self->x);
    PyObject *y = PyFloat_FromDouble(self->y);
    PyObject *r = NULL;

    if (x != NULL && y != NULL)
        r = PyUnicode_FromFormat("%s(%R, %R)", Py_TYPE(self)->tp_name, x, y);
    Py_XDECREF(x);
    Py_XDECREF(y);
    return r;
}

static PyMethodDef Vec_methods[] = {
    {"norm2", (PyCFunction)Vec_norm2, METH_NOARGS, "Squared length."},
    {NULL, NULL, 0, NULL}
};

static PyTypeObject VecType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "Vec",
    .tp_basicsize = sizeof(VecObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_new = Vec_new,
    .tp_repr = (reprfunc)Vec_repr,
    .tp_methods = Vec_methods,
};

static PyObject *
UnitVec_norm2(VecObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyFloat_FromDouble(1.0);
}

static PyMethodDef UnitVec_methods[] = {
    {"norm2", (PyCFunction)UnitVec_norm2, METH_NOARGS, "Always 1."},
    {NULL, NULL, 0, NULL}
};

static PyTypeObject UnitVecType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "UnitVec",
    .tp_basicsize = sizeof(VecObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_methods = UnitVec_methods,
};

/* Single-phase init (m_size -1) ran this module's body once per process
 * and gave every later import a copy of the first module's namespace.
 * Exec keeps that: the body runs for the first module object only, which
 * is kept here, and later module objects get a copy of its namespace. */
static PyObject *two_types_body_module = NULL;
static PyObject *two_types_namespace = NULL;

static int two_types_exec(PyObject *module);

static PyModuleDef_Slot two_types_slots[] = {
    {Py_mod_exec, two_types_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef two_types_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "two_types",
    .m_doc = "Vectors.",
    .m_size = 0,
    .m_slots = two_types_slots,
};

static int
two_types_exec_body(PyObject *module)
{
    UnitVecType.tp_base = &VecType;
    if (PyType_Ready(&VecType) < 0 || PyType_Ready(&UnitVecType) < 0)
        return -1;

    Py_INCREF(&VecType);
    if (PyModule_AddObject(module, "Vec", (PyObject *)&VecType) < 0) {
        Py_DECREF(&VecType);
        goto error;
    }
    Py_INCREF(&UnitVecType);
    if (PyModule_AddObject(module, "UnitVec", (PyObject *)&UnitVecType) < 0) {
        Py_DECREF(&UnitVecType);
        goto error;
    }
    return 0;

  error:
    return -1;
}

/* The namespace later module objects are filled from, as single-phase init
 * kept m_copy: what the body left, minus the attributes the import system
 * sets on each module object itself. */
static int
two_types_keep_namespace(PyObject *module)
{
    static const char *const own_attributes[] = {
        "__name__", "__spec__", "__loader__", "__package__", "__file__"
    };
    PyObject *copy = PyDict_Copy(PyModule_GetDict(module));
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
    two_types_namespace = copy;
    return 0;
}

#ifndef Py_LIMITED_API
/* A legacy subinterpreter takes the objects the body made there with it when
 * it ends. Single-phase init then ran init again in the next interpreter
 * (CPython 3.8-3.12): forget the body there, so the next import runs it. */
static PyObject *
two_types_forget_body(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    Py_CLEAR(two_types_namespace);
    Py_CLEAR(two_types_body_module);
    Py_RETURN_NONE;
}

static PyMethodDef two_types_forget_body_def = {
    "two_types_forget_body", two_types_forget_body, METH_NOARGS, NULL
};

static int
two_types_forget_at_interpreter_end(void)
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
    callback = PyCFunction_New(&two_types_forget_body_def, NULL);
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
two_types_forget_at_interpreter_end(void)
{
    /* The limited API cannot tell which interpreter runs exec. */
    return 0;
}
#endif

static int
two_types_exec(PyObject *module)
{
    if (two_types_namespace != NULL) {
        return PyDict_Update(PyModule_GetDict(module), two_types_namespace);
    }
    if (two_types_body_module != NULL) {
        /* Imported again from inside its own first exec. */
        PyErr_SetString(PyExc_ImportError,
                        "two_types is imported again while its first import is still running");
        return -1;
    }
    Py_INCREF(module);
    two_types_body_module = module;
    if (two_types_exec_body(module) < 0) {
        Py_CLEAR(two_types_body_module);
        return -1;
    }
    if (two_types_keep_namespace(module) < 0) {
        return -1;
    }
    return two_types_forget_at_interpreter_end();
}

PyMODINIT_FUNC
PyInit_two_types(void)
{
    return PyModuleDef_Init(&two_types_module);
}
