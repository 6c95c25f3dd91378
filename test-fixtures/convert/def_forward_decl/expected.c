/* def_forward_decl: functions above the def refer to it through a forward
 * declaration (here to recognise their own module objects). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static struct PyModuleDef fwd_module;

static PyObject *
fwd_is_own_module(PyObject *self, PyObject *obj)
{
    PyModuleDef *def;

    if (!PyModule_Check(obj))
        Py_RETURN_FALSE;
    def = PyModule_GetDef(obj);
    if (def == NULL && PyErr_Occurred())
        return NULL;
    return PyBool_FromLong(def == &fwd_module);
}

static PyObject *
fwd_module_name(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyUnicode_FromString(fwd_module.m_name);
}

static PyMethodDef fwd_methods[] = {
    {"is_own_module", fwd_is_own_module, METH_O,
     "True for module objects made from this extension's def."},
    {"module_name", fwd_module_name, METH_NOARGS, "m_name of the def."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot def_forward_decl_slots[] = {
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef fwd_module = {
    PyModuleDef_HEAD_INIT,
    "def_forward_decl",
    NULL,
    0,
    fwd_methods,
    def_forward_decl_slots,
    NULL,
    NULL,
    NULL
};

PyMODINIT_FUNC
PyInit_def_forward_decl(void)
{
    return PyModuleDef_Init(&fwd_module);
}
