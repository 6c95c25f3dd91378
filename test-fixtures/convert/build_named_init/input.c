/* An example module whose init name the build supplies: compiled with
 * -DMODULE_NAME=build_named_init, as a limited-API example would be. */
#include <Python.h>

#define PASTE_(a, b) a##b
#define PASTE(a, b) PASTE_(a, b)
#define STR_(x) #x
#define STR(x) STR_(x)

#ifndef MODULE_NAME
#define MODULE_NAME build_named_init
#endif

static PyObject *
example_twice(PyObject *self, PyObject *arg)
{
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred())
        return NULL;
    return PyLong_FromLong(2 * v);
}

static PyMethodDef example_methods[] = {
    {"twice", example_twice, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef example_def = {
    PyModuleDef_HEAD_INIT, STR(MODULE_NAME), NULL, -1, example_methods
};

PyMODINIT_FUNC PASTE(PyInit_, MODULE_NAME)(void)
{
    PyObject *m = PyModule_Create(&example_def);
    if (m == NULL)
        return NULL;
    if (PyModule_AddStringConstant(m, "built_as", STR(MODULE_NAME)) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
