/* refuse_shared_def: one def serves two init functions (a legacy alias of
 * the module under a second name), so one def would need two exec
 * functions. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
shared_version(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return Py_BuildValue("(ii)", 2, 1);
}

static PyMethodDef shared_methods[] = {
    {"version", shared_version, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef shared_module = {
    PyModuleDef_HEAD_INIT,
    "refuse_shared_def",
    NULL,
    -1,
    shared_methods,
    NULL,
    NULL,
    NULL,
    NULL
};

/* The legacy name reports LEGACY = 1; both share everything else. */
PyMODINIT_FUNC
PyInit_refuse_shared_def(void)
{
    PyObject *m = PyModule_Create(&shared_module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddIntConstant(m, "LEGACY", 0) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

/* Old name, kept so `import refuse_shared_def_legacy` still works. */
PyMODINIT_FUNC
PyInit_refuse_shared_def_legacy(void)
{
    PyObject *m = PyModule_Create(&shared_module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddIntConstant(m, "LEGACY", 1) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
