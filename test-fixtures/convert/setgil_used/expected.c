/* setgil_used: a module with unprotected static state that says so on
 * free-threaded builds; designated def. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Process-wide call counter, protected only by the GIL. */
static long call_count = 0;

static PyObject *
setgil_used_tick(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    call_count++;
    return PyLong_FromLong(call_count);
}

static PyMethodDef setgil_used_methods[] = {
    {"tick", setgil_used_tick, METH_NOARGS, "Count calls process-wide."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot setgil_used_slots[] = {
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    /* tick() is not atomic. */
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef setgil_used_module = {
    .m_base = PyModuleDef_HEAD_INIT,
    .m_name = "setgil_used",
    .m_size = 0,
    .m_methods = setgil_used_methods,
    .m_slots = setgil_used_slots,
};

PyMODINIT_FUNC
PyInit_setgil_used(void)
{
    return PyModuleDef_Init(&setgil_used_module);
}
