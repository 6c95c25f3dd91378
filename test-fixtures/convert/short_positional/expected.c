/* short_positional: a def that stops after m_size, with the functions added
 * by PyModule_AddFunctions in the init instead of m_methods. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
short_positional_twice(PyObject *self, PyObject *arg)
{
    return PyNumber_Add(arg, arg);
}

static PyMethodDef short_positional_functions[] = {
    {"twice", short_positional_twice, METH_O, "arg + arg"},
    {NULL, NULL, 0, NULL}
};

static int short_positional_exec(PyObject *m);

static PyModuleDef_Slot short_positional_slots[] = {
    {Py_mod_exec, short_positional_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef short_positional_module = {
    PyModuleDef_HEAD_INIT, "short_positional", "Short def.", 0, NULL, short_positional_slots
};

static int
short_positional_exec(PyObject *m)
{
    if (PyModule_AddFunctions(m, short_positional_functions) < 0) {
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC
PyInit_short_positional(void)
{
    return PyModuleDef_Init(&short_positional_module);
}
