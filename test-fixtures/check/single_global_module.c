/* The module kept in a static global as well as a local. */
#include <Python.h>

static PyObject *the_module = NULL;

static struct PyModuleDef keeper_def = {
    PyModuleDef_HEAD_INIT, "keeper", NULL, -1, NULL
};

static PyObject *
keeper_get(void)
{
    Py_XINCREF(the_module);
    return the_module;
}

PyMODINIT_FUNC
PyInit_keeper(void)
{
    PyObject *m;
    m = the_module = PyModule_Create(&keeper_def);
    if (m == NULL)
        return NULL;
    (void)keeper_get;
    return m;
}
