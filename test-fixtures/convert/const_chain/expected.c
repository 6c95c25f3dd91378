/* const_chain: a long run of constants, each checked on its own, the way
 * many wrappers of C libraries export their enums. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

enum shape_kind { SHAPE_POINT = 0, SHAPE_LINE = 1, SHAPE_POLYGON = 2 };

static PyObject *
const_chain_describe(PyObject *self, PyObject *arg)
{
    long kind = PyLong_AsLong(arg);

    if (kind == -1 && PyErr_Occurred())
        return NULL;
    switch (kind) {
    case SHAPE_POINT:
        return PyUnicode_FromString("point");
    case SHAPE_LINE:
        return PyUnicode_FromString("line");
    case SHAPE_POLYGON:
        return PyUnicode_FromString("polygon");
    default:
        PyErr_Format(PyExc_ValueError, "unknown shape kind %ld", kind);
        return NULL;
    }
}

static PyMethodDef const_chain_methods[] = {
    {"describe", const_chain_describe, METH_O, "Name of a shape kind."},
    {NULL, NULL, 0, NULL}
};

static int const_chain_exec(PyObject *m);

static PyModuleDef_Slot const_chain_slots[] = {
    {Py_mod_exec, const_chain_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef const_chain_module = {
    PyModuleDef_HEAD_INIT,
    "const_chain",
    "Shape kinds.",
    0,
    const_chain_methods,
    const_chain_slots,
};

static int
const_chain_exec(PyObject *m)
{
    /* Kinds, in the order of the C enum. */
    if (PyModule_AddIntConstant(m, "POINT", SHAPE_POINT) < 0) {
        return -1;
    }
    if (PyModule_AddIntConstant(m, "LINE", SHAPE_LINE) < 0) {
        return -1;
    }
    if (PyModule_AddIntConstant(m, "POLYGON", SHAPE_POLYGON) < 0) {
        return -1;
    }

    /* Units the coordinates are given in. */
    if (PyModule_AddStringConstant(m, "UNIT", "mm") < 0) {
        return -1;
    }
    if (PyModule_AddObject(m, "ORIGIN", Py_BuildValue("(dd)", 0.0, 0.0)) < 0) {
        return -1;
    }

    return 0;
}

PyMODINIT_FUNC
PyInit_const_chain(void)
{
    return PyModuleDef_Init(&const_chain_module);
}
