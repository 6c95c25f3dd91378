/*
 * The porting-guide idiom: the init header is chosen by #if, the body is
 * shared, and the Python 2 branch creates the module with Py_InitModule.
 */
#include <Python.h>

static PyMethodDef porting_methods[] = {
    {NULL, NULL, 0, NULL}
};

#if PY_MAJOR_VERSION >= 3
static struct PyModuleDef porting_def = {
    PyModuleDef_HEAD_INIT, "porting", NULL, 0, porting_methods
};
#define INITERROR return NULL
PyMODINIT_FUNC
PyInit_porting(void)
#else
#define INITERROR return
void
initporting(void)
#endif
{
#if PY_MAJOR_VERSION >= 3
    PyObject *module = PyModule_Create(&porting_def);
#else
    PyObject *module = Py_InitModule("porting", porting_methods);
#endif
    if (module == NULL)
        INITERROR;
#if PY_MAJOR_VERSION >= 3
    return module;
#endif
}
