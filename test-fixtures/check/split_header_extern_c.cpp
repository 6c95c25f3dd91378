// C++ module whose init header is chosen by #if, with `extern "C" {` opened
// in each arm and closed once after the shared body.
#include <Python.h>

static PyMethodDef hasher_methods[] = {{NULL, NULL, 0, NULL}};

#if PY_MAJOR_VERSION >= 3
static struct PyModuleDef hasher_def = {PyModuleDef_HEAD_INIT, "hasher", NULL, 0, hasher_methods, NULL, NULL, NULL, NULL};
#define HASHER_FAIL return NULL
extern "C" {
PyMODINIT_FUNC
PyInit_hasher(void)
#else
#define HASHER_FAIL return
extern "C" {
void
inithasher(void)
#endif
{
#if PY_MAJOR_VERSION >= 3
    PyObject *mod = PyModule_Create(&hasher_def);
#else
    PyObject *mod = Py_InitModule("hasher", hasher_methods);
#endif
    if (mod == NULL)
        HASHER_FAIL;
#if PY_MAJOR_VERSION >= 3
    return mod;
#endif
}
}  // extern "C"
