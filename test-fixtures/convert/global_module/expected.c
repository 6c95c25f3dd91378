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

/* Single-phase init (m_size -1) ran this module's body once per process
 * and gave every later import a copy of the first module's namespace.
 * Exec keeps that: the body runs for the first module object only, which
 * is kept here, and later module objects get a copy of its namespace. */
static PyObject *global_module_body_module = NULL;
static PyObject *global_module_namespace = NULL;

static int global_module_exec(PyObject *m);

static PyModuleDef_Slot global_module_slots[] = {
    {Py_mod_exec, global_module_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
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
global_module_exec_body(PyObject *m)
{
    Py_INCREF(m);
    mod_global = m;

    if (PyModule_AddIntConstant(m, "threshold", 10) < 0) {
        return -1;
    }
    /* mod_global keeps the reference the init hands to the import
     * system alive: sys.modules owns the module for the process. */
    return 0;
}

/* The namespace later module objects are filled from, as single-phase init
 * kept m_copy: what the body left, minus the attributes the import system
 * sets on each module object itself. */
static int
global_module_keep_namespace(PyObject *m)
{
    static const char *const own_attributes[] = {
        "__name__", "__spec__", "__loader__", "__package__", "__file__"
    };
    PyObject *copy = PyDict_Copy(PyModule_GetDict(m));
    size_t i;

    if (copy == NULL) {
        return -1;
    }
    for (i = 0; i < sizeof(own_attributes) / sizeof(own_attributes[0]); i++) {
        if (PyDict_GetItemString(copy, own_attributes[i]) != NULL
            && PyDict_DelItemString(copy, own_attributes[i]) < 0) {
            Py_DECREF(copy);
            return -1;
        }
    }
    global_module_namespace = copy;
    return 0;
}

#ifndef Py_LIMITED_API
/* A legacy subinterpreter takes the objects the body made there with it when
 * it ends. Single-phase init then ran init again in the next interpreter
 * (CPython 3.8-3.12): forget the body there, so the next import runs it. */
static PyObject *
global_module_forget_body(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    Py_CLEAR(global_module_namespace);
    Py_CLEAR(global_module_body_module);
    Py_RETURN_NONE;
}

static PyMethodDef global_module_forget_body_def = {
    "global_module_forget_body", global_module_forget_body, METH_NOARGS, NULL
};

static int
global_module_forget_at_interpreter_end(void)
{
    PyObject *atexit_module;
    PyObject *callback;
    PyObject *result;

    if (PyThreadState_Get()->interp == PyInterpreterState_Main()) {
        return 0;
    }
    atexit_module = PyImport_ImportModule("atexit");
    if (atexit_module == NULL) {
        return -1;
    }
    callback = PyCFunction_New(&global_module_forget_body_def, NULL);
    if (callback == NULL) {
        Py_DECREF(atexit_module);
        return -1;
    }
    result = PyObject_CallMethod(atexit_module, "register", "O", callback);
    Py_DECREF(callback);
    Py_DECREF(atexit_module);
    if (result == NULL) {
        return -1;
    }
    Py_DECREF(result);
    return 0;
}
#else
static int
global_module_forget_at_interpreter_end(void)
{
    /* The limited API cannot tell which interpreter runs exec. */
    return 0;
}
#endif

static int
global_module_exec(PyObject *m)
{
    if (global_module_namespace != NULL) {
        return PyDict_Update(PyModule_GetDict(m), global_module_namespace);
    }
    if (global_module_body_module != NULL) {
        /* Imported again from inside its own first exec. */
        PyErr_SetString(PyExc_ImportError,
                        "global_module is imported again while its first import is still running");
        return -1;
    }
    Py_INCREF(m);
    global_module_body_module = m;
    if (global_module_exec_body(m) < 0) {
        Py_CLEAR(global_module_body_module);
        return -1;
    }
    if (global_module_keep_namespace(m) < 0) {
        return -1;
    }
    return global_module_forget_at_interpreter_end();
}

PyMODINIT_FUNC
PyInit_global_module(void)
{
    return PyModuleDef_Init(&global_module_def);
}
