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

static struct PyModuleDef gnu_style_module =
  {
    PyModuleDef_HEAD_INIT,
    "gnu_style",
    "Case helpers.",
    -1,
    gnu_style_methods,
    NULL,
    NULL,
    NULL,
    NULL
  };

PyMODINIT_FUNC
PyInit_gnu_style (void)
{
  PyObject *module;

  module = PyModule_Create (&gnu_style_module);
  if (module == NULL)
    return NULL;

  if (PyModule_AddStringConstant (module, "ENCODING", "utf-8") < 0)
    {
      Py_DECREF (module);
      return NULL;
    }
  return module;
}
