/* global_module: the module object is also kept in a static global so
 * that C code without a self argument (callbacks) can reach it. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *mod_global;

/* Called from "C library callbacks": reads the module's current
 * `threshold` attribute, which Python code may rebind at any time. */
static long
current_threshold(void)
{
    PyObject *value = PyObject_GetAttrString(mod_global, "threshold");
    long result;

    if (value == NULL)
        return -1;
    result = PyLong_AsLong(value);
    Py_DECREF(value);
    return result;
}

static PyObject *
global_module_above(PyObject *self, PyObject *args)
{
    long x;
    long threshold;

    if (!PyArg_ParseTuple(args, "l:above", &x))
        return NULL;
    threshold = current_threshold();
    if (threshold == -1 && PyErr_Occurred())
        return NULL;
    return PyBool_FromLong(x > threshold);
}

static PyObject *
global_module_is_self(PyObject *self, PyObject *obj)
{
    return PyBool_FromLong(obj == mod_global);
}

static PyMethodDef global_module_methods[] = {
    {"above", global_module_above, METH_VARARGS,
     "True when x is above the module's threshold."},
    {"is_self", global_module_is_self, METH_O,
     "True when obj is the module object kept by the C code."},
    {NULL, NULL, 0, NULL}
};

static int global_module_exec(PyObject *m);

static PyModuleDef_Slot global_module_slots[] = {
    {Py_mod_exec, global_module_exec},
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#if PY_VERSION_HEX >= 0x030D0000
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef global_module_def = {
    PyModuleDef_HEAD_INIT,
    "global_module",
    NULL,
    0,
    global_module_methods,
    global_module_slots,
    NULL,
    NULL,
    NULL
};

static int
global_module_exec(PyObject *m)
{
    /* This module keeps process-wide state (static mod_global), so it can be
     * loaded only once per process. See
     * https://docs.python.org/3/howto/isolating-extensions.html#opt-out-limiting-to-one-module-object-per-process
     */
    static int module_loaded = 0;
    if (module_loaded) {
        PyErr_SetString(PyExc_ImportError,
                        "cannot load module more than once per process");
        return -1;
    }
    module_loaded = 1;

    Py_INCREF(m);
    mod_global = m;

    if (PyModule_AddIntConstant(m, "threshold", 10) < 0) {
        return -1;
    }
    /* mod_global keeps the reference the init hands to the import
     * system alive: sys.modules owns the module for the process. */
    return 0;
}

PyMODINIT_FUNC
PyInit_global_module(void)
{
    return PyModuleDef_Init(&global_module_def);
}
