/* PyInit delegates to a shared helper that also serves Python 2. */
#include <Python.h>

static PyMethodDef compat_methods[] = {
    {NULL, NULL, 0, NULL}
};

#if PY_MAJOR_VERSION >= 3
static struct PyModuleDef compat_def = {
    PyModuleDef_HEAD_INIT, "compat", NULL, -1, compat_methods
};
#endif

static PyObject *
moduleinit(void)
{
    PyObject *m;
#if PY_MAJOR_VERSION >= 3
    m = PyModule_Create(&compat_def);
#else
    m = Py_InitModule3("compat", compat_methods, NULL);
#endif
    if (m == NULL)
        return NULL;
    PyModule_AddIntConstant(m, "ANSWER", 42);
    return m;
}

#if PY_MAJOR_VERSION >= 3
PyMODINIT_FUNC
PyInit_compat(void)
{
    return moduleinit();
}
#else
PyMODINIT_FUNC
initcompat(void)
{
    moduleinit();
}
#endif
