/*
 * The shape of a SWIG wrapper: the init's name comes from an object-like
 * macro, and the header varies with the Python version. Single-phase.
 */
#include <Python.h>

#define SWIGEXPORT __attribute__ ((visibility("default")))
#define SWIG_init    PyInit__shapes
#define SWIG_name    "_shapes"

static PyMethodDef SwigMethods[] = {
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef SWIG_module = {
    PyModuleDef_HEAD_INIT,
    SWIG_name,
    NULL,
    -1,
    SwigMethods,
    NULL,
    NULL,
    NULL,
    NULL
};

SWIGEXPORT
#if PY_VERSION_HEX >= 0x03000000
PyObject*
#else
void
#endif
SWIG_init(void) {
    PyObject *m, *d;
    m = PyModule_Create(&SWIG_module);
    d = PyModule_GetDict(m);
    (void)d;
    return m;
}
