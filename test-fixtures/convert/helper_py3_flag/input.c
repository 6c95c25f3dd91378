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
static struct PyModuleDef helper_py3_flag_def = {
    PyModuleDef_HEAD_INIT, "helper_py3_flag", "Clamps ints.", -1, helper_py3_flag_methods
};
#endif

static PyObject *
make_module(void)
{
    PyObject *mod;

#ifdef IS_PY3
    mod = PyModule_Create(&helper_py3_flag_def);
#else
    mod = Py_InitModule3("helper_py3_flag", helper_py3_flag_methods, "Clamps ints.");
#endif
    if (mod == NULL)
        return NULL;
    if (PyModule_AddIntConstant(mod, "LIMIT", 100) < 0) {
        Py_DECREF(mod);
        return NULL;
    }
    return mod;
}

#ifndef IS_PY3
PyMODINIT_FUNC
inithelper_py3_flag(void)
{
    make_module();
}
#else
PyMODINIT_FUNC
PyInit_helper_py3_flag(void)
{
    return make_module();
}
#endif
