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

static int two_types_exec(PyObject *module);

static PyModuleDef_Slot two_types_slots[] = {
    {Py_mod_exec, two_types_exec},
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#if PY_VERSION_HEX >= 0x030D0000
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
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
two_types_exec(PyObject *module)
{
    /* This module keeps process-wide state (static type VecType and static
     * type UnitVecType), so it can be loaded only once per process. See
     * https://docs.python.org/3/howto/isolating-extensions.html#opt-out-limiting-to-one-module-object-per-process
     */
    static int module_loaded = 0;
    if (module_loaded) {
        PyErr_SetString(PyExc_ImportError,
                        "cannot load module more than once per process");
        return -1;
    }
    module_loaded = 1;

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

PyMODINIT_FUNC
PyInit_two_types(void)
{
    return PyModuleDef_Init(&two_types_module);
}
