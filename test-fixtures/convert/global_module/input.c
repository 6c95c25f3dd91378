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

static struct PyModuleDef global_module_def = {
    PyModuleDef_HEAD_INIT,
    "global_module",
    NULL,
    -1,
    global_module_methods,
    NULL,
    NULL,
    NULL,
    NULL
};

PyMODINIT_FUNC
PyInit_global_module(void)
{
    PyObject *m;

    m = mod_global = PyModule_Create(&global_module_def);
    if (m == NULL)
        return NULL;

    if (PyModule_AddIntConstant(m, "threshold", 10) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    /* mod_global keeps the reference the init hands to the import
     * system alive: sys.modules owns the module for the process. */
    return m;
}
