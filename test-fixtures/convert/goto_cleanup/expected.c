/* goto_cleanup: the init builds a few objects and jumps to one cleanup
 * label on any failure, releasing the module there. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
goto_cleanup_lookup(PyObject *self, PyObject *key)
{
    PyObject *table = PyObject_GetAttrString(self, "TABLE");
    PyObject *value;

    if (table == NULL)
        return NULL;
    value = PyDict_GetItemWithError(table, key);
    if (value == NULL) {
        if (!PyErr_Occurred())
            PyErr_SetObject(PyExc_KeyError, key);
        Py_DECREF(table);
        return NULL;
    }
    Py_INCREF(value);
    Py_DECREF(table);
    return value;
}

static PyMethodDef goto_cleanup_methods[] = {
    {"lookup", goto_cleanup_lookup, METH_O, "Look a colour up in TABLE."},
    {NULL, NULL, 0, NULL}
};

static int goto_cleanup_exec(PyObject *m);

static PyModuleDef_Slot goto_cleanup_slots[] = {
    {Py_mod_exec, goto_cleanup_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef goto_cleanup_module = {
    PyModuleDef_HEAD_INIT,
    "goto_cleanup",
    NULL,
    0,
    goto_cleanup_methods,
    goto_cleanup_slots
};

static int
goto_cleanup_exec(PyObject *m)
{
    PyObject *table = NULL;
    PyObject *names = NULL;

    table = Py_BuildValue("{s:i,s:i,s:i}", "red", 0xff0000, "green", 0x00ff00,
                          "blue", 0x0000ff);
    if (table == NULL)
        goto error;
    names = PyDict_Keys(table);
    if (names == NULL)
        goto error;
    if (PyList_Sort(names) < 0)
        goto error;

    /* PyModule_AddObject steals the reference only on success. */
    if (PyModule_AddObject(m, "TABLE", table) < 0)
        goto error;
    table = NULL;
    if (PyModule_AddObject(m, "NAMES", names) < 0)
        goto error;
    names = NULL;

    return 0;

error:
    Py_XDECREF(names);
    Py_XDECREF(table);
    return -1;
}

PyMODINIT_FUNC
PyInit_goto_cleanup(void)
{
    return PyModuleDef_Init(&goto_cleanup_module);
}
