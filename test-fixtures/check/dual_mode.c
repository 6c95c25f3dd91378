/*
 * Multi-phase on new Pythons, single-phase fallback for old ones, chosen by
 * one switch. A complete multi-phase module where it matters: the fallback
 * arm's PyModule_Create and PyState_FindModule are not reported.
 */
#include <Python.h>

#if PY_VERSION_HEX >= 0x030A0000
#define CLOCK_MULTIPHASE 1
#else
#define CLOCK_MULTIPHASE 0
#endif

typedef struct {
    long ticks;
} clock_state;

static struct PyModuleDef clock_def;

static clock_state *
clock_state_of(PyTypeObject *type)
{
#if CLOCK_MULTIPHASE
    return PyModule_GetState(PyType_GetModule(type));
#else
    (void)type;
    return PyModule_GetState(PyState_FindModule(&clock_def));
#endif
}

static int
clock_exec(PyObject *module)
{
    (void)clock_state_of;
    return PyModule_AddIntConstant(module, "RESOLUTION", 1000);
}

#if CLOCK_MULTIPHASE
static PyModuleDef_Slot clock_slots[] = {
    {Py_mod_exec, clock_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};
#endif

static struct PyModuleDef clock_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "clock",
    .m_size = sizeof(clock_state),
#if CLOCK_MULTIPHASE
    .m_slots = clock_slots,
#endif
};

static PyObject *
clock_init(void)
{
#if CLOCK_MULTIPHASE
    return PyModuleDef_Init(&clock_def);
#else
    PyObject *module = PyModule_Create(&clock_def);
    if (module == NULL)
        return NULL;
    if (clock_exec(module) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
#endif
}

PyMODINIT_FUNC
PyInit_clock(void)
{
    return clock_init();
}
