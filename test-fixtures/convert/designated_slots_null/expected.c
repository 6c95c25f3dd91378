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

static int designated_slots_null_exec(PyObject *m);

static PyModuleDef_Slot designated_slots_null_slots[] = {
    {Py_mod_exec, designated_slots_null_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef designated_slots_null_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "designated_slots_null",
    .m_methods = designated_slots_null_methods,
    .m_slots = designated_slots_null_slots,
    .m_size = 0,
    .m_traverse = NULL,
    .m_clear = NULL,
    .m_free = NULL,
};

static int
designated_slots_null_exec(PyObject *m)
{
    if (PyModule_AddStringConstant(m, "DEFAULT_SEP", ", ") < 0) {
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC
PyInit_designated_slots_null(void)
{
    return PyModuleDef_Init(&designated_slots_null_module);
}
