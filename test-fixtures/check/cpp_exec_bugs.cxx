// C++ multi-phase module with exec bugs: nullptr return and a DECREF of the module.
#include <Python.h>

static int cx_exec(PyObject *mod) {
    PyObject *v = PyFloat_FromDouble(1.5);
    if (!v) {
        Py_DECREF(mod);
        return -1;
    }
    if (PyModule_AddObject(mod, "HALF", v) < 0) {
        return nullptr;
    }
    return 0;
}

static PyModuleDef_Slot cx_slots[] = {
    {Py_mod_exec, (void *)cx_exec},
    {0, nullptr},
};

static PyModuleDef cx_def = {PyModuleDef_HEAD_INIT, "cxmod", nullptr, 0, nullptr, cx_slots};

extern "C" PyMODINIT_FUNC PyInit_cxmod(void) { return PyModuleDef_Init(&cx_def); }
