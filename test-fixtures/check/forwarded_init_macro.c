/*
 * The init name is built by a macro that forwards to another one, from a
 * module name that is itself a macro (so one file can build under several
 * names). Reported as macro-built: never rewritten.
 */
#include <Python.h>

#ifndef MODNAME
#define MODNAME _relay
#endif

#define PASTE_INIT(base) PyInit_ ## base
#define INIT_NAME(base) PASTE_INIT(base)

static struct PyModuleDef relay_def = {
    PyModuleDef_HEAD_INIT, "_relay", NULL, -1, NULL
};

PyMODINIT_FUNC
INIT_NAME(MODNAME)(void)
{
    PyObject *m = PyModule_Create(&relay_def);
    if (m == NULL) {
        return NULL;
    }
    return m;
}
