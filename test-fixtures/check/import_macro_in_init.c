/* import_array() in a single-phase PyInit is correct there: only the init is reported. */
#include <Python.h>
#include <numpy/arrayobject.h>

static struct PyModuleDef vec_def = {
    PyModuleDef_HEAD_INIT, "vec", NULL, 0, NULL
};

PyMODINIT_FUNC
PyInit_vec(void)
{
    import_array();
    return PyModule_Create(&vec_def);
}
