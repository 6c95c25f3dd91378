/* short_positional: a def that stops after m_size, with the functions added
 * by PyModule_AddFunctions in the init instead of m_methods. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
short_positional_twice(PyObject *self, PyObject *arg)
{
    return PyNumber_Add(arg, arg);
}

static PyMethodDef short_positional_functions[] = {
    {"twice", short_positional_twice, METH_O, "arg + arg"},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef short_positional_module = {
    PyModuleDef_HEAD_INIT, "short_positional", "Short def.", -1
};

PyMODINIT_FUNC
PyInit_short_positional(void)
{
    PyObject *m = PyModule_Create(&short_positional_module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddFunctions(m, short_positional_functions) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
