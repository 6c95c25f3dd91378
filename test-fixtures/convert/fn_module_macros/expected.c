/* Function-like macros per Python major version: DECLARE_INIT(name) spells
 * the init's header by token pasting, DECLARE_DEF declares the def at file
 * scope (nothing on Python 2), MAKE_MODULE assigns the new module, and
 * INIT_FAILED / INIT_DONE(mod) are the init's returns (empty on Python 2,
 * where the init returns void). */
#include <Python.h>

#if PY_MAJOR_VERSION >= 3
#define DECLARE_INIT(name) PyMODINIT_FUNC PyInit_##name(void)
#endif

static PyObject *
fnmac_triple(PyObject *self, PyObject *args)
{
    double x;

    if (!PyArg_ParseTuple(args, "d", &x))
        return NULL;
    return PyFloat_FromDouble(3.0 * x);
}

static PyMethodDef fnmac_methods[] = {
    {"triple", fnmac_triple, METH_VARARGS, "Three times a number."},
    {NULL, NULL, 0, NULL}
};

static int fn_module_macros_exec(PyObject *mod);

static PyModuleDef_Slot fn_module_macros_slots[] = {
    {Py_mod_exec, fn_module_macros_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef fnmac_def = { PyModuleDef_HEAD_INIT, "fn_module_macros", "Spelled through function-like macros.", 0, fnmac_methods, fn_module_macros_slots };

static int fn_module_macros_exec(PyObject *mod)
{
    if (PyModule_AddStringConstant(mod, "SPELLING", "macros") < 0) {
        return -1;
    }
    return 0;
}

DECLARE_INIT(fn_module_macros)
{
    return PyModuleDef_Init(&fnmac_def);
}
