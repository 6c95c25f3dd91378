/* helper_create: PyInit only delegates; a helper builds the module (a
 * shape used to share one builder between an init and tests). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
helper_create_square(PyObject *self, PyObject *arg)
{
    return PyNumber_Multiply(arg, arg);
}

static PyMethodDef helper_create_methods[] = {
    {"square", helper_create_square, METH_O, "x * x"},
    {NULL, NULL, 0, NULL}
};

static int helper_create_exec(PyObject *m);

static PyModuleDef_Slot helper_create_slots[] = {
    {Py_mod_exec, helper_create_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef helper_create_module = {
    PyModuleDef_HEAD_INIT,
    "helper_create",
    NULL,
    0,
    helper_create_methods,
    helper_create_slots,
    NULL,
    NULL,
    NULL
};

static int
helper_create_exec(PyObject *m)
{
    if (PyModule_AddIntConstant(m, "ANSWER", 42) < 0) {
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC
PyInit_helper_create(void)
{
    return PyModuleDef_Init(&helper_create_module);
}
