/* def_top_init_bottom: prototypes, the method table and the def at the top
 * of the file, the implementations in between, the init at the very end. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

static PyObject *top_reverse(PyObject *self, PyObject *arg);
static PyObject *top_is_palindrome(PyObject *self, PyObject *arg);

static PyMethodDef top_methods[] = {
    {"reverse", top_reverse, METH_O, "Reverse a bytes object."},
    {"is_palindrome", top_is_palindrome, METH_O,
     "True when a bytes object reads the same backwards."},
    {NULL, NULL, 0, NULL}
};

static int def_top_init_bottom_exec(PyObject *m);

static PyModuleDef_Slot def_top_init_bottom_slots[] = {
    {Py_mod_exec, def_top_init_bottom_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef top_module = {
    PyModuleDef_HEAD_INIT,
    "def_top_init_bottom",
    "Byte string helpers.",
    0,
    top_methods,
    def_top_init_bottom_slots,
    NULL,
    NULL,
    NULL
};

/* ------------------------------------------------------------------ */

static PyObject *
top_reverse(PyObject *self, PyObject *arg)
{
    char *buffer;
    Py_ssize_t length, i;
    PyObject *result;

    if (PyBytes_AsStringAndSize(arg, &buffer, &length) < 0)
        return NULL;
    result = PyBytes_FromStringAndSize(NULL, length);
    if (result == NULL)
        return NULL;
    for (i = 0; i < length; i++)
        PyBytes_AS_STRING(result)[i] = buffer[length - 1 - i];
    return result;
}

static PyObject *
top_is_palindrome(PyObject *self, PyObject *arg)
{
    char *buffer;
    Py_ssize_t length, i;

    if (PyBytes_AsStringAndSize(arg, &buffer, &length) < 0)
        return NULL;
    for (i = 0; i < length / 2; i++) {
        if (buffer[i] != buffer[length - 1 - i])
            Py_RETURN_FALSE;
    }
    Py_RETURN_TRUE;
}

/* ------------------------------------------------------------------ */

static int
def_top_init_bottom_exec(PyObject *m)
{
    if (PyModule_AddIntConstant(m, "MAX_LENGTH", 1 << 20) < 0) {
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC
PyInit_def_top_init_bottom(void)
{
    return PyModuleDef_Init(&top_module);
}
