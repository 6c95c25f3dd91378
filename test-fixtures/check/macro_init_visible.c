/* The PyInit header is a macro; the creation in the body is plain. */
#include <Python.h>

#define MODULE_INIT_FUNC(name) PyMODINIT_FUNC PyInit_ ## name(void)

static struct PyModuleDef fastmath_def = {
    PyModuleDef_HEAD_INIT, "fastmath", NULL, 0, NULL
};

MODULE_INIT_FUNC(fastmath)
{
    PyObject *m = PyModule_Create(&fastmath_def);
    if (m == NULL)
        return NULL;
    return m;
}
