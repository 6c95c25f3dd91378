/* null_result: on failure the init drops the module and sets the variable
 * to NULL, then falls through to a single `return m;`. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
null_result_sign(PyObject *self, PyObject *arg)
{
    double x = PyFloat_AsDouble(arg);

    if (x == -1.0 && PyErr_Occurred())
        return NULL;
    return PyLong_FromLong((x > 0) - (x < 0));
}

static PyMethodDef null_result_methods[] = {
    {"sign", null_result_sign, METH_O, "-1, 0 or 1."},
    {NULL, NULL, 0, NULL}
};

static int null_result_exec(PyObject *m);

static PyModuleDef_Slot null_result_slots[] = {
    {Py_mod_exec, null_result_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef null_result_module = {
    PyModuleDef_HEAD_INIT,
    "null_result",
    NULL,
    0,
    null_result_methods,
    null_result_slots,
    NULL,
    NULL,
    NULL
};

static int
null_result_exec(PyObject *m)
{
    PyObject *v;

    v = PyFloat_FromDouble(1e-9);
    if (v == NULL || PyModule_AddObject(m, "EPSILON", v) < 0) {
        Py_XDECREF(v);
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC
PyInit_null_result(void)
{
    return PyModuleDef_Init(&null_result_module);
}
