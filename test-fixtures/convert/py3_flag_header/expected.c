/* Split init header on PY3K, a flag py3_compat.h (beside this file) defines:
 * the file alone does not say which arm is Python 3, the init's arms do. */
#include <Python.h>
#include "py3_compat.h"

static PyObject *
halve(PyObject *self, PyObject *arg)
{
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred())
        return NULL;
    return PyLong_FromLong(v / 2);
}

static PyMethodDef py3_flag_header_methods[] = {
    {"halve", halve, METH_O, "Half of an int, rounded toward zero."},
    {NULL, NULL, 0, NULL}
};

#ifdef PY3K
static int py3_flag_header_exec(PyObject *module);

static PyModuleDef_Slot py3_flag_header_slots[] = {
    {Py_mod_exec, py3_flag_header_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef py3_flag_header_def = {
    PyModuleDef_HEAD_INIT,
    "py3_flag_header",
    "Halves ints.",
    0,
    py3_flag_header_methods,
    py3_flag_header_slots
};
#define RETURN_ERROR return NULL
#endif

static int
py3_flag_header_exec(PyObject *module)
{
    if (PyModule_AddStringConstant(module, "UNIT", "half") < 0) {
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC
PyInit_py3_flag_header(void)
{
    return PyModuleDef_Init(&py3_flag_header_def);
}
