/* py2_branch: still carries its Python 2 init beside the Python 3 one, as
 * many long-lived extensions do. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
py2_branch_major(PyObject *self, PyObject *ignored)
{
    return PyLong_FromLong(PY_MAJOR_VERSION);
}

static PyMethodDef py2_branch_methods[] = {
    {"major", py2_branch_major, METH_NOARGS, "Major version built for."},
    {NULL, NULL, 0, NULL}
};

#if PY_MAJOR_VERSION >= 3
static struct PyModuleDef py2_branch_module = {
    PyModuleDef_HEAD_INIT,
    "py2_branch",
    "Builds for Python 2 and 3.",
    -1,
    py2_branch_methods,
    NULL,
    NULL,
    NULL,
    NULL
};

PyMODINIT_FUNC
PyInit_py2_branch(void)
{
    PyObject *m = PyModule_Create(&py2_branch_module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddIntConstant(m, "BUILT_FOR_3", 1) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
#else
PyMODINIT_FUNC
initpy2_branch(void)
{
    PyObject *m = Py_InitModule3("py2_branch", py2_branch_methods,
                                 "Builds for Python 2 and 3.");
    if (m == NULL)
        return;
    PyModule_AddIntConstant(m, "BUILT_FOR_3", 0);
}
#endif
