/* capsule_api: publishes a C API for other extensions through a capsule
 * pointing at a static table of functions. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    int abi_version;
    long (*gcd)(long, long);
} capsule_api_CAPI;

static long
gcd_impl(long a, long b)
{
    while (b != 0) {
        long t = a % b;
        a = b;
        b = t;
    }
    return a < 0 ? -a : a;
}

static const capsule_api_CAPI capsule_api_table = {1, gcd_impl};

static PyObject *
capsule_api_gcd(PyObject *self, PyObject *args)
{
    long a, b;

    if (!PyArg_ParseTuple(args, "ll:gcd", &a, &b))
        return NULL;
    return PyLong_FromLong(gcd_impl(a, b));
}

static PyMethodDef capsule_api_methods[] = {
    {"gcd", capsule_api_gcd, METH_VARARGS, "Greatest common divisor."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef capsule_api_module = {
    PyModuleDef_HEAD_INIT,
    "capsule_api",
    NULL,
    -1,
    capsule_api_methods,
    NULL,
    NULL,
    NULL,
    NULL
};

PyMODINIT_FUNC
PyInit_capsule_api(void)
{
    PyObject *m, *capsule;

    m = PyModule_Create(&capsule_api_module);
    if (m == NULL)
        return NULL;

    /* The capsule only points at constant data, so every module object
     * can share it. */
    capsule = PyCapsule_New((void *)&capsule_api_table, "capsule_api._C_API", NULL);
    if (capsule == NULL) {
        Py_DECREF(m);
        return NULL;
    }
    if (PyModule_AddObject(m, "_C_API", capsule) < 0) {
        Py_DECREF(capsule);
        Py_DECREF(m);
        return NULL;
    }

    return m;
}
