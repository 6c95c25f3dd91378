/* direct_return: the smallest realistic module, whose init hands the
 * result of PyModule_Create straight back. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
direct_return_add(PyObject *self, PyObject *args)
{
    long a, b;

    if (!PyArg_ParseTuple(args, "ll:add", &a, &b))
        return NULL;
    return PyLong_FromLong(a + b);
}

static PyObject *
direct_return_hello(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyUnicode_FromString("hello");
}

static PyMethodDef direct_return_methods[] = {
    {"add", direct_return_add, METH_VARARGS, "Add two integers."},
    {"hello", direct_return_hello, METH_NOARGS, "Return a greeting."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot direct_return_slots[] = {
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef direct_return_module = {
    PyModuleDef_HEAD_INIT,
    "direct_return",
    "Adds numbers and says hello.",
    0,
    direct_return_methods,
    direct_return_slots
};

PyMODINIT_FUNC
PyInit_direct_return(void)
{
    return PyModuleDef_Init(&direct_return_module);
}
