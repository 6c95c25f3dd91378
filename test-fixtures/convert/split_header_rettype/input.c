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

#if PY_MAJOR_VERSION >= 3
static struct PyModuleDef shapes_def = {
    PyModuleDef_HEAD_INIT, "split_header_rettype", NULL, -1, shapes_methods
};

PyObject *
PyInit_split_header_rettype(void)
#else
DL_EXPORT(void)
initsplit_header_rettype(void)
#endif
{
    PyObject *m;
    PyObject *units;

#if PY_MAJOR_VERSION >= 3
    m = PyModule_Create(&shapes_def);
    if (m == NULL)
        return NULL;
#else
    m = Py_InitModule("split_header_rettype", shapes_methods);
    if (m == NULL)
        return;
#endif
    units = PyUnicode_FromString("m2");
    if (units == NULL || PyModule_AddObject(m, "UNITS", units) < 0) {
        Py_XDECREF(units);
#if PY_MAJOR_VERSION >= 3
        Py_DECREF(m);
        return NULL;
#else
        return;
#endif
    }
#if PY_MAJOR_VERSION >= 3
    return m;
#endif
}
