/* module_state: already keeps its data in per-module state (m_size > 0,
 * traverse/clear/free), but is still created single-phase. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject *history;   /* list of every value pushed */
    long pushes;
} module_state_state;

static module_state_state *
get_state(PyObject *module)
{
    return (module_state_state *)PyModule_GetState(module);
}

static PyObject *
module_state_push(PyObject *self, PyObject *value)
{
    module_state_state *st = get_state(self);

    if (PyList_Append(st->history, value) < 0)
        return NULL;
    st->pushes++;
    return PyLong_FromLong(st->pushes);
}

static PyObject *
module_state_history(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyList_GetSlice(get_state(self)->history, 0, PY_SSIZE_T_MAX);
}

static int
module_state_traverse(PyObject *module, visitproc visit, void *arg)
{
    module_state_state *st = get_state(module);
    if (st != NULL)
        Py_VISIT(st->history);
    return 0;
}

static int
module_state_clear(PyObject *module)
{
    module_state_state *st = get_state(module);
    if (st != NULL)
        Py_CLEAR(st->history);
    return 0;
}

static void
module_state_free(void *module)
{
    module_state_clear((PyObject *)module);
}

static PyMethodDef module_state_methods[] = {
    {"push", module_state_push, METH_O, "Record a value; return the count."},
    {"history", module_state_history, METH_NOARGS, "Copy of the values."},
    {NULL, NULL, 0, NULL}
};

static int module_state_exec(PyObject *m);

static PyModuleDef_Slot module_state_slots[] = {
    {Py_mod_exec, module_state_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef module_state_module = {
    PyModuleDef_HEAD_INIT,
    "module_state",
    "Keeps a history in module state.",
    sizeof(module_state_state),
    module_state_methods,
    module_state_slots,
    module_state_traverse,
    module_state_clear,
    module_state_free
};

static int
module_state_exec(PyObject *m)
{
    module_state_state *st;

    st = get_state(m);
    st->pushes = 0;
    st->history = PyList_New(0);
    if (st->history == NULL) {
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC
PyInit_module_state(void)
{
    return PyModuleDef_Init(&module_state_module);
}
