/* basic_methods: functions taking no arguments, positional arguments and
 * keywords; a positional def and the classic NULL check in the init. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
basic_methods_answer(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(42);
}

static PyObject *
basic_methods_repeat(PyObject *self, PyObject *args)
{
    const char *text;
    Py_ssize_t count;

    if (!PyArg_ParseTuple(args, "sn:repeat", &text, &count))
        return NULL;
    if (count < 0) {
        PyErr_SetString(PyExc_ValueError, "count must not be negative");
        return NULL;
    }
    PyObject *unit = PyUnicode_FromString(text);
    if (unit == NULL)
        return NULL;
    PyObject *result = PySequence_Repeat(unit, count);
    Py_DECREF(unit);
    return result;
}

static PyObject *
basic_methods_scale(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = {"value", "factor", NULL};
    double value;
    double factor = 2.0;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "d|d:scale", keywords,
                                     &value, &factor))
        return NULL;
    return PyFloat_FromDouble(value * factor);
}

static PyObject *
basic_methods_first(PyObject *self, PyObject *seq)
{
    /* METH_O: return the first item of any sequence. */
    return PySequence_GetItem(seq, 0);
}

static PyMethodDef basic_methods_methods[] = {
    {"answer", basic_methods_answer, METH_NOARGS, "Return 42."},
    {"repeat", basic_methods_repeat, METH_VARARGS, "Repeat a string."},
    {"scale", (PyCFunction)(void (*)(void))basic_methods_scale,
     METH_VARARGS | METH_KEYWORDS, "Multiply value by factor."},
    {"first", basic_methods_first, METH_O, "First item of a sequence."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot basic_methods_slots[] = {
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef basic_methods_module = {
    PyModuleDef_HEAD_INIT,
    "basic_methods",
    NULL,
    0,
    basic_methods_methods,
    basic_methods_slots,
    NULL,
    NULL,
    NULL
};

PyMODINIT_FUNC
PyInit_basic_methods(void)
{
    return PyModuleDef_Init(&basic_methods_module);
}
