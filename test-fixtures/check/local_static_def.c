/* The def is a static local of the init, and the module is filled by a setup function. */
#include <Python.h>

static PyMethodDef canvas_functions[] = {
    {NULL, NULL, 0, NULL}
};

static int
setup_module(PyObject *m)
{
    return PyModule_AddStringConstant(m, "VERSION", "1.0");
}

PyMODINIT_FUNC
PyInit__canvas(void)
{
    PyObject *m;

    static PyModuleDef module_def = {
        PyModuleDef_HEAD_INIT,
        "_canvas",          /* m_name */
        NULL,               /* m_doc */
        -1,                 /* m_size */
        canvas_functions,   /* m_methods */
    };

    m = PyModule_Create(&module_def);

    if (setup_module(m) < 0) {
        Py_DECREF(m);
        return NULL;
    }

    return m;
}
