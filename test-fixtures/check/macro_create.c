/* A plain PyInit whose creation is hidden in a project macro. */
#include <Python.h>

#define CREATE_MODULE(var, def) var = PyModule_Create(&def)

static struct PyModuleDef hidden_def = {
    PyModuleDef_HEAD_INIT, "hidden", NULL, 0, NULL
};

PyMODINIT_FUNC
PyInit_hidden(void)
{
    PyObject *m;
    CREATE_MODULE(m, hidden_def);
    if (m == NULL)
        return NULL;
    return m;
}
