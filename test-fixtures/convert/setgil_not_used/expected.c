/* setgil_not_used: a thread-safe module that already tells free-threaded
 * builds it does not need the GIL, the single-phase way. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
setgil_not_used_popcount(PyObject *self, PyObject *arg)
{
    unsigned long long bits = PyLong_AsUnsignedLongLong(arg);
    int count = 0;

    if (bits == (unsigned long long)-1 && PyErr_Occurred())
        return NULL;
    while (bits) {
        bits &= bits - 1;
        count++;
    }
    return PyLong_FromLong(count);
}

static PyMethodDef setgil_not_used_methods[] = {
    {"popcount", setgil_not_used_popcount, METH_O, "Number of set bits."},
    {NULL, NULL, 0, NULL}
};

static int setgil_not_used_exec(PyObject *m);

static PyModuleDef_Slot setgil_not_used_slots[] = {
    {Py_mod_exec, setgil_not_used_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef setgil_not_used_module = {
    PyModuleDef_HEAD_INIT,
    "setgil_not_used",
    "Bit tricks; safe without the GIL.",
    0,
    setgil_not_used_methods,
    setgil_not_used_slots
};

static int
setgil_not_used_exec(PyObject *m)
{
    if (PyModule_AddIntConstant(m, "WORD_BITS", 64) < 0) {
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC
PyInit_setgil_not_used(void)
{
    return PyModuleDef_Init(&setgil_not_used_module);
}
