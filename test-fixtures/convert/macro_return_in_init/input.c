/* Attribute names interned into statics by a macro the init defines for
 * itself and #undefs after its last use. It pastes the static's name and
 * stringifies the attribute, and returns NULL on failure, before the module
 * exists as well as after. */
#include <Python.h>

static PyObject *attr_width;
static PyObject *attr_height;
static PyObject *attr_depth;

static PyObject *
names(PyObject *self, PyObject *noargs)
{
    (void)self;
    (void)noargs;
    return PyTuple_Pack(3, attr_width, attr_height, attr_depth);
}

static PyObject *
area(PyObject *self, PyObject *box)
{
    PyObject *width, *height, *result;

    (void)self;
    width = PyObject_GetAttr(box, attr_width);
    if (width == NULL)
        return NULL;
    height = PyObject_GetAttr(box, attr_height);
    if (height == NULL) {
        Py_DECREF(width);
        return NULL;
    }
    result = PyNumber_Multiply(width, height);
    Py_DECREF(width);
    Py_DECREF(height);
    return result;
}

static PyMethodDef box_methods[] = {
    {"names", names, METH_NOARGS, "The attribute names, interned."},
    {"area", area, METH_O, "width * height of an object."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef box_def = {
    PyModuleDef_HEAD_INIT, "macro_return_in_init", NULL, 0, box_methods
};

PyMODINIT_FUNC
PyInit_macro_return_in_init(void)
{
    PyObject *module;

#define INTERN(NAME) \
    if (!(attr_ ## NAME = PyUnicode_InternFromString(# NAME))) return NULL

    INTERN(width);
    INTERN(height);

    module = PyModule_Create(&box_def);
    if (module == NULL)
        return NULL;
    INTERN(depth);
#undef INTERN

    if (PyModule_AddStringConstant(module, "UNIT", "cm") < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
