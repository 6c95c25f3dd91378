/* refuse_state_find: reaches its module through PyState_FindModule, which
 * stops working once the def has slots; the tool must not convert it. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static struct PyModuleDef refuse_state_find_module;

typedef struct {
    long hits;
} refuse_state_find_state;

static PyObject *
refuse_state_find_hit(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *module = PyState_FindModule(&refuse_state_find_module);
    refuse_state_find_state *st;

    if (module == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "module not initialised");
        return NULL;
    }
    st = (refuse_state_find_state *)PyModule_GetState(module);
    st->hits++;
    return PyLong_FromLong(st->hits);
}

static PyMethodDef refuse_state_find_methods[] = {
    {"hit", refuse_state_find_hit, METH_NOARGS, "Count a hit."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef refuse_state_find_module = {
    PyModuleDef_HEAD_INIT,
    "refuse_state_find",
    NULL,
    sizeof(refuse_state_find_state),
    refuse_state_find_methods,
    NULL,
    NULL,
    NULL,
    NULL
};

PyMODINIT_FUNC
PyInit_refuse_state_find(void)
{
    PyObject *m = PyModule_Create(&refuse_state_find_module);
    if (m == NULL)
        return NULL;
    ((refuse_state_find_state *)PyModule_GetState(m))->hits = 0;
    return m;
}
