// The project's reference helpers: a module object owned by a C++ object,
// made by its constructor from a def.
#ifndef MODULE_HOLDER_H
#define MODULE_HOLDER_H
#include <Python.h>

namespace holder {

struct Failed {};

class OwnedModule {
    PyObject *module_;
public:
    explicit OwnedModule(PyModuleDef &def) : module_(PyModule_Create(&def))
    {
        if (module_ == nullptr) {
            throw Failed();
        }
    }
    void add(const char *name, long value)
    {
        if (PyModule_AddIntConstant(module_, name, value) < 0) {
            throw Failed();
        }
    }
    PyObject *handover() { return module_; }
};

} // namespace holder

#endif
