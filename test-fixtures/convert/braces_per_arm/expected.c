/* The null check opens its block in each #if arm: the braces balance only
 * within one arm, as the compiler sees one configuration at a time. */
#include <Python.h>

static int braces_per_arm_exec(PyObject *m);

static PyModuleDef_Slot braces_per_arm_slots[] = {
    {Py_mod_exec, braces_per_arm_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef braces_per_arm_def = {
    PyModuleDef_HEAD_INIT, "braces_per_arm", NULL, 0, NULL, braces_per_arm_slots
};

static int
braces_per_arm_exec(PyObject *m)
{
    if (PyModule_AddIntConstant(m, "ARMS", 2) < 0) {
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC
PyInit_braces_per_arm(void)
{
    return PyModuleDef_Init(&braces_per_arm_def);
}
