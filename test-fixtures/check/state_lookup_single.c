/* A single-phase module that finds itself with PyState_*: blocks conversion. */
#include <Python.h>

static struct PyModuleDef registry_def = {
    PyModuleDef_HEAD_INIT, "registry", NULL, -1, NULL
};

static PyObject *
registry_self(void)
{
    return PyState_FindModule(&registry_def);
}

PyMODINIT_FUNC
PyInit_registry(void)
{
    PyObject *m = PyModule_Create(&registry_def);
    if (m == NULL)
        return NULL;
    if (PyState_AddModule(m, &registry_def) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    (void)registry_self;
    return m;
}
