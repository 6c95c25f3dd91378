/* A counter module written for Python 2 and 3 at once: the init's name is
 * chosen by #if lines between PyMODINIT_FUNC and the body. */
#include <Python.h>

#if PY_MAJOR_VERSION >= 3
#define INITERROR return NULL
#endif

static long counter_total = 0;

static PyObject *
counter_bump(PyObject *self, PyObject *args)
{
    long by = 1;
    if (!PyArg_ParseTuple(args, "|l", &by))
        return NULL;
    counter_total += by;
    return PyLong_FromLong(counter_total);
}

static PyMethodDef counter_methods[] = {
    {"bump", counter_bump, METH_VARARGS, "Add to the running total."},
    {NULL, NULL, 0, NULL}
};

#if PY_MAJOR_VERSION >= 3
static int split_header_exec(PyObject *m);

static PyModuleDef_Slot split_header_slots[] = {
    {Py_mod_exec, split_header_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef counter_def = {
    PyModuleDef_HEAD_INIT,
    "split_header",
    "Counts, for Python 2 and 3.",
    0,
    counter_methods,
    split_header_slots
};
#endif

static int
split_header_exec(PyObject *m)
{
    if (PyModule_AddIntConstant(m, "START", 0) < 0) {
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC
PyInit_split_header(void)
{
    return PyModuleDef_Init(&counter_def);
}
