/* two_modules: one source file defines two extension modules that share
 * their implementation; the build links it under both names. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
twin_double(PyObject *self, PyObject *arg)
{
    return PyNumber_Add(arg, arg);
}

static PyObject *
twin_negate(PyObject *self, PyObject *arg)
{
    return PyNumber_Negative(arg);
}

static PyMethodDef twin_alpha_methods[] = {
    {"double", twin_double, METH_O, "x + x"},
    {NULL, NULL, 0, NULL}
};

static PyMethodDef twin_beta_methods[] = {
    {"double", twin_double, METH_O, "x + x"},
    {"negate", twin_negate, METH_O, "-x"},
    {NULL, NULL, 0, NULL}
};

static int twin_alpha_exec(PyObject *m);

static PyModuleDef_Slot twin_alpha_slots[] = {
    {Py_mod_exec, twin_alpha_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef twin_alpha_module = {
    PyModuleDef_HEAD_INIT,
    "twin_alpha",
    "The first twin.",
    0,
    twin_alpha_methods,
    twin_alpha_slots,
    NULL,
    NULL,
    NULL
};

static int twin_beta_exec(PyObject *m);

static PyModuleDef_Slot twin_beta_slots[] = {
    {Py_mod_exec, twin_beta_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef twin_beta_module = {
    PyModuleDef_HEAD_INIT,
    "twin_beta",
    "The second twin.",
    0,
    twin_beta_methods,
    twin_beta_slots,
    NULL,
    NULL,
    NULL
};

static int
twin_alpha_exec(PyObject *m)
{
    if (PyModule_AddStringConstant(m, "NAME", "alpha") < 0) {
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC
PyInit_twin_alpha(void)
{
    return PyModuleDef_Init(&twin_alpha_module);
}

static int
twin_beta_exec(PyObject *m)
{
    if (PyModule_AddStringConstant(m, "NAME", "beta") < 0) {
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC
PyInit_twin_beta(void)
{
    return PyModuleDef_Init(&twin_beta_module);
}
