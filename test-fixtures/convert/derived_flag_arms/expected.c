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
#define WORDS_INIT_HEADER(name) PyObject *PyInit_##name(void)
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

static int derived_flag_arms_exec(PyObject *module)
{
    int i;

    for (i = 0; i < 3; i++) {
        PyObject *word;
#ifdef WORDS_PY3
        word = PyUnicode_FromString(word_list[i]);
#else
        word = PyString_FromString(word_list[i]);
#endif
        PyModule_AddObject(module, word_list[i], word);
    }
    return 0;
}

static PyModuleDef_Slot derived_flag_arms_slots[] = {
    {Py_mod_exec, derived_flag_arms_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef words_def = { PyModuleDef_HEAD_INIT, "derived_flag_arms", "Words as attributes.", 0, words_methods, derived_flag_arms_slots, };

WORDS_INIT_HEADER(derived_flag_arms)
{
    return PyModuleDef_Init(&words_def);
}
#endif /* WORDS_C_ONLY */
