/* An X-macro list in its own file, included twice: once by a method that
 * lists the names, once inside the init under a definition that adds each
 * entry as a packed integer constant and returns NULL (releasing the module)
 * on failure. The init's definition is its own, #undef'd after the list. */
#include <Python.h>

static PyObject *
palette_names(PyObject *self, PyObject *noargs)
{
    PyObject *names, *item;

    (void)self;
    (void)noargs;
    names = PyList_New(0);
    if (names == NULL)
        return NULL;
#define PALETTE_ENTRY(name, red, green, blue)                   \
    item = PyUnicode_FromString(#name);                         \
    if (item == NULL || PyList_Append(names, item) < 0) {       \
        Py_XDECREF(item);                                       \
        Py_DECREF(names);                                       \
        return NULL;                                            \
    }                                                           \
    Py_DECREF(item);
#include "palette.def"
#undef PALETTE_ENTRY
    return names;
}

static PyMethodDef palette_methods[] = {
    {"names", palette_names, METH_NOARGS, "The palette's colour names, in order."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef palette_def = {
    PyModuleDef_HEAD_INIT, "macro_xmacro_include", NULL, -1, palette_methods
};

PyMODINIT_FUNC
PyInit_macro_xmacro_include(void)
{
    PyObject *module = PyModule_Create(&palette_def);

    if (module == NULL)
        return NULL;
#define PALETTE_ENTRY(name, red, green, blue)                                   \
    if (PyModule_AddIntConstant(module, #name,                                  \
                                ((red) << 16) | ((green) << 8) | (blue)) < 0) { \
        Py_DECREF(module);                                                      \
        return NULL;                                                            \
    }
#include "palette.def"
#undef PALETTE_ENTRY
    return module;
}
