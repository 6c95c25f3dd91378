/* One helper builds the module for both inits: PyInit_ on Python 3, init on 2. */
#include <Python.h>

static PyMethodDef shared_methods[] = {
    {NULL, NULL, 0, NULL}
};

#if PY_MAJOR_VERSION >= 3
static struct PyModuleDef shared_def = {
    PyModuleDef_HEAD_INIT, "shared_helper", "One body for 2 and 3.", -1, shared_methods
};
#endif

static PyObject *
moduleinit(void)
{
    PyObject *m;

#if PY_MAJOR_VERSION >= 3
    m = PyModule_Create(&shared_def);
#else
    m = Py_InitModule3("shared_helper", shared_methods, "One body for 2 and 3.");
#endif
    if (m == NULL)
        return NULL;
    if (PyModule_AddStringConstant(m, "FLAVOUR", "shared") < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

#if PY_MAJOR_VERSION >= 3
PyMODINIT_FUNC
PyInit_shared_helper(void)
{
    return moduleinit();
}
#else
PyMODINIT_FUNC
initshared_helper(void)
{
    moduleinit();
}
#endif
