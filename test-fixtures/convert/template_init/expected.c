/* A module template: each algorithm's file defines MODULE_NAME and then
 * includes this one (here the build passes -DMODULE_NAME=template_init;
 * the fallback below lets the file be read on its own).
 * The init's name is pasted from MODULE_NAME, per Python version. */
#include <Python.h>
#include "tpl_compat.h"

#ifndef MODULE_NAME
#define MODULE_NAME template_init
#endif

#define JOIN_(a, b) a##b
#define JOIN(a, b) JOIN_(a, b)
#define QUOTE_(x) #x
#define QUOTE(x) QUOTE_(x)
#ifdef USING_PY3
#define TEMPLATE_INIT JOIN(PyInit_, MODULE_NAME)
#endif

static PyObject *
tpl_name(PyObject *self, PyObject *noargs)
{
    return PyUnicode_FromString(QUOTE(MODULE_NAME));
}

static PyMethodDef tpl_methods[] = {
    {"name", tpl_name, METH_NOARGS, "The algorithm's name."},
    {NULL, NULL, 0, NULL}
};

#ifdef USING_PY3
static int module_exec(PyObject *m);

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, module_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef tpl_def = {
    PyModuleDef_HEAD_INIT,
    QUOTE(MODULE_NAME),     /* m_name */
    "A templated module.",  /* m_doc */
    0,                      /* m_size */
    tpl_methods,            /* m_methods */
    module_slots,           /* m_slots */
    NULL,                   /* m_traverse */
    NULL,                   /* m_clear */
    NULL                    /* m_free */
};
#endif

static int
module_exec (PyObject *m)
{
    if (PyModule_AddIntConstant(m, "block_size", 16) < 0)
        goto fail;

    return 0;

fail:
    return -1;
}

PyMODINIT_FUNC
TEMPLATE_INIT (void)
{
    return PyModuleDef_Init(&tpl_def);
}
