/* The init is spelled by macros and its body chooses per Python through a
 * flag the file derives from PY_MAJOR_VERSION (WORDS_PY3): the module
 * variable and the final return exist only on Python 3, and the string call
 * differs per Python.
 * DEF_AND_CREATE declares the def inside the init and creates the module
 * (a statement macro used without a semicolon, which declares the module
 * variable on Python 2); the header macro gives a
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
    PyObject *var = Py_InitModule3(name, table, doc);
#define WORDS_INIT_HEADER(name) void init##name(void)
#endif

#ifndef WORDS_C_ONLY
static const char *const word_list[] = {"alpha", "beta", "gamma"};

static PyObject *
words_count(PyObject *self, PyObject *unused)
{
    return PyLong_FromLong(3);
}

static PyMethodDef words_methods[] = {
    {"count", words_count, METH_NOARGS, "How many words the module holds."},
    {NULL, NULL, 0, NULL}
};

WORDS_INIT_HEADER(derived_flag_arms)
{
#ifdef WORDS_PY3
    PyObject *module;
#endif
    int i;

    DEF_AND_CREATE(module, "derived_flag_arms", "Words as attributes.", words_methods)
    for (i = 0; i < 3; i++) {
        PyObject *word;
#ifdef WORDS_PY3
        word = PyUnicode_FromString(word_list[i]);
#else
        word = PyString_FromString(word_list[i]);
#endif
        PyModule_AddObject(module, word_list[i], word);
    }
#ifdef WORDS_PY3
    return module;
#endif
}
#endif /* WORDS_C_ONLY */
