/* Single-phase module that declares free-threading support with the unstable call. */
#include <Python.h>

static struct PyModuleDef threads_def = {
    PyModuleDef_HEAD_INIT, "threads", NULL, 0, NULL
};

PyMODINIT_FUNC
PyInit_threads(void)
{
    PyObject *m = PyModule_Create(&threads_def);
    if (m == NULL)
        return NULL;
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}
