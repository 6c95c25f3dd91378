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

static int export_macro_exec(PyObject *m);

static PyModuleDef_Slot export_macro_slots[] = {
    {Py_mod_exec, export_macro_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef export_macro_def = {
    PyModuleDef_HEAD_INIT, "export_macro", "Halves.", 0, export_macro_methods, export_macro_slots
};

static int export_macro_exec(PyObject *m) {
    if (PyModule_AddStringConstant(m, "unit", "half") < 0) {
        return -1;
    }
    return 0;
}

SHOWN_API PyMODINIT_FUNC PyInit_export_macro(void) {
    return PyModuleDef_Init(&export_macro_def);
}
