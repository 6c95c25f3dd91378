/* helper_create: PyInit only delegates; a helper builds the module (a
 * shape used to share one builder between an init and tests). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
helper_create_square(PyObject *self, PyObject *arg)
{
    return PyNumber_Multiply(arg, arg);
}

static PyMethodDef helper_create_methods[] = {
    {"square", helper_create_square, METH_O, "x * x"},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef helper_create_module = {
    PyModuleDef_HEAD_INIT,
    "helper_create",
    NULL,
    -1,
    helper_create_methods,
    NULL,
    NULL,
    NULL,
    NULL
};

static PyObject *
create_module(void)
{
    PyObject *m = PyModule_Create(&helper_create_module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddIntConstant(m, "ANSWER", 42) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

PyMODINIT_FUNC
PyInit_helper_create(void)
{
    return create_module();
}
