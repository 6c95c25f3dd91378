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

static int custom_error_exec(PyObject *m);

static PyModuleDef_Slot custom_error_slots[] = {
    {Py_mod_exec, custom_error_exec},
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#if PY_VERSION_HEX >= 0x030D0000
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
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
custom_error_exec(PyObject *m)
{
    /* This module keeps process-wide state (static ParseError), so it can be
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

PyMODINIT_FUNC
PyInit_custom_error(void)
{
    return PyModuleDef_Init(&custom_error_module);
}
