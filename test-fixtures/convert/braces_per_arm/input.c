/* The null check opens its block in each #if arm: the braces balance only
 * within one arm, as the compiler sees one configuration at a time. */
#include <Python.h>

static struct PyModuleDef braces_per_arm_def = {
    PyModuleDef_HEAD_INIT, "braces_per_arm", NULL, -1, NULL
};

PyMODINIT_FUNC
PyInit_braces_per_arm(void)
{
    PyObject *m = PyModule_Create(&braces_per_arm_def);
#if PY_VERSION_HEX >= 0x03000000
    if (m == NULL) {
#else
    if (m == NULL || PyErr_Occurred()) {
#endif
        return NULL;
    }
    if (PyModule_AddIntConstant(m, "ARMS", 2) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
