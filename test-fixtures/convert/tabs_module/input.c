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

static struct PyModuleDef tabs_module_def = {
	PyModuleDef_HEAD_INIT,
	"tabs_module",
	NULL,
	-1,
	tabs_module_methods,
	NULL,
	NULL,
	NULL,
	NULL
};

PyMODINIT_FUNC
PyInit_tabs_module(void)
{
	PyObject *m, *seed;

	m = PyModule_Create(&tabs_module_def);
	if (m == NULL)
		return NULL;

	seed = PyLong_FromUnsignedLong(0x9e3779b9UL);
	if (seed == NULL)
		goto bad;
	if (PyModule_AddObject(m, "SEED", seed) < 0) {
		Py_DECREF(seed);
		goto bad;
	}
	return m;

bad:
	Py_DECREF(m);
	return NULL;
}
