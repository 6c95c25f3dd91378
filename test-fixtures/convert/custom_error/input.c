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

static struct PyModuleDef custom_error_module = {
    PyModuleDef_HEAD_INIT,
    "custom_error",
    "Digit parsing with its own exception.",
    -1,
    custom_error_methods,
    NULL,
    NULL,
    NULL,
    NULL
};

PyMODINIT_FUNC
PyInit_custom_error(void)
{
    PyObject *m;

    m = PyModule_Create(&custom_error_module);
    if (m == NULL)
        return NULL;

    ParseError = PyErr_NewExceptionWithDoc("custom_error.ParseError",
                                           "Raised for text that is not a digit.",
                                           PyExc_ValueError, NULL);
    if (ParseError == NULL) {
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(ParseError);
    if (PyModule_AddObject(m, "ParseError", ParseError) < 0) {
        Py_DECREF(ParseError);
        Py_CLEAR(ParseError);
        Py_DECREF(m);
        return NULL;
    }

    PyModule_AddIntConstant(m, "BASE", 10);
    return m;
}
