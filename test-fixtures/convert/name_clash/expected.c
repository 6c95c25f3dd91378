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

/* Single-phase init (m_size -1) ran this module's body once per process
 * and gave every later import a copy of the first module's namespace.
 * Exec keeps that: the body runs for the first module object only, which
 * is kept here, and later module objects get a copy of its namespace. */
static PyObject *name_clash_body_module = NULL;
static PyObject *name_clash_namespace = NULL;

static int name_clash_module_exec(PyObject *m);

static PyModuleDef_Slot name_clash_module_slots[] = {
    {Py_mod_exec, name_clash_module_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
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
name_clash_exec_body(PyObject *m)
{
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

/* The namespace later module objects are filled from, as single-phase init
 * kept m_copy: what the body left, minus the attributes the import system
 * sets on each module object itself. */
static int
name_clash_keep_namespace(PyObject *m)
{
    static const char *const own_attributes[] = {
        "__name__", "__spec__", "__loader__", "__package__", "__file__"
    };
    PyObject *copy = PyDict_Copy(PyModule_GetDict(m));
    size_t i;

    if (copy == NULL) {
        return -1;
    }
    for (i = 0; i < sizeof(own_attributes) / sizeof(own_attributes[0]); i++) {
        if (PyDict_GetItemString(copy, own_attributes[i]) != NULL
            && PyDict_DelItemString(copy, own_attributes[i]) < 0) {
            Py_DECREF(copy);
            return -1;
        }
    }
    name_clash_namespace = copy;
    return 0;
}

#ifndef Py_LIMITED_API
/* A legacy subinterpreter takes the objects the body made there with it when
 * it ends. Single-phase init then ran init again in the next interpreter
 * (CPython 3.8-3.12): forget the body there, so the next import runs it. */
static PyObject *
name_clash_forget_body(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    Py_CLEAR(name_clash_namespace);
    Py_CLEAR(name_clash_body_module);
    Py_RETURN_NONE;
}

static PyMethodDef name_clash_forget_body_def = {
    "name_clash_forget_body", name_clash_forget_body, METH_NOARGS, NULL
};

static int
name_clash_forget_at_interpreter_end(void)
{
    PyObject *atexit_module;
    PyObject *callback;
    PyObject *result;

    if (PyThreadState_Get()->interp == PyInterpreterState_Main()) {
        return 0;
    }
    atexit_module = PyImport_ImportModule("atexit");
    if (atexit_module == NULL) {
        return -1;
    }
    callback = PyCFunction_New(&name_clash_forget_body_def, NULL);
    if (callback == NULL) {
        Py_DECREF(atexit_module);
        return -1;
    }
    result = PyObject_CallMethod(atexit_module, "register", "O", callback);
    Py_DECREF(callback);
    Py_DECREF(atexit_module);
    if (result == NULL) {
        return -1;
    }
    Py_DECREF(result);
    return 0;
}
#else
static int
name_clash_forget_at_interpreter_end(void)
{
    /* The limited API cannot tell which interpreter runs exec. */
    return 0;
}
#endif

static int
name_clash_module_exec(PyObject *m)
{
    if (name_clash_namespace != NULL) {
        return PyDict_Update(PyModule_GetDict(m), name_clash_namespace);
    }
    if (name_clash_body_module != NULL) {
        /* Imported again from inside its own first exec. */
        PyErr_SetString(PyExc_ImportError,
                        "name_clash is imported again while its first import is still running");
        return -1;
    }
    Py_INCREF(m);
    name_clash_body_module = m;
    if (name_clash_exec_body(m) < 0) {
        Py_CLEAR(name_clash_body_module);
        return -1;
    }
    if (name_clash_keep_namespace(m) < 0) {
        return -1;
    }
    return name_clash_forget_at_interpreter_end();
}

PyMODINIT_FUNC
PyInit_name_clash(void)
{
    return PyModuleDef_Init(&name_clash_module);
}
