/* A header: prototypes and a def declaration, no module defined here. */
#ifndef PROTOTYPES_ONLY_H
#define PROTOTYPES_ONLY_H
#include <Python.h>

PyMODINIT_FUNC PyInit_core(void);
extern struct PyModuleDef core_def;
PyObject *core_make_submodule(const char *name);

#endif
