/* refuse_macro_init: the whole init function comes out of a project macro
 * shared by several extensions; only the macro's author can convert it. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define DEFINE_MODULE_INIT(name, def)                  \
    PyMODINIT_FUNC PyInit_##name(void)                 \
    {                                                  \
        PyObject *module = PyModule_Create(&(def));    \
        if (module == NULL)                            \
            return NULL;                               \
        if (PyModule_AddStringConstant(module, "BUILT_BY", "macro") < 0) { \
            Py_DECREF(module);                         \
            return NULL;                               \
        }                                              \
        return module;                                 \
    }

static PyObject *
refuse_macro_init_triple(PyObject *self, PyObject *arg)
{
    PyObject *three = PyLong_FromLong(3);
    PyObject *result;

    if (three == NULL)
        return NULL;
    result = PyNumber_Multiply(arg, three);
    Py_DECREF(three);
    return result;
}

static PyMethodDef refuse_macro_init_methods[] = {
    {"triple", refuse_macro_init_triple, METH_O, "3 * x"},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef refuse_macro_init_module = {
    PyModuleDef_HEAD_INIT,
    "refuse_macro_init",
    NULL,
    -1,
    refuse_macro_init_methods,
    NULL,
    NULL,
    NULL,
    NULL
};

DEFINE_MODULE_INIT(refuse_macro_init, refuse_macro_init_module)
