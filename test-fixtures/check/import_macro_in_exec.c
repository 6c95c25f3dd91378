/* NumPy's import macros moved into exec unchanged. */
#include <Python.h>
#include <numpy/arrayobject.h>
#include <numpy/ufuncobject.h>

static int
arrays_exec(PyObject *m)
{
    import_array();
    import_umath()
    import_ufunc();
    import_array1(-1);
    return PyModule_AddIntConstant(m, "NDIM_MAX", 64);
}

static PyModuleDef_Slot arrays_slots[] = {
    {Py_mod_exec, arrays_exec},
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef arrays_def = {
    PyModuleDef_HEAD_INIT, "arrays", NULL, 0, NULL, arrays_slots
};

PyMODINIT_FUNC
PyInit_arrays(void)
{
    return PyModuleDef_Init(&arrays_def);
}
