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

static struct PyModuleDef early_def = {
    PyModuleDef_HEAD_INIT,
    "find_module_early_return",
    "Parses digits.",
    -1,
    find_module_early_return_methods
};

PyMODINIT_FUNC
PyInit_find_module_early_return(void)
{
    PyObject *mod;

#ifndef PYPY_VERSION
    /* Already made in this interpreter: hand it out again. */
    if ((mod = PyState_FindModule(&early_def)) != NULL) {
        Py_INCREF(mod);
        return mod;
    }
#endif

    mod = PyModule_Create(&early_def);
    if (mod == NULL)
        return NULL;
    ParseError = PyErr_NewException("find_module_early_return.ParseError", PyExc_ValueError, NULL);
    if (ParseError == NULL) {
        Py_DECREF(mod);
        return NULL;
    }
    Py_INCREF(ParseError);
    if (PyModule_AddObject(mod, "ParseError", ParseError) < 0) {
        Py_DECREF(ParseError);
        Py_DECREF(mod);
        return NULL;
    }
    return mod;
}
