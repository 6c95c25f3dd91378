/* msize_zero: already declares m_size 0 (no state at all), so the size
 * must stay as it is. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
msize_zero_identity(PyObject *self, PyObject *arg)
{
    Py_INCREF(arg);
    return arg;
}

static PyObject *
msize_zero_module_of(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    /* Module-level functions receive their module as self. */
    Py_INCREF(self);
    return self;
}

static PyMethodDef msize_zero_methods[] = {
    {"identity", msize_zero_identity, METH_O, "Return the argument."},
    {"module_of", msize_zero_module_of, METH_NOARGS, "Return the module."},
    {NULL, NULL, 0, NULL}
};

static int msize_zero_exec(PyObject *m);

static PyModuleDef_Slot msize_zero_slots[] = {
    {Py_mod_exec, msize_zero_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef msize_zero_module = {
    PyModuleDef_HEAD_INIT,
    "msize_zero",
    NULL,
    0,
    msize_zero_methods,
    msize_zero_slots,
    NULL,
    NULL,
    NULL
};

static int
msize_zero_exec(PyObject *m)
{
    if (PyModule_AddIntConstant(m, "STATELESS", 1) < 0) {
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC
PyInit_msize_zero(void)
{
    return PyModuleDef_Init(&msize_zero_module);
}
