/* custom_error: a module-level exception kept in a static global, raised
 * by the functions, plus integer constants. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *ParseError;

static PyObject *
custom_error_parse_digit(PyObject *self, PyObject *args)
{
    const char *text;
    Py_ssize_t length;

    if (!PyArg_ParseTuple(args, "s#:parse_digit", &text, &length))
        return NULL;
    if (length != 1 || text[0] < '0' || text[0] > '9') {
        PyErr_Format(ParseError, "not a digit: '%s'", text);
        return NULL;
    }
    return PyLong_FromLong(text[0] - '0');
}

static PyMethodDef custom_error_methods[] = {
    {"parse_digit", custom_error_parse_digit, METH_VARARGS,
     "Parse one decimal digit."},
    {NULL, NULL, 0, NULL}
};

/* Single-phase init (m_size -1) ran this module's body once per process
 * and gave every later import a copy of the first module's namespace.
 * Exec keeps that: the body runs for the first module object only, which
 * is kept here, and later module objects get a copy of its namespace. */
static PyObject *custom_error_body_module = NULL;
static PyObject *custom_error_namespace = NULL;

static int custom_error_exec(PyObject *m);

static PyModuleDef_Slot custom_error_slots[] = {
    {Py_mod_exec, custom_error_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef custom_error_module = {
    PyModuleDef_HEAD_INIT,
    "custom_error",
    "Digit parsing with its own exception.",
    0,
    custom_error_methods,
    custom_error_slots,
    NULL,
    NULL,
    NULL
};

static int
custom_error_exec_body(PyObject *m)
{
    ParseError = PyErr_NewExceptionWithDoc("custom_error.ParseError",
                                           "Raised for text that is not a digit.",
                                           PyExc_ValueError, NULL);
    if (ParseError == NULL) {
        return -1;
    }
    Py_INCREF(ParseError);
    if (PyModule_AddObject(m, "ParseError", ParseError) < 0) {
        Py_DECREF(ParseError);
        Py_CLEAR(ParseError);
        return -1;
    }

    PyModule_AddIntConstant(m, "BASE", 10);
    return 0;
}

/* The namespace later module objects are filled from, as single-phase init
 * kept m_copy: what the body left, minus the attributes the import system
 * sets on each module object itself. */
static int
custom_error_keep_namespace(PyObject *m)
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
    custom_error_namespace = copy;
    return 0;
}

#ifndef Py_LIMITED_API
/* A legacy subinterpreter takes the objects the body made there with it when
 * it ends. Single-phase init then ran init again in the next interpreter
 * (CPython 3.8-3.12): forget the body there, so the next import runs it. */
static PyObject *
custom_error_forget_body(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    Py_CLEAR(custom_error_namespace);
    Py_CLEAR(custom_error_body_module);
    Py_RETURN_NONE;
}

static PyMethodDef custom_error_forget_body_def = {
    "custom_error_forget_body", custom_error_forget_body, METH_NOARGS, NULL
};

static int
custom_error_forget_at_interpreter_end(void)
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
    callback = PyCFunction_New(&custom_error_forget_body_def, NULL);
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
custom_error_forget_at_interpreter_end(void)
{
    /* The limited API cannot tell which interpreter runs exec. */
    return 0;
}
#endif

static int
custom_error_exec(PyObject *m)
{
    if (custom_error_namespace != NULL) {
        return PyDict_Update(PyModule_GetDict(m), custom_error_namespace);
    }
    if (custom_error_body_module != NULL) {
        /* Imported again from inside its own first exec. */
        PyErr_SetString(PyExc_ImportError,
                        "custom_error is imported again while its first import is still running");
        return -1;
    }
    Py_INCREF(m);
    custom_error_body_module = m;
    if (custom_error_exec_body(m) < 0) {
        Py_CLEAR(custom_error_body_module);
        return -1;
    }
    if (custom_error_keep_namespace(m) < 0) {
        return -1;
    }
    return custom_error_forget_at_interpreter_end();
}

PyMODINIT_FUNC
PyInit_custom_error(void)
{
    return PyModuleDef_Init(&custom_error_module);
}
