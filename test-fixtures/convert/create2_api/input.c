/* create2_api: created with an explicit API version, and the terse
 * `if (!m) return NULL;` check. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
create2_api_api_version(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(PYTHON_API_VERSION);
}

static PyObject *
create2_api_hex(PyObject *self, PyObject *arg)
{
    unsigned long value = PyLong_AsUnsignedLong(arg);
    if (value == (unsigned long)-1 && PyErr_Occurred()) return NULL;
    /* PyUnicode_FromFormat has no %lx before 3.12; keep to 32 bits. */
    if (value > 0xffffffffUL) {
        PyErr_SetString(PyExc_OverflowError, "hex() takes 32-bit values");
        return NULL;
    }
    return PyUnicode_FromFormat("%x", (unsigned int)value);
}

static PyMethodDef create2_api_methods[] = {
    {"api_version", create2_api_api_version, METH_NOARGS, NULL},
    {"hex", create2_api_hex, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef create2_api_module = {
    PyModuleDef_HEAD_INIT, "create2_api", NULL, -1, create2_api_methods,
    NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC PyInit_create2_api(void)
{
    PyObject *m = PyModule_Create2(&create2_api_module, PYTHON_API_VERSION);
    if (!m) return NULL;
    if (PyModule_AddStringConstant(m, "BUILT_WITH", PY_VERSION) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
