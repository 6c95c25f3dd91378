// A C++ extension whose module is made by an object of a class from the
// project's header: the init calls a helper that builds the object from the
// def, fills it and returns its pointer.
#include <Python.h>
#include "module_holder.h"

static PyObject *
held_double(PyObject *, PyObject *arg)
{
    return PyNumber_Add(arg, arg);
}

static PyMethodDef held_methods[] = {
    {"double", held_double, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr}
};

static PyModuleDef held_module_def = {
    PyModuleDef_HEAD_INIT, "refuse_raii_header", nullptr, -1, held_methods,
    nullptr, nullptr, nullptr, nullptr
};

static PyObject *
make_held_module() noexcept
{
    try {
        holder::OwnedModule m(held_module_def);
        m.add("width", 8);
        return m.handover();
    }
    catch (const holder::Failed &) {
        return nullptr;
    }
}

extern "C" {
PyMODINIT_FUNC
PyInit_refuse_raii_header(void)
{
    return make_held_module();
}
}
