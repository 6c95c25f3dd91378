/* counter: finds its module with PyState_FindModule, which fails once the def
 * has slots; "Convert All" must refuse it and say why. */
#include <Python.h>

typedef struct {
    long hits;
} counter_state;

static struct PyModuleDef counter_module;

static PyObject *
counter_hit(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *module = PyState_FindModule(&counter_module);
    if (module == NULL)
        return NULL;
    counter_state *state = (counter_state *)PyModule_GetState(module);
    return PyLong_FromLong(++state->hits);
}

static PyMethodDef counter_methods[] = {
    {"hit", counter_hit, METH_NOARGS, "Count a hit."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef counter_module = {
    PyModuleDef_HEAD_INIT,
    "counter",
    NULL,
    sizeof(counter_state),
    counter_methods
};

PyMODINIT_FUNC
PyInit_counter(void)
{
    return PyModule_Create(&counter_module);
}
