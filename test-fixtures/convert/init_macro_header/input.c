/* The init's name comes from INIT_MODULE, defined in the project's header
 * naming.h: the file never says PyInit_init_macro_header itself. */
#include <Python.h>
#include "naming.h"

static PyObject *sentinel;

static PyObject *
get_sentinel(PyObject *self, PyObject *noargs)
{
    Py_INCREF(sentinel);
    return sentinel;
}

static PyMethodDef hm_methods[] = {
    {"get_sentinel", get_sentinel, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef hm_module = {
    PyModuleDef_HEAD_INIT, "init_macro_header", NULL, -1, hm_methods
};

PyMODINIT_FUNC
INIT_MODULE(init_macro_header)(void)
{
    PyObject *module = NULL;

    if (!(sentinel = PyUnicode_FromString("sentinel"))) { goto error; }

    module = PyModule_Create(&hm_module);
    if (!module) { goto error; }

    if (PyModule_AddIntConstant(module, "version", 3) < 0) { goto error; }
    return module;

error:
    if (module)
        Py_DECREF(module);
    return NULL;
}
