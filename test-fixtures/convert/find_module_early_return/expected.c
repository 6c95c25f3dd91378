/* PyInit hands back the module PyState_FindModule finds before making a new
 * one (an idiom of JSON codecs); m_size -1, and a static error class. */
#include <Python.h>

static PyObject *ParseError = NULL;

static PyObject *
parse_digit(PyObject *self, PyObject *arg)
{
    const char *s = PyUnicode_AsUTF8(arg);
    if (s == NULL)
        return NULL;
    if (s[0] < '0' || s[0] > '9' || s[1] != '\0') {
        PyErr_SetString(ParseError, "not a single digit");
        return NULL;
    }
    return PyLong_FromLong(s[0] - '0');
}

static PyMethodDef find_module_early_return_methods[] = {
    {"parse_digit", parse_digit, METH_O, "parse_digit('7') -> 7"},
    {NULL, NULL, 0, NULL}
};

/* Single-phase init (m_size -1) ran this module's body once per process
 * and gave every later import a copy of the first module's namespace.
 * Exec keeps that: the body runs for the first module object only, which
 * is kept here, and later module objects get a copy of its namespace. */
static PyObject *find_module_early_return_body_module = NULL;
static PyObject *find_module_early_return_namespace = NULL;

static int find_module_early_return_exec(PyObject *mod);

static PyModuleDef_Slot find_module_early_return_slots[] = {
    {Py_mod_exec, find_module_early_return_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef early_def = {
    PyModuleDef_HEAD_INIT,
    "find_module_early_return",
    "Parses digits.",
    0,
    find_module_early_return_methods,
    find_module_early_return_slots
};

static int
find_module_early_return_exec_body(PyObject *mod)
{
    ParseError = PyErr_NewException("find_module_early_return.ParseError", PyExc_ValueError, NULL);
    if (ParseError == NULL) {
        return -1;
    }
    Py_INCREF(ParseError);
    if (PyModule_AddObject(mod, "ParseError", ParseError) < 0) {
        Py_DECREF(ParseError);
        return -1;
    }
    return 0;
}

/* The namespace later module objects are filled from, as single-phase init
 * kept m_copy: what the body left, minus the attributes the import system
 * sets on each module object itself. */
static int
find_module_early_return_keep_namespace(PyObject *mod)
{
    static const char *const own_attributes[] = {
        "__name__", "__spec__", "__loader__", "__package__", "__file__"
    };
    PyObject *copy = PyDict_Copy(PyModule_GetDict(mod));
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
    find_module_early_return_namespace = copy;
    return 0;
}

#ifndef Py_LIMITED_API
/* A legacy subinterpreter takes the objects the body made there with it when
 * it ends. Single-phase init then ran init again in the next interpreter
 * (CPython 3.8-3.12): forget the body there, so the next import runs it. */
static PyObject *
find_module_early_return_forget_body(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    Py_CLEAR(find_module_early_return_namespace);
    Py_CLEAR(find_module_early_return_body_module);
    Py_RETURN_NONE;
}

static PyMethodDef find_module_early_return_forget_body_def = {
    "find_module_early_return_forget_body", find_module_early_return_forget_body, METH_NOARGS, NULL
};

static int
find_module_early_return_forget_at_interpreter_end(void)
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
    callback = PyCFunction_New(&find_module_early_return_forget_body_def, NULL);
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
find_module_early_return_forget_at_interpreter_end(void)
{
    /* The limited API cannot tell which interpreter runs exec. */
    return 0;
}
#endif

static int
find_module_early_return_exec(PyObject *mod)
{
    if (find_module_early_return_namespace != NULL) {
        return PyDict_Update(PyModule_GetDict(mod), find_module_early_return_namespace);
    }
    if (find_module_early_return_body_module != NULL) {
        /* Imported again from inside its own first exec. */
        PyErr_SetString(PyExc_ImportError,
                        "find_module_early_return is imported again while its first import is still running");
        return -1;
    }
    Py_INCREF(mod);
    find_module_early_return_body_module = mod;
    if (find_module_early_return_exec_body(mod) < 0) {
        Py_CLEAR(find_module_early_return_body_module);
        return -1;
    }
    if (find_module_early_return_keep_namespace(mod) < 0) {
        return -1;
    }
    return find_module_early_return_forget_at_interpreter_end();
}

PyMODINIT_FUNC
PyInit_find_module_early_return(void)
{
    return PyModuleDef_Init(&early_def);
}
