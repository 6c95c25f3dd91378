/* A checking macro shared by a factory function and the init: it releases
 * the module object it fills and returns NULL on failure, which is right in
 * the factory and wrong in exec, so the init's uses are expanded and the
 * definition is left to the factory. */
#include <Python.h>

#define ADD_LIMIT(obj, key, value)                                     \
    do {                                                               \
        if (PyModule_AddIntConstant((obj), (key), (value)) < 0) {      \
            Py_DECREF(obj);                                            \
            return NULL;                                               \
        }                                                              \
    } while (0)

static PyObject *
make_limits(PyObject *self, PyObject *noargs)
{
    PyObject *limits;

    (void)self;
    (void)noargs;
    limits = PyModule_New("limits");
    if (limits == NULL)
        return NULL;
    ADD_LIMIT(limits, "low", -5);
    ADD_LIMIT(limits, "high", 5);
    return limits;
}

static PyMethodDef limit_methods[] = {
    {"make_limits", make_limits, METH_NOARGS, "A fresh namespace of limits."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef limit_def = {
    PyModuleDef_HEAD_INIT, "macro_shared_expand", NULL, -1, limit_methods
};

PyMODINIT_FUNC
PyInit_macro_shared_expand(void)
{
    PyObject *m;

    m = PyModule_Create(&limit_def);
    if (m == NULL)
        return NULL;
    ADD_LIMIT(m, "LOW", 0);
    ADD_LIMIT(m, "HIGH", 100);
    return m;
}
