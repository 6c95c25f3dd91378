/* One static helper builds the module for both inits, the arms chosen by
 * IS_PY3 from flag_compat.h (beside this file): the file alone does not say
 * which arm is Python 3, the inits' arms do. */
#include <Python.h>
#include "flag_compat.h"

static PyObject *
clamp(PyObject *self, PyObject *args)
{
    long v, lo, hi;
    if (!PyArg_ParseTuple(args, "lll", &v, &lo, &hi))
        return NULL;
    return PyLong_FromLong(v < lo ? lo : v > hi ? hi : v);
}

static PyMethodDef helper_py3_flag_methods[] = {
    {"clamp", clamp, METH_VARARGS, "clamp(v, lo, hi)"},
    {NULL, NULL, 0, NULL}
};

#ifdef IS_PY3
static int helper_py3_flag_exec(PyObject *mod);

static PyModuleDef_Slot helper_py3_flag_slots[] = {
    {Py_mod_exec, helper_py3_flag_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef helper_py3_flag_def = {
    PyModuleDef_HEAD_INIT, "helper_py3_flag", "Clamps ints.", 0, helper_py3_flag_methods, helper_py3_flag_slots
};
#endif

#ifdef IS_PY3
static int
helper_py3_flag_exec(PyObject *mod)
{
    if (PyModule_AddIntConstant(mod, "LIMIT", 100) < 0) {
        return -1;
    }
    return 0;
}
#endif

PyMODINIT_FUNC
PyInit_helper_py3_flag(void)
{
    return PyModuleDef_Init(&helper_py3_flag_def);
}
