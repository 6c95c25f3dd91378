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

static struct PyModuleDef arms_def = {
    PyModuleDef_HEAD_INIT,
    "macro_goto_arms",
    "Counters registered through a version-dependent macro.",
    -1,
    NULL
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

static PyObject *
init_module(void)
{
    PyObject *mod;

    Counter_Type.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE;
    Counter_Type.tp_new = PyType_GenericNew;
    Counter_Type.tp_methods = Counter_methods;
    if (PyType_Ready(&Counter_Type) < 0)
        return NULL;
    Gauge_Type.tp_flags = Py_TPFLAGS_DEFAULT;
    Gauge_Type.tp_base = &Counter_Type;
    if (PyType_Ready(&Gauge_Type) < 0)
        return NULL;

    mod = PyModule_Create(&arms_def);
    if (mod == NULL)
        return NULL;
    REGISTER_TYPE(mod, "Counter", &Counter_Type);
    REGISTER_TYPE(mod, "Gauge", &Gauge_Type);
    return mod;

error:
    Py_DECREF(mod);
    return NULL;
}

PyMODINIT_FUNC
PyInit_macro_goto_arms(void)
{
    return init_module();
}
