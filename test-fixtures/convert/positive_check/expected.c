/* positive_check: the init only fills the module when creation worked,
 * nesting the work under `if (m != NULL)` and returning m either way. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
positive_check_is_even(PyObject *self, PyObject *arg)
{
    long n = PyLong_AsLong(arg);

    if (n == -1 && PyErr_Occurred())
        return NULL;
    return PyBool_FromLong(n % 2 == 0);
}

static PyMethodDef positive_check_methods[] = {
    {"is_even", positive_check_is_even, METH_O, "True for even integers."},
    {NULL, NULL, 0, NULL}
};

static int positive_check_exec(PyObject *m);

static PyModuleDef_Slot positive_check_slots[] = {
    {Py_mod_exec, positive_check_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef positive_check_module = {
    PyModuleDef_HEAD_INIT,
    "positive_check",
    NULL,
    0,
    positive_check_methods,
    positive_check_slots,
    NULL,
    NULL,
    NULL
};

static int
positive_check_exec(PyObject *m)
{
    if (PyModule_AddIntConstant(m, "EVEN", 0) < 0 ||
        PyModule_AddIntConstant(m, "ODD", 1) < 0) {
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC
PyInit_positive_check(void)
{
    return PyModuleDef_Init(&positive_check_module);
}
