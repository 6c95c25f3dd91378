/* spam: a small single-phase module, converted through the lightbulb. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
spam_system(PyObject *self, PyObject *args)
{
    const char *command;
    if (!PyArg_ParseTuple(args, "s", &command))
        return NULL;
    return PyLong_FromSize_t(strlen(command));
}

static PyMethodDef spam_methods[] = {
    {"system", spam_system, METH_VARARGS, "Measure a command."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef spam_module = {
    PyModuleDef_HEAD_INIT,
    "spam",
    "Example module.",
    -1,
    spam_methods
};

PyMODINIT_FUNC
PyInit_spam(void)
{
    PyObject *m = PyModule_Create(&spam_module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddIntConstant(m, "answer", 42) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
