/* state_find_helper: method helpers find their module with
 * PyState_FindModule to read its "factor" attribute; the init registers
 * the module with PyState_AddModule and keeps a static exception. */
#include <Python.h>

static struct PyModuleDef state_find_helper_module;
static PyObject *ScaleError;

static PyObject *
current_module(void)
{
    PyObject *module = PyState_FindModule(&state_find_helper_module);

    if (module == NULL && !PyErr_Occurred())
        PyErr_SetString(PyExc_RuntimeError, "state_find_helper is not initialised");
    return module;
}

static PyObject *
state_find_helper_scale(PyObject *self, PyObject *value)
{
    PyObject *module = current_module();
    PyObject *factor;
    PyObject *result;

    if (module == NULL)
        return NULL;
    if (!PyLong_Check(value)) {
        PyErr_SetString(ScaleError, "only integers can be scaled");
        return NULL;
    }
    factor = PyObject_GetAttrString(module, "factor");
    if (factor == NULL)
        return NULL;
    result = PyNumber_Multiply(value, factor);
    Py_DECREF(factor);
    return result;
}

static PyMethodDef state_find_helper_methods[] = {
    {"scale", state_find_helper_scale, METH_O, "Multiply by the module's factor."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef state_find_helper_module = {
    PyModuleDef_HEAD_INIT,
    "state_find_helper",
    "Helpers that look their module up.",
    -1,
    state_find_helper_methods
};

PyMODINIT_FUNC
PyInit_state_find_helper(void)
{
    PyObject *m = PyModule_Create(&state_find_helper_module);

    if (m == NULL)
        return NULL;
    ScaleError = PyErr_NewException("state_find_helper.ScaleError", PyExc_TypeError, NULL);
    if (ScaleError == NULL || PyModule_AddObject(m, "ScaleError", ScaleError) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(ScaleError);
    if (PyModule_AddIntConstant(m, "factor", 3) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    if (PyState_AddModule(m, &state_find_helper_module) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
