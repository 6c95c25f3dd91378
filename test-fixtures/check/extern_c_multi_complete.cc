// C++ multi-phase module with the casts C++ needs. Nothing to report.
#include <Python.h>

static int cc_exec(PyObject *module) {
    if (PyModule_AddIntConstant(module, "VERSION", 2) < 0) {
        return -1;
    }
    return 0;
}

static PyModuleDef_Slot cc_slots[] = {
    {Py_mod_exec, reinterpret_cast<void *>(cc_exec)},
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#if PY_VERSION_HEX >= 0x030D0000
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, nullptr},
};

static PyModuleDef cc_def = {
    PyModuleDef_HEAD_INIT, "ccmod", nullptr, 0, nullptr, cc_slots, nullptr, nullptr, nullptr,
};

extern "C" PyMODINIT_FUNC PyInit_ccmod(void) {
    return PyModuleDef_Init(&cc_def);
}
