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

/* Single-phase init (m_size -1) ran this module's body once per process
 * and gave every later import a copy of the first module's namespace.
 * Exec keeps that: the body runs for the first module object only, which
 * is kept here, and later module objects get a copy of its namespace. */
static PyObject *capsule_api_body_module = NULL;
static PyObject *capsule_api_namespace = NULL;

static int capsule_api_exec(PyObject *m);

static PyModuleDef_Slot capsule_api_slots[] = {
    {Py_mod_exec, capsule_api_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef capsule_api_module = {
    PyModuleDef_HEAD_INIT,
    "capsule_api",
    NULL,
    0,
    capsule_api_methods,
    capsule_api_slots,
    NULL,
    NULL,
    NULL
};

static int
capsule_api_exec_body(PyObject *m)
{
    PyObject *capsule;

    /* The capsule only points at constant data, so every module object
     * can share it. */
    capsule = PyCapsule_New((void *)&capsule_api_table, "capsule_api._C_API", NULL);
    if (capsule == NULL) {
        return -1;
    }
    if (PyModule_AddObject(m, "_C_API", capsule) < 0) {
        Py_DECREF(capsule);
        return -1;
    }

    return 0;
}

/* The namespace later module objects are filled from, as single-phase init
 * kept m_copy: what the body left, minus the attributes the import system
 * sets on each module object itself. */
static int
capsule_api_keep_namespace(PyObject *m)
{
    static const char *const own_attributes[] = {
        "__name__", "__spec__", "__loader__", "__package__", "__file__"
    };
    PyObject *copy = PyDict_Copy(PyModule_GetDict(m));
    size_t i;

    if (copy == NULL) {
        return -1;
    }
    for (i = 0; i < sizeof(own_attributes) / sizeof(own_attributes[0]); i++) {
        if (PyDict_GetItemString(copy, own_attributes[i]) != NULL
            && PyDict_DelItemString(copy, own_attributes[i]) < 0) {
            Py_DECREF(copy);
            return -1;
        }
    }
    capsule_api_namespace = copy;
    return 0;
}

#ifndef Py_LIMITED_API
/* A legacy subinterpreter takes the objects the body made there with it when
 * it ends. Single-phase init then ran init again in the next interpreter
 * (CPython 3.8-3.12): forget the body there, so the next import runs it. */
static PyObject *
capsule_api_forget_body(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    Py_CLEAR(capsule_api_namespace);
    Py_CLEAR(capsule_api_body_module);
    Py_RETURN_NONE;
}

static PyMethodDef capsule_api_forget_body_def = {
    "capsule_api_forget_body", capsule_api_forget_body, METH_NOARGS, NULL
};

static int
capsule_api_forget_at_interpreter_end(void)
{
    PyObject *atexit_module;
    PyObject *callback;
    PyObject *result;

    if (PyThreadState_Get()->interp == PyInterpreterState_Main()) {
        return 0;
    }
    atexit_module = PyImport_ImportModule("atexit");
    if (atexit_module == NULL) {
        return -1;
    }
    callback = PyCFunction_New(&capsule_api_forget_body_def, NULL);
    if (callback == NULL) {
        Py_DECREF(atexit_module);
        return -1;
    }
    result = PyObject_CallMethod(atexit_module, "register", "O", callback);
    Py_DECREF(callback);
    Py_DECREF(atexit_module);
    if (result == NULL) {
        return -1;
    }
    Py_DECREF(result);
    return 0;
}
#else
static int
capsule_api_forget_at_interpreter_end(void)
{
    /* The limited API cannot tell which interpreter runs exec. */
    return 0;
}
#endif

static int
capsule_api_exec(PyObject *m)
{
    if (capsule_api_namespace != NULL) {
        return PyDict_Update(PyModule_GetDict(m), capsule_api_namespace);
    }
    if (capsule_api_body_module != NULL) {
        /* Imported again from inside its own first exec. */
        PyErr_SetString(PyExc_ImportError,
                        "capsule_api is imported again while its first import is still running");
        return -1;
    }
    Py_INCREF(m);
    capsule_api_body_module = m;
    if (capsule_api_exec_body(m) < 0) {
        Py_CLEAR(capsule_api_body_module);
        return -1;
    }
    if (capsule_api_keep_namespace(m) < 0) {
        return -1;
    }
    return capsule_api_forget_at_interpreter_end();
}

PyMODINIT_FUNC
PyInit_capsule_api(void)
{
    return PyModuleDef_Init(&capsule_api_module);
}
