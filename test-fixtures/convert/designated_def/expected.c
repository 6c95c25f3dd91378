/* designated_def: a def written with designated initialisers and a few
 * constants added in one chained condition. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define DESIGNATED_DEF_VERSION "1.4.2"

static PyObject *
designated_def_clamp(PyObject *self, PyObject *args)
{
    long value, low, high;

    if (!PyArg_ParseTuple(args, "lll:clamp", &value, &low, &high))
        return NULL;
    if (low > high) {
        PyErr_SetString(PyExc_ValueError, "low must not exceed high");
        return NULL;
    }
    if (value < low)
        value = low;
    else if (value > high)
        value = high;
    return PyLong_FromLong(value);
}

static PyMethodDef designated_def_methods[] = {
    {"clamp", designated_def_clamp, METH_VARARGS,
     "clamp(value, low, high) -> value limited to [low, high]"},
    {NULL, NULL, 0, NULL}
};

static int designated_def_exec(PyObject *module);

static PyModuleDef_Slot designated_def_slots[] = {
    {Py_mod_exec, designated_def_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef designated_def_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "designated_def",
    .m_doc = "Clamping helpers.",
    .m_size = 0,
    .m_methods = designated_def_methods,
    .m_slots = designated_def_slots,
};

static int
designated_def_exec(PyObject *module)
{
    if (PyModule_AddStringConstant(module, "__version__", DESIGNATED_DEF_VERSION) ||
        PyModule_AddIntConstant(module, "MIN_LEVEL", 0) ||
        PyModule_AddIntConstant(module, "MAX_LEVEL", 9)) {
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC
PyInit_designated_def(void)
{
    return PyModuleDef_Init(&designated_def_module);
}
