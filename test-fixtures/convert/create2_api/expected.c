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

static int create2_api_exec(PyObject *m);

static PyModuleDef_Slot create2_api_slots[] = {
    {Py_mod_exec, create2_api_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef create2_api_module = {
    PyModuleDef_HEAD_INIT, "create2_api", NULL, 0, create2_api_methods,
    create2_api_slots, NULL, NULL, NULL
};

static int create2_api_exec(PyObject *m)
{
    if (PyModule_AddStringConstant(m, "BUILT_WITH", PY_VERSION) < 0) {
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC PyInit_create2_api(void)
{
    return PyModuleDef_Init(&create2_api_module);
}
