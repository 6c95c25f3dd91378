/* gnu_style: GNU coding style -- braces indented by two, bodies by two more,
 * a space before every argument list. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
gnu_style_swapcase (PyObject *self, PyObject *arg)
{
  if (!PyUnicode_Check (arg))
    {
      PyErr_SetString (PyExc_TypeError, "swapcase() expects a str");
      return NULL;
    }
  return PyObject_CallMethod (arg, "swapcase", NULL);
}

static PyMethodDef gnu_style_methods[] =
  {
    { "swapcase", gnu_style_swapcase, METH_O, "Swap upper and lower case." },
    { NULL, NULL, 0, NULL }
  };

static int gnu_style_exec (PyObject *module);

static PyModuleDef_Slot gnu_style_slots[] =
  {
    { Py_mod_exec, gnu_style_exec },
#ifdef Py_mod_multiple_interpreters
    { Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED },
#endif
#ifdef Py_mod_gil
    { Py_mod_gil, Py_MOD_GIL_USED },
#endif
    { 0, NULL }
  };

static struct PyModuleDef gnu_style_module =
  {
    PyModuleDef_HEAD_INIT,
    "gnu_style",
    "Case helpers.",
    0,
    gnu_style_methods,
    gnu_style_slots,
    NULL,
    NULL,
    NULL
  };

static int
gnu_style_exec (PyObject *module)
{
  if (PyModule_AddStringConstant (module, "ENCODING", "utf-8") < 0)
    {
      return -1;
    }
  return 0;
}

PyMODINIT_FUNC
PyInit_gnu_style (void)
{
  return PyModuleDef_Init (&gnu_style_module);
}
