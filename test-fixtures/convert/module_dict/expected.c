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

static int module_dict_exec(PyObject *m);

static PyModuleDef_Slot module_dict_slots[] = {
    {Py_mod_exec, module_dict_exec},
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#if PY_VERSION_HEX >= 0x030D0000
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef module_dict_module = {
    PyModuleDef_HEAD_INIT,
    "module_dict",
    NULL,
    0,
    module_dict_methods,
    module_dict_slots,
    NULL,
    NULL,
    NULL
};

static int
module_dict_exec(PyObject *m)
{
    PyObject *d;

    /* This module keeps process-wide state (static ErrorObject), so it can
     * be loaded only once per process. See
     * https://docs.python.org/3/howto/isolating-extensions.html#opt-out-limiting-to-one-module-object-per-process
     */
    static int module_loaded = 0;
    if (module_loaded) {
        PyErr_SetString(PyExc_ImportError,
                        "cannot load module more than once per process");
        return -1;
    }
    module_loaded = 1;

    /* Add some symbolic constants to the module */
    d = PyModule_GetDict(m);
    if (ErrorObject == NULL) {
        ErrorObject = PyErr_NewException("module_dict.error", NULL, NULL);
        if (ErrorObject == NULL) {
            return -1;
        }
    }
    if (PyDict_SetItemString(d, "error", ErrorObject) < 0) {
        return -1;
    }

    return 0;
}

PyMODINIT_FUNC
PyInit_module_dict(void)
{
    return PyModuleDef_Init(&module_dict_module);
}
