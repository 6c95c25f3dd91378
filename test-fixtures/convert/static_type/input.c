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

static struct PyModuleDef static_type_module = {
    PyModuleDef_HEAD_INIT,
    "static_type",
    "Home of the Counter type.",
    -1,
    NULL,
};

PyMODINIT_FUNC
PyInit_static_type(void)
{
    PyObject *m;

    if (PyType_Ready(&CounterType) < 0)
        return NULL;

    m = PyModule_Create(&static_type_module);
    if (m == NULL)
        return NULL;

    Py_INCREF(&CounterType);
    if (PyModule_AddObject(m, "Counter", (PyObject *)&CounterType) < 0) {
        Py_DECREF(&CounterType);
        Py_DECREF(m);
        return NULL;
    }

    return m;
}
