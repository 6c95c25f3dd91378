/* PyModule_Create2 with the API version, and a cast around the def. */
#include <Python.h>

static struct PyModuleDef legacy_module = {
    PyModuleDef_HEAD_INIT, "legacy", "Old style.", -1, NULL, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC PyInit_legacy(void)
{
    PyObject *module;

    module = PyModule_Create2((PyModuleDef *)&legacy_module, PYTHON_API_VERSION);
    if (!module)
        return NULL;
    return module;
}
