/* clear_on_error: releases the module with Py_CLEAR at a shared exit, with
 * the result returned through one variable. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
clear_on_error_pairs(PyObject *self, PyObject *arg)
{
    /* [(0, x0), (1, x1), ...] */
    PyObject *it = PyObject_GetIter(arg);
    PyObject *result, *item;
    long index = 0;

    if (it == NULL)
        return NULL;
    result = PyList_New(0);
    while (result != NULL && (item = PyIter_Next(it)) != NULL) {
        PyObject *pair = Py_BuildValue("(lN)", index++, item);
        if (pair == NULL || PyList_Append(result, pair) < 0)
            Py_CLEAR(result);
        Py_XDECREF(pair);
    }
    Py_DECREF(it);
    if (result != NULL && PyErr_Occurred())
        Py_CLEAR(result);
    return result;
}

static PyMethodDef clear_on_error_methods[] = {
    {"pairs", clear_on_error_pairs, METH_O, "Like list(enumerate(x))."},
    {NULL, NULL, 0, NULL}
};

static int clear_on_error_exec(PyObject *module);

static PyModuleDef_Slot clear_on_error_slots[] = {
    {Py_mod_exec, clear_on_error_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef clear_on_error_module = {
    PyModuleDef_HEAD_INIT,
    "clear_on_error",
    NULL,
    0,
    clear_on_error_methods,
    clear_on_error_slots,
    NULL,
    NULL,
    NULL
};

static int
clear_on_error_exec(PyObject *module)
{
    if (PyModule_AddIntConstant(module, "START", 0) < 0)
        goto except;
    if (PyModule_AddStringConstant(module, "STYLE", "enumerate") < 0)
        goto except;
    goto finally;

except:
    return -1;
finally:
    return 0;
}

PyMODINIT_FUNC
PyInit_clear_on_error(void)
{
    return PyModuleDef_Init(&clear_on_error_module);
}
