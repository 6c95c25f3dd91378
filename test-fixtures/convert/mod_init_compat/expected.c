/* The porting-guide shape: MOD_INIT names the init, MOD_DEF declares the def
 * inside it and creates the module, MOD_ERROR_VAL/MOD_SUCCESS_VAL are the
 * returns; each has a Python 2 definition under #else. */
#include <Python.h>

#if PY_MAJOR_VERSION >= 3
  #define MOD_INIT(name) PyMODINIT_FUNC PyInit_##name(void)
#endif

static PyObject *
mod_init_compat_ping(PyObject *self, PyObject *unused)
{
    return PyUnicode_FromString("pong");
}

static PyMethodDef mod_init_compat_methods[] = {
    {"ping", mod_init_compat_ping, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static int mod_init_compat_exec(PyObject *m)
{
    if (PyModule_AddIntConstant(m, "LEVEL", 3) < 0) {
        return -1;
    }
    return 0;
}

static PyModuleDef_Slot mod_init_compat_slots[] = {
    {Py_mod_exec, mod_init_compat_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef moduledef = { PyModuleDef_HEAD_INIT, "mod_init_compat", "Works on 2 and 3.", 0, mod_init_compat_methods, mod_init_compat_slots, };

MOD_INIT(mod_init_compat)
{
    return PyModuleDef_Init(&moduledef);
}
