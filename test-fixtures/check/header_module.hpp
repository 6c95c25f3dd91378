// A header-only C++ module init (included by exactly one .cpp).
#pragma once
#include <Python.h>

inline PyModuleDef hdr_def = {PyModuleDef_HEAD_INIT, "hdrmod", nullptr, -1, nullptr};

extern "C" inline PyObject *PyInit_hdrmod() {
    return PyModule_Create2(&hdr_def, PYTHON_API_VERSION);
}
