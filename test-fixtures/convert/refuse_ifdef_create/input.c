/* refuse_ifdef_create: the creation is split over preprocessor branches,
 * so no single edit is right for every configuration. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
refuse_ifdef_create_tag(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyUnicode_FromString("ifdef");
}

static PyMethodDef refuse_ifdef_create_methods[] = {
    {"tag", refuse_ifdef_create_tag, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef refuse_ifdef_create_module = {
    PyModuleDef_HEAD_INIT,
    "refuse_ifdef_create",
    NULL,
    -1,
    refuse_ifdef_create_methods,
    NULL,
    NULL,
    NULL,
    NULL
};

PyMODINIT_FUNC
PyInit_refuse_ifdef_create(void)
{
    PyObject *m;

#if PY_VERSION_HEX >= 0x030A0000
    m = PyModule_Create2(&refuse_ifdef_create_module, PYTHON_API_VERSION);
    if (m == NULL)
        return NULL;
    if (PyModule_AddStringConstant(m, "FLAVOUR", "new") < 0) {
        Py_DECREF(m);
        return NULL;
    }
#else
    m = PyModule_Create(&refuse_ifdef_create_module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddStringConstant(m, "FLAVOUR", "old") < 0) {
        Py_DECREF(m);
        return NULL;
    }
#endif
    return m;
}
