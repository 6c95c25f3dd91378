/*
 * A helper that builds a sub-module object and returns it, called from code
 * that is not a PyInit (as numpy's SIMD dispatch does once per CPU target).
 * Not a module init: nothing to report.
 */
#include <Python.h>

#define TARGET_NAME "AVX2"

static PyMethodDef target_methods[] = {
    {NULL, NULL, 0, NULL}
};

PyObject *
simd_create_target_module(void)
{
    static struct PyModuleDef defs = {
        .m_base = PyModuleDef_HEAD_INIT,
        .m_name = "simd." TARGET_NAME,
        .m_size = -1,
        .m_methods = target_methods,
    };
    PyObject *m = PyModule_Create(&defs);
    if (m == NULL) {
        return NULL;
    }
    if (PyModule_AddIntConstant(m, "simd_width", 32) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

int
simd_register_targets(PyObject *parent)
{
    PyObject *sub = simd_create_target_module();
    if (sub == NULL) {
        return -1;
    }
    return PyModule_AddObject(parent, TARGET_NAME, sub);
}
