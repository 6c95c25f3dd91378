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

static struct PyModuleDef name_clash_module = {
    PyModuleDef_HEAD_INIT,
    "name_clash",
    NULL,
    -1,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL
};

PyMODINIT_FUNC
PyInit_name_clash(void)
{
    PyObject *m = PyModule_Create(&name_clash_module);
    if (m == NULL)
        return NULL;

    TaskType = PyType_FromSpec(&Task_spec);
    if (TaskType == NULL) {
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(TaskType);
    if (PyModule_AddObject(m, "Task", TaskType) < 0) {
        Py_DECREF(TaskType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
