/* tabs_module: kernel-style tabs and braces, a goto cleanup label. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
tabs_module_checksum(PyObject *self, PyObject *arg)
{
	Py_buffer view;
	unsigned int sum = 0;
	Py_ssize_t i;

	if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0)
		return NULL;
	for (i = 0; i < view.len; i++) {
		sum = (sum << 1 | sum >> 31) ^ ((unsigned char *)view.buf)[i];
	}
	PyBuffer_Release(&view);
	return PyLong_FromUnsignedLong(sum);
}

static PyMethodDef tabs_module_methods[] = {
	{"checksum", tabs_module_checksum, METH_O, "Rotating XOR checksum."},
	{NULL, NULL, 0, NULL}
};

static int tabs_module_exec(PyObject *m);

static PyModuleDef_Slot tabs_module_slots[] = {
	{Py_mod_exec, tabs_module_exec},
#ifdef Py_mod_multiple_interpreters
	{Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
	{Py_mod_gil, Py_MOD_GIL_USED},
#endif
	{0, NULL}
};

static struct PyModuleDef tabs_module_def = {
	PyModuleDef_HEAD_INIT,
	"tabs_module",
	NULL,
	0,
	tabs_module_methods,
	tabs_module_slots,
	NULL,
	NULL,
	NULL
};

static int
tabs_module_exec(PyObject *m)
{
	PyObject *seed;

	seed = PyLong_FromUnsignedLong(0x9e3779b9UL);
	if (seed == NULL)
		goto bad;
	if (PyModule_AddObject(m, "SEED", seed) < 0) {
		Py_DECREF(seed);
		goto bad;
	}
	return 0;

bad:
	return -1;
}

PyMODINIT_FUNC
PyInit_tabs_module(void)
{
	return PyModuleDef_Init(&tabs_module_def);
}
