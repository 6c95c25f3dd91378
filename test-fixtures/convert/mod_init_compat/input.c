/* The porting-guide shape: MOD_INIT names the init, MOD_DEF declares the def
 * inside it and creates the module, MOD_ERROR_VAL/MOD_SUCCESS_VAL are the
 * returns; each has a Python 2 definition under #else. */
#include <Python.h>

#if PY_MAJOR_VERSION >= 3
  #define MOD_ERROR_VAL NULL
  #define MOD_SUCCESS_VAL(val) val
  #define MOD_INIT(name) PyMODINIT_FUNC PyInit_##name(void)
  #define MOD_DEF(ob, name, doc, methods) \
          static struct PyModuleDef moduledef = { \
            PyModuleDef_HEAD_INIT, name, doc, -1, methods, }; \
          ob = PyModule_Create(&moduledef);
#else
  #define MOD_ERROR_VAL
  #define MOD_SUCCESS_VAL(val)
  #define MOD_INIT(name) void init##name(void)
  #define MOD_DEF(ob, name, doc, methods) \
          ob = Py_InitModule3(name, methods, doc);
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

MOD_INIT(mod_init_compat)
{
    PyObject *m;

    MOD_DEF(m, "mod_init_compat", "Works on 2 and 3.", mod_init_compat_methods)
    if (m == NULL)
        return MOD_ERROR_VAL;
    if (PyModule_AddIntConstant(m, "LEVEL", 3) < 0) {
        Py_DECREF(m);
        return MOD_ERROR_VAL;
    }
    return MOD_SUCCESS_VAL(m);
}
