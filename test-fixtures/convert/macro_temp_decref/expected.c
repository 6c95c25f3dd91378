/* Constants added through the module dict by a macro that releases its own
 * temporary, the way large C-API modules register dozens of flags. */
#include <Python.h>

#define FLAG_READ 1
#define FLAG_WRITE 2
#define FLAG_EXEC 4

#define ADD_FLAG(NAME)                               \
    tmp = PyLong_FromLong(FLAG_##NAME);              \
    if (tmp == NULL)                                 \
        goto fail;                                   \
    if (PyDict_SetItemString(d, "FLAG_" #NAME, tmp) < 0) { \
        Py_DECREF(tmp);                              \
        goto fail;                                   \
    }                                                \
    Py_DECREF(tmp)

#define ADD_NAME(NAME)                               \
    tmp = PyUnicode_FromString(#NAME);               \
    if (tmp != NULL) {                               \
        PyDict_SetItemString(d, "NAME_" #NAME, tmp); \
        Py_DECREF(tmp);                              \
    }

static PyMethodDef flags_methods[] = {
    {NULL, NULL, 0, NULL}
};

static int macro_temp_decref_exec(PyObject *m);

static PyModuleDef_Slot macro_temp_decref_slots[] = {
    {Py_mod_exec, macro_temp_decref_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef flags_def = {
    PyModuleDef_HEAD_INIT, "macro_temp_decref", NULL, 0, flags_methods, macro_temp_decref_slots
};

static int
macro_temp_decref_exec(PyObject *m)
{
    PyObject *d, *tmp;

    d = PyModule_GetDict(m);
    ADD_NAME(read);
    ADD_NAME(write);
    if (PyErr_Occurred())
        goto fail;
    return 0;

fail:
    return -1;
}

PyMODINIT_FUNC
PyInit_macro_temp_decref(void)
{
    return PyModuleDef_Init(&flags_def);
}
