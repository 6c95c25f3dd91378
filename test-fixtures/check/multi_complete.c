/* A complete multi-phase module: state, exec, both slots. Nothing to report. */
#include <Python.h>

typedef struct {
    PyObject *error;
} widget_state;

static int
widget_exec(PyObject *module)
{
    widget_state *state = PyModule_GetState(module);
    state->error = PyErr_NewException("widget.Error", NULL, NULL);
    if (state->error == NULL) {
        return -1;
    }
    if (PyModule_AddObjectRef(module, "Error", state->error) < 0) {
        return -1;
    }
    return 0;
}

static int
widget_traverse(PyObject *module, visitproc visit, void *arg)
{
    widget_state *state = PyModule_GetState(module);
    Py_VISIT(state->error);
    return 0;
}

static int
widget_clear(PyObject *module)
{
    widget_state *state = PyModule_GetState(module);
    Py_CLEAR(state->error);
    return 0;
}

static PyModuleDef_Slot widget_slots[] = {
    {Py_mod_exec, widget_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};

static struct PyModuleDef widget_module = {
    .m_base = PyModuleDef_HEAD_INIT,
    .m_name = "widget",
    .m_size = sizeof(widget_state),
    .m_slots = widget_slots,
    .m_traverse = widget_traverse,
    .m_clear = widget_clear,
};

PyMODINIT_FUNC
PyInit_widget(void)
{
    return PyModuleDef_Init(&widget_module);
}
