/* One helper builds the module for both inits: PyInit_ on Python 3, init on 2. */
#include <Python.h>

static PyMethodDef shared_methods[] = {
    {NULL, NULL, 0, NULL}
};

#if PY_MAJOR_VERSION >= 3
static int shared_helper_exec(PyObject *m);

static PyModuleDef_Slot shared_helper_slots[] = {
    {Py_mod_exec, shared_helper_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef shared_def = {
    PyModuleDef_HEAD_INIT, "shared_helper", "One body for 2 and 3.", 0, shared_methods, shared_helper_slots
};
#endif

static int
shared_helper_exec(PyObject *m)
{
    if (PyModule_AddStringConstant(m, "FLAVOUR", "shared") < 0) {
        return -1;
    }
    return 0;
}

#if PY_MAJOR_VERSION >= 3
PyMODINIT_FUNC
PyInit_shared_helper(void)
{
    return PyModuleDef_Init(&shared_def);
}
#else
/* Python 2 builds the module with Py_InitModule, then runs the same exec function. */
PyMODINIT_FUNC
initshared_helper(void)
{
    PyObject *m = Py_InitModule3("shared_helper", shared_methods, "One body for 2 and 3.");
    if (m != NULL)
        (void)shared_helper_exec(m);
}
#endif
