/*
 * Code tree-sitter cannot parse cleanly: export macros before declarations,
 * PyObject_HEAD in structs, macro statements without semicolons, #if lines
 * inside an initialiser list. Exactly one module is here.
 */
#include <Python.h>

#define NPY_NO_EXPORT static
#define CHECK_OR_FAIL(x) if (!(x)) { return NULL; }

typedef struct {
    PyObject_HEAD
    double value;
    NPY_ATOMIC long refs;
} Box;

NPY_NO_EXPORT NPY_INLINE int
box_value(Box *self, double *out)
{
    *out = self->value;
    return 0;
}

NPY_NO_EXPORT PyTypeObject BoxType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "messy.Box",
    .tp_basicsize = sizeof(Box),
};

static PyMethodDef messy_methods[] = {
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef messy_module = {
    PyModuleDef_HEAD_INIT,
    "messy",
#if defined(MESSY_DOCS)
    "Documented.",
#else
    NULL,
#endif
    -1,
    messy_methods
};

PyMODINIT_FUNC
PyInit_messy(void)
{
    PyObject *m;
    CHECK_OR_FAIL(PyType_Ready(&BoxType) >= 0)
    m = PyModule_Create(&messy_module);
    CHECK_OR_FAIL(m != NULL)
    Py_INCREF(&BoxType);
    PyModule_AddObject(m, "Box", (PyObject *)&BoxType);
    return m;
}
