/*
 * Each arm of an #if opens its own block, so the braces only balance for one
 * configuration at a time; the init must still be found.
 */
#include <Python.h>

static PyMethodDef arms_methods[] = {
    {NULL, NULL, 0, NULL}
};

#if PY_MAJOR_VERSION >= 3
static struct PyModuleDef arms_def = {
    PyModuleDef_HEAD_INIT, "arms", NULL, -1, arms_methods
};
#endif

PyMODINIT_FUNC
PyInit_arms(void)
{
    PyObject *m;
#if PY_MAJOR_VERSION >= 3
    if ((m = PyModule_Create(&arms_def)) == NULL) {
#else
    if ((m = Py_InitModule("arms", arms_methods)) == NULL) {
#endif
        return NULL;
    }
    if (PyModule_AddIntConstant(m, "ARMS", 2) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
