/* allman_style: braces on their own lines, two-space indentation, and
 * the module variable called `self_module`. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
allman_style_greet(PyObject *self, PyObject *args, PyObject *kwargs)
{
  static char *keywords[] = {"name", "punctuation", NULL};
  const char *name;
  const char *punctuation = "!";

  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "s|s:greet", keywords,
                                   &name, &punctuation))
  {
    return NULL;
  }
  return PyUnicode_FromFormat("Hello, %s%s", name, punctuation);
}

static PyMethodDef allman_style_methods[] =
{
  {"greet", (PyCFunction)(void (*)(void))allman_style_greet,
   METH_VARARGS | METH_KEYWORDS, "Greet someone."},
  {NULL, NULL, 0, NULL}
};

static struct PyModuleDef allman_style_module =
{
  PyModuleDef_HEAD_INIT,
  "allman_style",
  "Greetings.",
  -1,
  allman_style_methods,
  NULL,
  NULL,
  NULL,
  NULL
};

PyMODINIT_FUNC
PyInit_allman_style(void)
{
  PyObject *self_module;
  PyObject *greetings;

  self_module = PyModule_Create(&allman_style_module);
  if (self_module == NULL)
  {
    return NULL;
  }

  greetings = Py_BuildValue("(sss)", "Hello", "Hi", "Howdy");
  if (greetings == NULL)
  {
    Py_DECREF(self_module);
    return NULL;
  }
  if (PyModule_AddObject(self_module, "GREETINGS", greetings) < 0)
  {
    Py_DECREF(greetings);
    Py_DECREF(self_module);
    return NULL;
  }

  return self_module;
}
