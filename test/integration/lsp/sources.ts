// C sources the LSP tests open or write into temporary workspaces.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A real single-phase module: methods table, m_size -1, PyModule_Create in PyInit_. */
export function singlePhaseModule(name: string): string {
  return `#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
${name}_twice(PyObject *self, PyObject *arg)
{
    long value = PyLong_AsLong(arg);
    if (value == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return PyLong_FromLong(2 * value);
}

static PyMethodDef ${name}_methods[] = {
    {"twice", ${name}_twice, METH_O, "Double an integer."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef ${name}_module = {
    PyModuleDef_HEAD_INIT,
    "${name}",
    "Doubles integers.",
    -1,
    ${name}_methods
};

PyMODINIT_FUNC
PyInit_${name}(void)
{
    PyObject *m = PyModule_Create(&${name}_module);
    if (m == NULL) {
        return NULL;
    }
    if (PyModule_AddIntConstant(m, "FACTOR", 2) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
`;
}

/** A single-phase module the converter must refuse: it unregisters itself with PyState_RemoveModule, which has no multi-phase form. */
export function refusedModule(name: string): string {
  return `#include <Python.h>

static struct PyModuleDef ${name}_module;

static PyObject *
${name}_self(PyObject *self, PyObject *unused)
{
    return PyLong_FromLong(PyState_RemoveModule(&${name}_module));
}

static PyMethodDef ${name}_methods[] = {
    {"self", ${name}_self, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef ${name}_module = {
    PyModuleDef_HEAD_INIT, "${name}", NULL, -1, ${name}_methods
};

PyMODINIT_FUNC
PyInit_${name}(void)
{
    return PyModule_Create(&${name}_module);
}
`;
}

/** A multi-phase module with every small mistake the quick fixes repair. */
export const HALF_CONVERTED = `#include <Python.h>
#include <numpy/arrayobject.h>

static int
half_exec(PyObject *module)
{
    import_array();
    PyObject *value = PyLong_FromLong(3);
    if (value == NULL) {
        Py_DECREF(module);
        return -1;
    }
    if (PyModule_AddObjectRef(module, "THREE", value) < 0) {
        Py_DECREF(value);
        return -1;
    }
    Py_DECREF(value);
    return 0;
}

static PyModuleDef_Slot half_slots[] = {
    {Py_mod_exec, half_exec},
    {0, NULL}
};

static struct PyModuleDef half_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "half",
    .m_size = -1,
    .m_slots = half_slots,
};

PyMODINIT_FUNC
PyInit_half(void)
{
    return PyModuleDef_Init(&half_module);
}
`;

export const PLAIN_C = `#include <stdio.h>

int add(int a, int b)
{
    return a + b;
}
`;

const temporaryRoots: string[] = [];
process.once('exit', () => {
  for (const root of temporaryRoots) rmSync(root, { recursive: true, force: true });
});

/** Write `files` (relative path -> content) under a fresh temporary folder, removed when the tests end. */
export function makeWorkspace(files: Record<string, string>): { root: string; uri: string; fileUri(rel: string): string; path(rel: string): string } {
  const root = mkdtempSync(join(tmpdir(), 'multiphase-lsp-'));
  temporaryRoots.push(root);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
  return {
    root,
    uri: pathToFileURL(root).href,
    fileUri: (rel) => pathToFileURL(join(root, rel)).href,
    path: (rel) => join(root, rel),
  };
}
