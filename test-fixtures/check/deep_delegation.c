/*
 * One shared helper makes the module from the def it is given; a second
 * init (an alias kept for old import names) calls the first init. Both
 * inits are single-phase modules and both are reported; the alias, two calls
 * away from the creation, is never rewritten automatically.
 */
#include <Python.h>

static struct PyModuleDef gauge_def = {
    PyModuleDef_HEAD_INIT, "_gauge", NULL, 0, NULL
};

static PyObject *
make_module(PyModuleDef *def)
{
    PyObject *module = PyModule_Create(def);
    if (module == NULL) {
        return NULL;
    }
    if (PyModule_AddIntConstant(module, "LIMIT", 100) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}

PyMODINIT_FUNC
PyInit__gauge(void)
{
    return make_module(&gauge_def);
}

PyMODINIT_FUNC
PyInit__gauge_legacy(void)
{
    return PyInit__gauge();
}
