/* mfree_global: a registry kept in a static global, filled by the init,
 * visited by m_traverse, released by m_clear and m_free (which also counts
 * how often it ran). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *registry;
static long free_count;

static PyObject *
mfree_global_lookup(PyObject *self, PyObject *key)
{
    PyObject *value;

    if (registry == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "the registry was released");
        return NULL;
    }
    value = PyDict_GetItemWithError(registry, key);
    if (value == NULL) {
        if (!PyErr_Occurred())
            PyErr_SetObject(PyExc_KeyError, key);
        return NULL;
    }
    Py_INCREF(value);
    return value;
}

static PyObject *
mfree_global_free_calls(PyObject *self, PyObject *unused)
{
    return PyLong_FromLong(free_count);
}

static int
mfree_global_traverse(PyObject *module, visitproc visit, void *arg)
{
    Py_VISIT(registry);
    return 0;
}

static int
mfree_global_clear(PyObject *module)
{
    Py_CLEAR(registry);
    return 0;
}

static void
mfree_global_free(void *module)
{
    free_count++;
    Py_CLEAR(registry);
}

static PyMethodDef mfree_global_methods[] = {
    {"lookup", mfree_global_lookup, METH_O, "Look a name up in the registry."},
    {"free_calls", mfree_global_free_calls, METH_NOARGS, "How often m_free ran."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef mfree_global_module = {
    PyModuleDef_HEAD_INIT,
    "mfree_global",
    "A registry released by m_free.",
    -1,
    mfree_global_methods,
    NULL,
    mfree_global_traverse,
    mfree_global_clear,
    mfree_global_free
};

PyMODINIT_FUNC
PyInit_mfree_global(void)
{
    PyObject *m;
    PyObject *answer;

    m = PyModule_Create(&mfree_global_module);
    if (m == NULL)
        return NULL;
    registry = PyDict_New();
    if (registry == NULL) {
        Py_DECREF(m);
        return NULL;
    }
    answer = PyLong_FromLong(42);
    if (answer == NULL || PyDict_SetItemString(registry, "answer", answer) < 0) {
        Py_XDECREF(answer);
        Py_DECREF(m);
        return NULL;
    }
    Py_DECREF(answer);
    return m;
}
