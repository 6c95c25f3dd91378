/* A counter module written for Python 2 and 3 at once: the init's name is
 * chosen by #if lines between PyMODINIT_FUNC and the body. */
#include <Python.h>

#if PY_MAJOR_VERSION >= 3
#define INITERROR return NULL
#else
#define INITERROR return
#endif

static long counter_total = 0;

static PyObject *
counter_bump(PyObject *self, PyObject *args)
{
    long by = 1;
    if (!PyArg_ParseTuple(args, "|l", &by))
        return NULL;
    counter_total += by;
    return PyLong_FromLong(counter_total);
}

static PyMethodDef counter_methods[] = {
    {"bump", counter_bump, METH_VARARGS, "Add to the running total."},
    {NULL, NULL, 0, NULL}
};

#if PY_MAJOR_VERSION >= 3
static struct PyModuleDef counter_def = {
    PyModuleDef_HEAD_INIT,
    "split_header",
    "Counts, for Python 2 and 3.",
    -1,
    counter_methods
};
#endif

PyMODINIT_FUNC
#if PY_MAJOR_VERSION >= 3
PyInit_split_header(void)
#else
initsplit_header(void)
#endif
{
    PyObject *m;
#if PY_MAJOR_VERSION >= 3
    m = PyModule_Create(&counter_def);
#else
    m = Py_InitModule3("split_header", counter_methods, "Counts, for Python 2 and 3.");
#endif
    if (m == NULL)
        INITERROR;
    if (PyModule_AddIntConstant(m, "START", 0) < 0) {
        Py_DECREF(m);
        INITERROR;
    }
#if PY_MAJOR_VERSION >= 3
    return m;
#endif
}
