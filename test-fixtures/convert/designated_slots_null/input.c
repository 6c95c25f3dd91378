/* designated_slots_null: a designated def that already spells out
 * .m_slots = NULL and the GC hooks, in an unusual field order. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
designated_slots_null_join(PyObject *self, PyObject *args)
{
    PyObject *sep, *items;

    if (!PyArg_ParseTuple(args, "UO:join", &sep, &items))
        return NULL;
    return PyUnicode_Join(sep, items);
}

static PyMethodDef designated_slots_null_methods[] = {
    {"join", designated_slots_null_join, METH_VARARGS, "sep.join(items)"},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef designated_slots_null_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "designated_slots_null",
    .m_methods = designated_slots_null_methods,
    .m_slots = NULL,
    .m_size = -1,
    .m_traverse = NULL,
    .m_clear = NULL,
    .m_free = NULL,
};

PyMODINIT_FUNC
PyInit_designated_slots_null(void)
{
    PyObject *m;

    m = PyModule_Create(&designated_slots_null_module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddStringConstant(m, "DEFAULT_SEP", ", ") < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
