// C++ extension: single-phase init inside an extern "C" block.
#include <Python.h>
#include <vector>

namespace {

PyObject *sum(PyObject *, PyObject *args) {
    std::vector<long> values{1, 2, 3};
    long total = 0;
    for (long v : values) total += v;
    (void)args;
    return PyLong_FromLong(total);
}

PyMethodDef methods[] = {
    {"sum", sum, METH_VARARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef cppmod_def = {
    PyModuleDef_HEAD_INIT, "cppmod", nullptr, -1, methods,
};

}  // namespace

extern "C" {

PyMODINIT_FUNC PyInit_cppmod() {
    PyObject *m = PyModule_Create(&cppmod_def);
    if (!m) return nullptr;
    return m;
}

}
