/* fail_label: `if (m == NULL) goto fail;` straight after the creation and
 * a label that releases the module with Py_DECREF guarded by a test. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
fail_label_mean(PyObject *self, PyObject *seq)
{
    PyObject *fast = PySequence_Fast(seq, "mean() expects a sequence");
    Py_ssize_t i, n;
    double total = 0.0;

    if (fast == NULL)
        return NULL;
    n = PySequence_Fast_GET_SIZE(fast);
    if (n == 0) {
        Py_DECREF(fast);
        PyErr_SetString(PyExc_ValueError, "mean() of an empty sequence");
        return NULL;
    }
    for (i = 0; i < n; i++) {
        double x = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(fast, i));
        if (x == -1.0 && PyErr_Occurred()) {
            Py_DECREF(fast);
            return NULL;
        }
        total += x;
    }
    Py_DECREF(fast);
    return PyFloat_FromDouble(total / (double)n);
}

static PyMethodDef fail_label_methods[] = {
    {"mean", fail_label_mean, METH_O, "Arithmetic mean of numbers."},
    {NULL, NULL, 0, NULL}
};

static int fail_label_exec(PyObject *m);

static PyModuleDef_Slot fail_label_slots[] = {
    {Py_mod_exec, fail_label_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef fail_label_module = {
    PyModuleDef_HEAD_INIT,
    "fail_label",
    "Small statistics.",
    0,
    fail_label_methods,
    fail_label_slots,
    NULL,
    NULL,
    NULL
};

static int
fail_label_exec(PyObject *m)
{
    PyObject *pi;

    pi = PyFloat_FromDouble(3.141592653589793);
    if (pi == NULL)
        goto fail;
    if (PyModule_AddObject(m, "PI", pi) < 0) {
        Py_DECREF(pi);
        goto fail;
    }
    if (PyModule_AddStringConstant(m, "PRECISION", "double") < 0)
        goto fail;
    return 0;

fail:
    return -1;
}

PyMODINIT_FUNC
PyInit_fail_label(void)
{
    return PyModuleDef_Init(&fail_label_module);
}
