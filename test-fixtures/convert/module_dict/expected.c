/* module_dict: the old xxmodule-era style, filling the module dict
 * directly; the error object lives in a static global. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *ErrorObject;

static PyObject *
module_dict_fail(PyObject *self, PyObject *args)
{
    const char *message = "failed";

    if (!PyArg_ParseTuple(args, "|s:fail", &message))
        return NULL;
    PyErr_SetString(ErrorObject, message);
    return NULL;
}

static PyMethodDef module_dict_methods[] = {
    {"fail", module_dict_fail, METH_VARARGS, "Raise module_dict.error."},
    {NULL, NULL, 0, NULL}
};

/* Single-phase init (m_size -1) ran this module's body once per process
 * and gave every later import a copy of the first module's namespace.
 * Exec keeps that: the body runs for the first module object only, which
 * is kept here, and later module objects get a copy of its namespace. */
static PyObject *module_dict_body_module = NULL;
static PyObject *module_dict_namespace = NULL;

static int module_dict_exec(PyObject *m);

static PyModuleDef_Slot module_dict_slots[] = {
    {Py_mod_exec, module_dict_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef module_dict_module = {
    PyModuleDef_HEAD_INIT,
    "module_dict",
    NULL,
    0,
    module_dict_methods,
    module_dict_slots,
    NULL,
    NULL,
    NULL
};

static int
module_dict_exec_body(PyObject *m)
{
    PyObject *d;

    /* Add some symbolic constants to the module */
    d = PyModule_GetDict(m);
    if (ErrorObject == NULL) {
        ErrorObject = PyErr_NewException("module_dict.error", NULL, NULL);
        if (ErrorObject == NULL) {
            return -1;
        }
    }
    if (PyDict_SetItemString(d, "error", ErrorObject) < 0) {
        return -1;
    }

    return 0;
}

/* The namespace later module objects are filled from, as single-phase init
 * kept m_copy: what the body left, minus the attributes the import system
 * sets on each module object itself. */
static int
module_dict_keep_namespace(PyObject *m)
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
    module_dict_namespace = copy;
    return 0;
}

#ifndef Py_LIMITED_API
/* A legacy subinterpreter takes the objects the body made there with it when
 * it ends. Single-phase init then ran init again in the next interpreter
 * (CPython 3.8-3.12): forget the body there, so the next import runs it. */
static PyObject *
module_dict_forget_body(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    Py_CLEAR(module_dict_namespace);
    Py_CLEAR(module_dict_body_module);
    Py_RETURN_NONE;
}

static PyMethodDef module_dict_forget_body_def = {
    "module_dict_forget_body", module_dict_forget_body, METH_NOARGS, NULL
};

static int
module_dict_forget_at_interpreter_end(void)
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
    callback = PyCFunction_New(&module_dict_forget_body_def, NULL);
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
module_dict_forget_at_interpreter_end(void)
{
    /* The limited API cannot tell which interpreter runs exec. */
    return 0;
}
#endif

static int
module_dict_exec(PyObject *m)
{
    if (module_dict_namespace != NULL) {
        return PyDict_Update(PyModule_GetDict(m), module_dict_namespace);
    }
    if (module_dict_body_module != NULL) {
        /* Imported again from inside its own first exec. */
        PyErr_SetString(PyExc_ImportError,
                        "module_dict is imported again while its first import is still running");
        return -1;
    }
    Py_INCREF(m);
    module_dict_body_module = m;
    if (module_dict_exec_body(m) < 0) {
        Py_CLEAR(module_dict_body_module);
        return -1;
    }
    if (module_dict_keep_namespace(m) < 0) {
        return -1;
    }
    return module_dict_forget_at_interpreter_end();
}

PyMODINIT_FUNC
PyInit_module_dict(void)
{
    return PyModuleDef_Init(&module_dict_module);
}
