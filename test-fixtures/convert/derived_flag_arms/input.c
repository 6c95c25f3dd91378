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
#else
#define DEF_AND_CREATE(var, name, doc, table) \
    Py_InitModule3(name, table, doc);
#define WORDS_INIT_HEADER(name) void init##name(void)
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

WORDS_INIT_HEADER(derived_flag_arms)
{
#ifdef WORDS_PY3
    PyObject *module;
#endif
    int i;

    DEF_AND_CREATE(module, "derived_flag_arms", "Words, interned once.", words_methods)
    for (i = 0; i < 3; i++) {
#ifdef WORDS_PY3
        interned[i] = PyUnicode_InternFromString(word_list[i]);
#else
        interned[i] = PyString_InternFromString(word_list[i]);
#endif
    }
#ifdef WORDS_PY3
    return module;
#endif
}
#endif /* WORDS_C_ONLY */
