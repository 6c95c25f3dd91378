/* The Python 3 flag comes from the project's header (AIF_PY3), so the file
 * alone does not say which arm is Python 3: the init is named through an
 * object-like alias (aif_init_function), returns through aif_init_return,
 * and creates the module in an #ifdef AIF_PY3 arm with Py_InitModule3 in
 * the other. */
#include <Python.h>
#include "aif_compat.h"

static PyObject *
aif_width_of(PyObject *self, PyObject *arg)
{
    Py_ssize_t n = PySequence_Size(arg);

    if (n < 0)
        return NULL;
    return PyLong_FromSsize_t(n * 8);
}

static PyMethodDef aif_methods[] = {
    {"width_of", aif_width_of, METH_O, "Eight bits per item."},
    {NULL, NULL, 0, NULL}
};

static const char aif_doc[] = "Init named through an alias.";

#ifdef AIF_PY3
static int alias_init_flag_header_exec(PyObject *module);

static PyModuleDef_Slot alias_init_flag_header_slots[] = {
    {Py_mod_exec, alias_init_flag_header_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static PyModuleDef aif_module = {
    PyModuleDef_HEAD_INIT,
    "alias_init_flag_header",
    aif_doc,
    0,
    aif_methods,
    alias_init_flag_header_slots
};
#endif

#ifdef AIF_PY3
#define aif_init_function PyInit_alias_init_flag_header
#endif

static int
alias_init_flag_header_exec(PyObject *module) {
    if (PyModule_AddIntConstant(module, "WIDTH", 8) < 0) {
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC
aif_init_function(void) {
    return PyModuleDef_Init(&aif_module);
}
