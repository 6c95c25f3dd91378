// The module is made by a holder object from the project's header: a helper
// builds it from the def and returns its pointer, the init returns that.
#include <Python.h>
#include "refs.hpp"

static PyModuleDef counter_module_def = {
    PyModuleDef_HEAD_INIT, "counter", nullptr, -1, nullptr,
    nullptr, nullptr, nullptr, nullptr
};

static PyObject *
counter_module_init() noexcept
{
    try {
        refs::ModuleHolder mod(counter_module_def);
        mod.add_int("start", 0);
        return mod.borrow();
    }
    catch (const refs::Error &) {
        return nullptr;
    }
}

extern "C" PyMODINIT_FUNC
PyInit_counter(void)
{
    return counter_module_init();
}
