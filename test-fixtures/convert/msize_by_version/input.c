/* m_size chosen per version inside the positional def: no size on 3.12 and
 * later, the single-phase "global state" size before. The init keeps a
 * static tuple the functions hand out. */
#include <Python.h>

static PyObject *cached_pair = NULL;

static PyObject *
pair(PyObject *self, PyObject *unused)
{
    Py_INCREF(cached_pair);
    return cached_pair;
}

static PyMethodDef msize_by_version_methods[] = {
    {"pair", pair, METH_NOARGS, "The module's cached (1, 2) tuple."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef msize_by_version_module = {
    PyModuleDef_HEAD_INIT,
    "msize_by_version",         /* m_name */
    "m_size by version.",       /* m_doc */
#if PY_VERSION_HEX >= 0x030C0000
    0,                          /* m_size: no per-module state */
#else
    -1,                         /* m_size: global state */
#endif
    msize_by_version_methods,   /* m_methods */
    NULL,                       /* m_slots */
    NULL,                       /* m_traverse */
    NULL,                       /* m_clear */
    NULL                        /* m_free */
};

PyMODINIT_FUNC
PyInit_msize_by_version(void)
{
    PyObject *m;

    cached_pair = Py_BuildValue("(ii)", 1, 2);
    if (cached_pair == NULL)
        return NULL;
    m = PyModule_Create(&msize_by_version_module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddIntConstant(m, "WIDTH", 2) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
