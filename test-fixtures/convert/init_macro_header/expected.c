/* The init's name comes from INIT_MODULE, defined in the project's header
 * naming.h: the file never says PyInit_init_macro_header itself. */
#include <Python.h>
#include "naming.h"

static PyObject *sentinel;

static PyObject *
get_sentinel(PyObject *self, PyObject *noargs)
{
    Py_INCREF(sentinel);
    return sentinel;
}

static PyMethodDef hm_methods[] = {
    {"get_sentinel", get_sentinel, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

/* Single-phase init (m_size -1) ran this module's body once per process
 * and gave every later import a copy of the first module's namespace.
 * Exec keeps that: the body runs for the first module object only, which
 * is kept here, and later module objects get a copy of its namespace. */
static PyObject *module_body_module = NULL;
static PyObject *module_namespace = NULL;

static int module_exec(PyObject *module);

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, module_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef hm_module = {
    PyModuleDef_HEAD_INIT, "init_macro_header", NULL, 0, hm_methods, module_slots
};

static int
module_exec_body(PyObject *module)
{
    if (!(sentinel = PyUnicode_FromString("sentinel"))) { goto error; }

    if (PyModule_AddIntConstant(module, "version", 3) < 0) { goto error; }
    return 0;

error:
    return -1;
}

/* The namespace later module objects are filled from, as single-phase init
 * kept m_copy: what the body left, minus the attributes the import system
 * sets on each module object itself. */
static int
module_keep_namespace(PyObject *module)
{
    static const char *const own_attributes[] = {
        "__name__", "__spec__", "__loader__", "__package__", "__file__"
    };
    PyObject *copy = PyDict_Copy(PyModule_GetDict(module));
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
    module_namespace = copy;
    return 0;
}

#ifndef Py_LIMITED_API
/* A legacy subinterpreter takes the objects the body made there with it when
 * it ends. Single-phase init then ran init again in the next interpreter
 * (CPython 3.8-3.12): forget the body there, so the next import runs it. */
static PyObject *
module_forget_body(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    Py_CLEAR(module_namespace);
    Py_CLEAR(module_body_module);
    Py_RETURN_NONE;
}

static PyMethodDef module_forget_body_def = {
    "module_forget_body", module_forget_body, METH_NOARGS, NULL
};

static int
module_forget_at_interpreter_end(void)
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
    callback = PyCFunction_New(&module_forget_body_def, NULL);
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
module_forget_at_interpreter_end(void)
{
    /* The limited API cannot tell which interpreter runs exec. */
    return 0;
}
#endif

static int
module_exec(PyObject *module)
{
    if (module_namespace != NULL) {
        return PyDict_Update(PyModule_GetDict(module), module_namespace);
    }
    if (module_body_module != NULL) {
        /* Imported again from inside its own first exec. */
        PyErr_SetString(PyExc_ImportError,
                        "the module is imported again while its first import is still running");
        return -1;
    }
    Py_INCREF(module);
    module_body_module = module;
    if (module_exec_body(module) < 0) {
        Py_CLEAR(module_body_module);
        return -1;
    }
    if (module_keep_namespace(module) < 0) {
        return -1;
    }
    return module_forget_at_interpreter_end();
}

PyMODINIT_FUNC
INIT_MODULE(init_macro_header)(void)
{
    return PyModuleDef_Init(&hm_module);
}
