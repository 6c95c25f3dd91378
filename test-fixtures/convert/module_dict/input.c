/* module_dict: the old xxmodule-era style, filling the module dict
 * directly; the error object lives in a static global. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *ErrorObject;

static PyObject *
module_dict_fail(PyObject *self, PyObject *args)
{
    const char *message = "failed";

    if (!PyArg_ParseTuple(args, "|s:fail", &message))
        return NULL;
    PyErr_SetString(ErrorObject, message);
    return NULL;
}

static PyMethodDef module_dict_methods[] = {
    {"fail", module_dict_fail, METH_VARARGS, "Raise module_dict.error."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef module_dict_module = {
    PyModuleDef_HEAD_INIT,
    "module_dict",
    NULL,
    -1,
    module_dict_methods,
    NULL,
    NULL,
    NULL,
    NULL
};

PyMODINIT_FUNC
PyInit_module_dict(void)
{
    PyObject *m, *d;

    /* Create the module and add the functions */
    m = PyModule_Create(&module_dict_module);
    if (m == NULL)
        return NULL;

    /* Add some symbolic constants to the module */
    d = PyModule_GetDict(m);
    if (ErrorObject == NULL) {
        ErrorObject = PyErr_NewException("module_dict.error", NULL, NULL);
        if (ErrorObject == NULL) {
            Py_DECREF(m);
            return NULL;
        }
    }
    if (PyDict_SetItemString(d, "error", ErrorObject) < 0) {
        Py_DECREF(m);
        return NULL;
    }

    return m;
}
