/* refuse_helper_releases: the init passes its module to a helper that
 * releases it on failure. In an exec function the module is borrowed, so a
 * mechanical conversion would turn that failure path into a crash. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
refuse_helper_releases_version(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return Py_BuildValue("(iii)", 1, 0, 3);
}

static PyMethodDef refuse_helper_releases_methods[] = {
    {"version", refuse_helper_releases_version, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef refuse_helper_releases_module = {
    PyModuleDef_HEAD_INIT,
    "refuse_helper_releases",
    NULL,
    -1,
    refuse_helper_releases_methods,
    NULL,
    NULL,
    NULL,
    NULL
};

/* Adds the limits; on failure releases the module, so callers only have to
 * return NULL. */
static int
add_limits(PyObject *module)
{
    if (PyModule_AddIntConstant(module, "MIN", 0) < 0 ||
        PyModule_AddIntConstant(module, "MAX", 255) < 0) {
        Py_DECREF(module);
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC
PyInit_refuse_helper_releases(void)
{
    PyObject *m = PyModule_Create(&refuse_helper_releases_module);
    if (m == NULL)
        return NULL;
    if (add_limits(m) < 0)
        return NULL;
    return m;
}
