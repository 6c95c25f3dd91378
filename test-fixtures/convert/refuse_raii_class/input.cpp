// A C++ extension whose module object is made and owned by an RAII wrapper:
// the constructor creates it, release() hands it to the init's caller.
#include <Python.h>

static PyObject *
raii_answer(PyObject *, PyObject *)
{
    return PyLong_FromLong(42);
}

static PyMethodDef raii_methods[] = {
    {"answer", raii_answer, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}
};

static PyModuleDef raii_def = {
    PyModuleDef_HEAD_INIT, "refuse_raii_class", "Made by a holder.", -1, raii_methods,
    nullptr, nullptr, nullptr, nullptr
};

class ModuleHolder {
public:
    ModuleHolder() : module_(PyModule_Create(&raii_def)) {}
    ~ModuleHolder() { Py_XDECREF(module_); }
    ModuleHolder(const ModuleHolder &) = delete;
    ModuleHolder &operator=(const ModuleHolder &) = delete;

    PyObject *get() const { return module_; }
    PyObject *release()
    {
        PyObject *m = module_;
        module_ = nullptr;
        return m;
    }

private:
    PyObject *module_;
};

PyMODINIT_FUNC
PyInit_refuse_raii_class(void)
{
    ModuleHolder holder;
    if (holder.get() == nullptr)
        return nullptr;
    if (PyModule_AddIntConstant(holder.get(), "HELD", 1) < 0)
        return nullptr;
    return holder.release();
}
