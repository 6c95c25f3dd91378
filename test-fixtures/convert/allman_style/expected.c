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

static int allman_style_exec(PyObject *self_module);

static PyModuleDef_Slot allman_style_slots[] =
{
  {Py_mod_exec, allman_style_exec},
#ifdef Py_mod_multiple_interpreters
  {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
  {Py_mod_gil, Py_MOD_GIL_USED},
#endif
  {0, NULL}
};

static struct PyModuleDef allman_style_module =
{
  PyModuleDef_HEAD_INIT,
  "allman_style",
  "Greetings.",
  0,
  allman_style_methods,
  allman_style_slots,
  NULL,
  NULL,
  NULL
};

static int
allman_style_exec(PyObject *self_module)
{
  PyObject *greetings;

  greetings = Py_BuildValue("(sss)", "Hello", "Hi", "Howdy");
  if (greetings == NULL)
  {
    return -1;
  }
  if (PyModule_AddObject(self_module, "GREETINGS", greetings) < 0)
  {
    Py_DECREF(greetings);
    return -1;
  }

  return 0;
}

PyMODINIT_FUNC
PyInit_allman_style(void)
{
  return PyModuleDef_Init(&allman_style_module);
}
