// cpp_module: a C++ extension using the standard library, with the init
// exported as extern "C" and a positional def (no designated initialisers
// before C++20).
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

std::vector<std::string> split_words(const std::string &text)
{
    std::vector<std::string> words;
    std::string current;
    for (char c : text) {
        if (c == ' ') {
            if (!current.empty()) words.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.empty()) words.push_back(current);
    return words;
}

PyObject *sorted_words(PyObject *, PyObject *args)
{
    const char *text = nullptr;
    if (!PyArg_ParseTuple(args, "s:sorted_words", &text)) return nullptr;
    std::vector<std::string> words = split_words(text);
    std::sort(words.begin(), words.end());
    PyObject *list = PyList_New(static_cast<Py_ssize_t>(words.size()));
    if (list == nullptr) return nullptr;
    for (std::size_t i = 0; i < words.size(); ++i) {
        PyObject *word = PyUnicode_FromStringAndSize(words[i].data(), static_cast<Py_ssize_t>(words[i].size()));
        if (word == nullptr) {
            Py_DECREF(list);
            return nullptr;
        }
        PyList_SET_ITEM(list, static_cast<Py_ssize_t>(i), word);
    }
    return list;
}

PyObject *word_count(PyObject *, PyObject *arg)
{
    const char *text = PyUnicode_AsUTF8(arg);
    if (text == nullptr) return nullptr;
    return PyLong_FromSize_t(split_words(text).size());
}

PyMethodDef cpp_module_methods[] = {
    {"sorted_words", sorted_words, METH_VARARGS, "Words of a sentence, sorted."},
    {"word_count", word_count, METH_O, "Number of words in a sentence."},
    {nullptr, nullptr, 0, nullptr}
};

static int cpp_module_exec(PyObject *m)
{
    if (PyModule_AddStringConstant(m, "SEPARATOR", " ") < 0) {
        return -1;
    }
    return 0;
}

static PyModuleDef_Slot cpp_module_slots[] = {
    {Py_mod_exec, (void *)cpp_module_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, nullptr}
};

PyModuleDef cpp_module_def = {
    PyModuleDef_HEAD_INIT,
    "cpp_module",
    "Word helpers written in C++.",
    0,
    cpp_module_methods,
    cpp_module_slots,
    nullptr,
    nullptr,
    nullptr
};

}  // namespace

extern "C" PyMODINIT_FUNC PyInit_cpp_module(void)
{
    return PyModuleDef_Init(&cpp_module_def);
}
