/* Each #if arm carries its own return type: PyMODINIT_FUNC for Python 3,
 * DL_EXPORT(void) (the old Python 2 spelling) for Python 2. */
#include <Python.h>

static PyObject *
shapes_area(PyObject *self, PyObject *args)
{
    double w, h;
    if (!PyArg_ParseTuple(args, "dd", &w, &h))
        return NULL;
    return PyFloat_FromDouble(w * h);
}

static PyMethodDef shapes_methods[] = {
    {"area", shapes_area, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static int split_header_rettype_exec(PyObject *m);

static PyModuleDef_Slot split_header_rettype_slots[] = {
    {Py_mod_exec, split_header_rettype_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef shapes_def = {
    PyModuleDef_HEAD_INIT, "split_header_rettype", NULL, 0, shapes_methods, split_header_rettype_slots
};

static int
split_header_rettype_exec(PyObject *m)
{
    PyObject *units;

    units = PyUnicode_FromString("m2");
    if (units == NULL || PyModule_AddObject(m, "UNITS", units) < 0) {
        Py_XDECREF(units);
        return -1;
    }
    return 0;
}

PyObject *
PyInit_split_header_rettype(void)
{
    return PyModuleDef_Init(&shapes_def);
}
