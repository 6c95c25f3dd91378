/* The init is spelled by macros and its body chooses per Python through a
 * flag the file derives from PY_MAJOR_VERSION (WORDS_PY3): the module
 * variable, the string calls and the final return exist only on Python 3.
 * DEF_AND_CREATE declares the def inside the init and creates the module
 * (a statement macro used without a semicolon); the header macro gives a
 * plain `PyObject *` return type. The Python part sits under a guard that
 * only the build decides (WORDS_C_ONLY). */
#include <Python.h>

#if PY_MAJOR_VERSION >= 3
#define WORDS_PY3
#define DEF_AND_CREATE(var, name, doc, table) \
    static struct PyModuleDef words_def = { \
        PyModuleDef_HEAD_INIT, name, doc, -1, table, }; \
    var = PyModule_Create(&words_def);
#define WORDS_INIT_HEADER(name) PyObject *PyInit_##name(void)
#endif

#ifndef WORDS_C_ONLY
static const char *const word_list[] = {"alpha", "beta", "gamma"};
static PyObject *interned[3];

static PyObject *
words_get(PyObject *self, PyObject *arg)
{
    long i = PyLong_AsLong(arg);

    if (i == -1 && PyErr_Occurred())
        return NULL;
    if (i < 0 || i >= 3) {
        PyErr_SetString(PyExc_IndexError, "no such word");
        return NULL;
    }
    Py_INCREF(interned[i]);
    return interned[i];
}

static PyMethodDef words_methods[] = {
    {"get", words_get, METH_O, "The interned word at an index."},
    {NULL, NULL, 0, NULL}
};

/* Single-phase init (m_size -1) ran this module's body once per process
 * and gave every later import a copy of the first module's namespace.
 * Exec keeps that: the body runs for the first module object only, which
 * is kept here, and later module objects get a copy of its namespace. */
static PyObject *derived_flag_arms_body_module = NULL;
static PyObject *derived_flag_arms_namespace = NULL;

static int derived_flag_arms_exec_body(PyObject *module)
{
    int i;
    (void)module;

    for (i = 0; i < 3; i++) {
#ifdef WORDS_PY3
        interned[i] = PyUnicode_InternFromString(word_list[i]);
#else
        interned[i] = PyString_InternFromString(word_list[i]);
#endif
    }
    return 0;
}

/* The namespace later module objects are filled from, as single-phase init
 * kept m_copy: what the body left, minus the attributes the import system
 * sets on each module object itself. */
static int
derived_flag_arms_keep_namespace(PyObject *module)
{
    static const char *const own_attributes[] = {
        "__name__", "__spec__", "__loader__", "__package__", "__file__"
    };
    PyObject *copy = PyDict_Copy(PyModule_GetDict(module));
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
    derived_flag_arms_namespace = copy;
    return 0;
}

#ifndef Py_LIMITED_API
/* A legacy subinterpreter takes the objects the body made there with it when
 * it ends. Single-phase init then ran init again in the next interpreter
 * (CPython 3.8-3.12): forget the body there, so the next import runs it. */
static PyObject *
derived_flag_arms_forget_body(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    Py_CLEAR(derived_flag_arms_namespace);
    Py_CLEAR(derived_flag_arms_body_module);
    Py_RETURN_NONE;
}

static PyMethodDef derived_flag_arms_forget_body_def = {
    "derived_flag_arms_forget_body", derived_flag_arms_forget_body, METH_NOARGS, NULL
};

static int
derived_flag_arms_forget_at_interpreter_end(void)
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
    callback = PyCFunction_New(&derived_flag_arms_forget_body_def, NULL);
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
derived_flag_arms_forget_at_interpreter_end(void)
{
    /* The limited API cannot tell which interpreter runs exec. */
    return 0;
}
#endif

static int derived_flag_arms_exec(PyObject *module)
{
    if (derived_flag_arms_namespace != NULL) {
        return PyDict_Update(PyModule_GetDict(module), derived_flag_arms_namespace);
    }
    if (derived_flag_arms_body_module != NULL) {
        /* Imported again from inside its own first exec. */
        PyErr_SetString(PyExc_ImportError,
                        "derived_flag_arms is imported again while its first import is still running");
        return -1;
    }
    Py_INCREF(module);
    derived_flag_arms_body_module = module;
    if (derived_flag_arms_exec_body(module) < 0) {
        Py_CLEAR(derived_flag_arms_body_module);
        return -1;
    }
    if (derived_flag_arms_keep_namespace(module) < 0) {
        return -1;
    }
    return derived_flag_arms_forget_at_interpreter_end();
}

static PyModuleDef_Slot derived_flag_arms_slots[] = {
    {Py_mod_exec, derived_flag_arms_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef words_def = { PyModuleDef_HEAD_INIT, "derived_flag_arms", "Words, interned once.", 0, words_methods, derived_flag_arms_slots, };

WORDS_INIT_HEADER(derived_flag_arms)
{
    return PyModuleDef_Init(&words_def);
}
#endif /* WORDS_C_ONLY */
