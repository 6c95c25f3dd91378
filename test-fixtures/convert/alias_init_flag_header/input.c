/* The Python 3 flag comes from the project's header (AIF_PY3), so the file
 * alone does not say which arm is Python 3: the init is named through an
 * object-like alias (aif_init_function), returns through aif_init_return,
 * and creates the module in an #ifdef AIF_PY3 arm with Py_InitModule3 in
 * the other. */
#include <Python.h>
#include "aif_compat.h"

static PyObject *
aif_width_of(PyObject *self, PyObject *arg)
{
    Py_ssize_t n = PySequence_Size(arg);

    if (n < 0)
        return NULL;
    return PyLong_FromSsize_t(n * 8);
}

static PyMethodDef aif_methods[] = {
    {"width_of", aif_width_of, METH_O, "Eight bits per item."},
    {NULL, NULL, 0, NULL}
};

static const char aif_doc[] = "Init named through an alias.";

#ifdef AIF_PY3
static PyModuleDef aif_module = {
    PyModuleDef_HEAD_INIT,
    "alias_init_flag_header",
    aif_doc,
    -1,
    aif_methods
};
#endif

#ifdef AIF_PY3
#define aif_init_function PyInit_alias_init_flag_header
#define aif_init_return(value) return (value)
#else
#define aif_init_function initalias_init_flag_header
#define aif_init_return(unused) return
#endif

PyMODINIT_FUNC
aif_init_function(void) {
    PyObject *module;

#ifdef AIF_PY3
    module = PyModule_Create(&aif_module);
#else
    module = Py_InitModule3("alias_init_flag_header", aif_methods, aif_doc);
#endif
    if (module == NULL)
        aif_init_return(NULL);
    if (PyModule_AddIntConstant(module, "WIDTH", 8) < 0) {
        Py_DECREF(module);
        aif_init_return(NULL);
    }
    aif_init_return(module);
}
