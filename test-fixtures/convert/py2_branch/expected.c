/* py2_branch: still carries its Python 2 init beside the Python 3 one, as
 * many long-lived extensions do. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
py2_branch_major(PyObject *self, PyObject *ignored)
{
    return PyLong_FromLong(PY_MAJOR_VERSION);
}

static PyMethodDef py2_branch_methods[] = {
    {"major", py2_branch_major, METH_NOARGS, "Major version built for."},
    {NULL, NULL, 0, NULL}
};

#if PY_MAJOR_VERSION >= 3
static int py2_branch_exec(PyObject *m);

static PyModuleDef_Slot py2_branch_slots[] = {
    {Py_mod_exec, py2_branch_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef py2_branch_module = {
    PyModuleDef_HEAD_INIT,
    "py2_branch",
    "Builds for Python 2 and 3.",
    0,
    py2_branch_methods,
    py2_branch_slots,
    NULL,
    NULL,
    NULL
};

static int
py2_branch_exec(PyObject *m)
{
    if (PyModule_AddIntConstant(m, "BUILT_FOR_3", 1) < 0) {
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC
PyInit_py2_branch(void)
{
    return PyModuleDef_Init(&py2_branch_module);
}
#endif
