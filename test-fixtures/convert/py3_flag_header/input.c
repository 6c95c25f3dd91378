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
static struct PyModuleDef py3_flag_header_def = {
    PyModuleDef_HEAD_INIT,
    "py3_flag_header",
    "Halves ints.",
    -1,
    py3_flag_header_methods
};
#define RETURN_ERROR return NULL
#else
#define RETURN_ERROR return
#endif

PyMODINIT_FUNC
#ifdef PY3K
PyInit_py3_flag_header(void)
#else
initpy3_flag_header(void)
#endif
{
    PyObject *module;

#ifdef PY3K
    module = PyModule_Create(&py3_flag_header_def);
#else
    module = Py_InitModule3("py3_flag_header", py3_flag_header_methods, "Halves ints.");
#endif
    if (module == NULL)
        RETURN_ERROR;
    if (PyModule_AddStringConstant(module, "UNIT", "half") < 0) {
        Py_DECREF(module);
        RETURN_ERROR;
    }
#ifdef PY3K
    return module;
#endif
}
