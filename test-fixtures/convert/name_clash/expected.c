/* name_clash: a heap type built from a spec whose slot array is already
 * called name_clash_slots, and a helper already called name_clash_exec;
 * the names a converter would pick first are taken. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *command;
} TaskObject;

static PyObject *TaskType;

/* Runs a task's command "string" by echoing it back (a stand-in for a
 * real executor). */
static PyObject *
name_clash_exec(TaskObject *task)
{
    return PyUnicode_FromFormat("ran %U", task->command);
}

static int
Task_init(TaskObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"command", NULL};
    PyObject *command;

    if (!PyArg_ParseTupleAndKeywords(args, kwds, "U:Task", kwlist, &command))
        return -1;
    Py_INCREF(command);
    Py_XSETREF(self->command, command);
    return 0;
}

static void
Task_dealloc(TaskObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    Py_XDECREF(self->command);
    tp->tp_free((PyObject *)self);
    Py_DECREF(tp);
}

static PyObject *
Task_run(TaskObject *self, PyObject *Py_UNUSED(ignored))
{
    return name_clash_exec(self);
}

static PyMethodDef Task_methods[] = {
    {"run", (PyCFunction)Task_run, METH_NOARGS, "Run the task."},
    {NULL, NULL, 0, NULL}
};

static PyType_Slot name_clash_slots[] = {
    {Py_tp_init, (void *)Task_init},
    {Py_tp_dealloc, (void *)Task_dealloc},
    {Py_tp_methods, Task_methods},
    {Py_tp_doc, (void *)"A command to run."},
    {0, NULL}
};

static PyType_Spec Task_spec = {
    "name_clash.Task",
    sizeof(TaskObject),
    0,
    Py_TPFLAGS_DEFAULT,
    name_clash_slots
};

static int name_clash_module_exec(PyObject *m);

static PyModuleDef_Slot name_clash_module_slots[] = {
    {Py_mod_exec, name_clash_module_exec},
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#if PY_VERSION_HEX >= 0x030D0000
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef name_clash_module = {
    PyModuleDef_HEAD_INIT,
    "name_clash",
    NULL,
    0,
    NULL,
    name_clash_module_slots,
    NULL,
    NULL,
    NULL
};

static int
name_clash_module_exec(PyObject *m)
{
    /* This module keeps process-wide state (static TaskType), so it can be
     * loaded only once per process. See
     * https://docs.python.org/3/howto/isolating-extensions.html#opt-out-limiting-to-one-module-object-per-process
     */
    static int module_loaded = 0;
    if (module_loaded) {
        PyErr_SetString(PyExc_ImportError,
                        "cannot load module more than once per process");
        return -1;
    }
    module_loaded = 1;

    TaskType = PyType_FromSpec(&Task_spec);
    if (TaskType == NULL) {
        return -1;
    }
    Py_INCREF(TaskType);
    if (PyModule_AddObject(m, "Task", TaskType) < 0) {
        Py_DECREF(TaskType);
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC
PyInit_name_clash(void)
{
    return PyModuleDef_Init(&name_clash_module);
}
