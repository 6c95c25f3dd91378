/* Designated initialiser, `static PyModuleDef` without `struct`, m_size 0. */
#include <Python.h>

static PyModuleDef counter_def = {
    .m_base = PyModuleDef_HEAD_INIT,
    .m_name = "counter",
    .m_doc = "Counts things.",
    .m_size = 0,
};

PyMODINIT_FUNC
PyInit_counter(void)
{
    PyObject *m = PyModule_Create(&counter_def);
    if (m == NULL) {
        return NULL;
    }
    if (PyModule_AddIntConstant(m, "START", 0) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
