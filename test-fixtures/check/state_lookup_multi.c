/* PyState_FindModule with a multi-phase def: it returns NULL. */
#include <Python.h>

typedef struct {
    long calls;
} tally_state;

static struct PyModuleDef tally_def;

#define TALLY_STATE() ((tally_state *)PyModule_GetState(PyState_FindModule(&tally_def)))

static PyObject *
tally_bump(PyObject *self, PyObject *unused)
{
    tally_state *st = TALLY_STATE();
    st->calls++;
    return PyLong_FromLong(st->calls);
}

static PyMethodDef tally_methods[] = {
    {"bump", tally_bump, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static int
tally_exec(PyObject *m)
{
    return 0;
}

static PyModuleDef_Slot tally_slots[] = {
    {Py_mod_exec, tally_exec},
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
    {Py_mod_gil, Py_MOD_GIL_USED},
    {0, NULL}
};

static struct PyModuleDef tally_def = {
    PyModuleDef_HEAD_INIT, "tally", NULL, sizeof(tally_state), tally_methods, tally_slots
};

PyMODINIT_FUNC
PyInit_tally(void)
{
    return PyModuleDef_Init(&tally_def);
}
