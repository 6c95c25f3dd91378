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

static struct PyModuleDef setgil_not_used_module = {
    PyModuleDef_HEAD_INIT,
    "setgil_not_used",
    "Bit tricks; safe without the GIL.",
    -1,
    setgil_not_used_methods
};

PyMODINIT_FUNC
PyInit_setgil_not_used(void)
{
    PyObject *m = PyModule_Create(&setgil_not_used_module);
    if (m == NULL) {
        return NULL;
    }
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    if (PyModule_AddIntConstant(m, "WORD_BITS", 64) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
