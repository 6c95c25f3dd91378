/*
 * PyInit_ghost(void) { return PyModule_Create(&ghost_def); }
 * A commented-out init, a string that looks like one, and a prototype must
 * not invent modules. The one real module is single-phase.
 */
#include <Python.h>

PyMODINIT_FUNC PyInit_prototype(void);

static const char *example = "PyMODINIT_FUNC PyInit_fake(void) { return PyModule_Create(&d); }";

// PyMODINIT_FUNC PyInit_lined(void) { return PyModule_Create(&d); }

static struct PyModuleDef real_def = {
    PyModuleDef_HEAD_INIT, "real", NULL, 0, NULL
};

PyMODINIT_FUNC
PyInit_real(void)
{
    (void)example;
    return PyModule_Create(&real_def);
}
