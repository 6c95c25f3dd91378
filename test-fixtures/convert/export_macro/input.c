/* A module built with -fvisibility=hidden: the project marks its init
 * exported with a macro of its own, written before PyMODINIT_FUNC. */
#include <Python.h>

#if defined(__GNUC__)
#define SHOWN_API __attribute__((visibility("default")))
#else
#define SHOWN_API
#endif

static PyObject *
export_macro_halve(PyObject *self, PyObject *arg)
{
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred())
        return NULL;
    return PyLong_FromLong(v / 2);
}

static PyMethodDef export_macro_methods[] = {
    {"halve", export_macro_halve, METH_O, "Half of an integer, rounded down."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef export_macro_def = {
    PyModuleDef_HEAD_INIT, "export_macro", "Halves.", -1, export_macro_methods
};

SHOWN_API PyMODINIT_FUNC PyInit_export_macro(void) {
    PyObject *m = PyModule_Create(&export_macro_def);
    if (m == NULL)
        return NULL;
    if (PyModule_AddStringConstant(m, "unit", "half") < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
