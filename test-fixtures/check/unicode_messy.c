/* Ünïcödé comments — “quotes” and emoji 🐍 before a function the parser loses. */
#include <Python.h>

#define BEGIN_ALLOW_THREADS_BLOCK Py_BEGIN_ALLOW_THREADS
#define END_ALLOW_THREADS_BLOCK Py_END_ALLOW_THREADS

static const char *greeting = "héllo wörld 🐍";

static struct PyModuleDef accents_def = {
    PyModuleDef_HEAD_INIT, "accents", "Modülé", -1, NULL
};

PyMODINIT_FUNC
PyInit_accents(void)
{
    PyObject *m;
    BEGIN_ALLOW_THREADS_BLOCK
    (void)greeting;
    END_ALLOW_THREADS_BLOCK
    m = PyModule_Create(&accents_def);
    if (m == NULL) return NULL;
    return m;
}
