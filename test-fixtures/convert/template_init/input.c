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
#else
#define TEMPLATE_INIT JOIN(init, MODULE_NAME)
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
static struct PyModuleDef tpl_def = {
    PyModuleDef_HEAD_INIT,
    QUOTE(MODULE_NAME),     /* m_name */
    "A templated module.",  /* m_doc */
    -1,                     /* m_size */
    tpl_methods,            /* m_methods */
    NULL,                   /* m_reload */
    NULL,                   /* m_traverse */
    NULL,                   /* m_clear */
    NULL                    /* m_free */
};
#endif

PyMODINIT_FUNC
TEMPLATE_INIT (void)
{
    PyObject *m = NULL;

#ifdef USING_PY3
    m = PyModule_Create(&tpl_def);
#else
    m = Py_InitModule3(QUOTE(MODULE_NAME), tpl_methods, "A templated module.");
#endif
    if (m == NULL)
        goto fail;
    if (PyModule_AddIntConstant(m, "block_size", 16) < 0)
        goto fail;

#ifdef USING_PY3
    return m;
#else
    return;
#endif

fail:
    Py_XDECREF(m);
#ifdef USING_PY3
    return NULL;
#else
    return;
#endif
}
