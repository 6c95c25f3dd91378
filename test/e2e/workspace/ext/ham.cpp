// ham: a C++ single-phase module, also converted by "Convert All Modules".
#include <Python.h>

static PyObject *
ham_slice(PyObject *self, PyObject *arg)
{
    long thickness = PyLong_AsLong(arg);
    if (thickness == -1 && PyErr_Occurred())
        return nullptr;
    return PyLong_FromLong(thickness * 2);
}

static PyMethodDef ham_methods[] = {
    {"slice", ham_slice, METH_O, "Slice the ham."},
    {nullptr, nullptr, 0, nullptr}
};

static struct PyModuleDef ham_module = {
    PyModuleDef_HEAD_INIT,
    "ham",
    nullptr,
    -1,
    ham_methods
};

PyMODINIT_FUNC
PyInit_ham(void)
{
    PyObject *module = PyModule_Create(&ham_module);
    if (module == nullptr)
        return nullptr;
    if (PyModule_AddStringConstant(module, "flavour", "smoked") < 0) {
        Py_DECREF(module);
        return nullptr;
    }
    return module;
}
