// Generates a tree of C extension sources for speed measurements: by default
// 400 files, 500 lines each (200,000 lines). The mix is deterministic: every
// fourth file is a module (single-phase or multi-phase, alternating), the rest
// are helper sources full of ordinary C, as in a large extension package.
// Reusable: `generateTree(dir, options)` returns what it wrote.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const HEADER = ['#define PY_SSIZE_T_CLEAN', '#include <Python.h>', '#include <string.h>', ''];

function helperFunction(file, k) {
  return [
    `/* Helper ${k} of file ${file}: a loop, a struct access and an error path. */`,
    `static int`,
    `helper_${file}_${k}(struct item_${file} *items, Py_ssize_t n, double *out)`,
    `{`,
    `    double total = 0.0;`,
    `    for (Py_ssize_t i = 0; i < n; i++) {`,
    `        if (items[i].weight < 0) {`,
    `            PyErr_SetString(PyExc_ValueError, "negative weight in item");`,
    `            return -1;`,
    `        }`,
    `        total += items[i].weight * (double)items[i].count;`,
    `    }`,
    `    *out = total / (n > 0 ? (double)n : 1.0);`,
    `    return 0;`,
    `}`,
    ``,
  ];
}

function structLines(file) {
  return [`struct item_${file} {`, `    PyObject_HEAD`, `    double weight;`, `    long count;`, `    const char *label;`, `};`, ''];
}

function singlePhaseModule(name) {
  return [
    `static PyMethodDef ${name}_methods[] = {`,
    `    {NULL, NULL, 0, NULL}`,
    `};`,
    ``,
    `static struct PyModuleDef ${name}_module = {`,
    `    PyModuleDef_HEAD_INIT, "${name}", NULL, -1, ${name}_methods`,
    `};`,
    ``,
    `PyMODINIT_FUNC`,
    `PyInit_${name}(void)`,
    `{`,
    `    PyObject *m = PyModule_Create(&${name}_module);`,
    `    if (m == NULL) {`,
    `        return NULL;`,
    `    }`,
    `    if (PyModule_AddIntConstant(m, "VERSION", 1) < 0) {`,
    `        Py_DECREF(m);`,
    `        return NULL;`,
    `    }`,
    `    return m;`,
    `}`,
  ];
}

function multiPhaseModule(name) {
  return [
    `static int`,
    `${name}_exec(PyObject *m)`,
    `{`,
    `    return PyModule_AddIntConstant(m, "VERSION", 1);`,
    `}`,
    ``,
    `static PyModuleDef_Slot ${name}_slots[] = {`,
    `    {Py_mod_exec, ${name}_exec},`,
    `#if PY_VERSION_HEX >= 0x030C0000`,
    `    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},`,
    `#endif`,
    `#if PY_VERSION_HEX >= 0x030D0000`,
    `    {Py_mod_gil, Py_MOD_GIL_NOT_USED},`,
    `#endif`,
    `    {0, NULL}`,
    `};`,
    ``,
    `static struct PyModuleDef ${name}_module = {`,
    `    .m_base = PyModuleDef_HEAD_INIT,`,
    `    .m_name = "${name}",`,
    `    .m_size = 0,`,
    `    .m_slots = ${name}_slots,`,
    `};`,
    ``,
    `PyMODINIT_FUNC`,
    `PyInit_${name}(void)`,
    `{`,
    `    return PyModuleDef_Init(&${name}_module);`,
    `}`,
  ];
}

/**
 * Write `files` sources of about `linesPerFile` lines under `dir` (in
 * sub-folders of 50). Returns { files, lines, bytes, modules }.
 */
export function generateTree(dir, { files = 400, linesPerFile = 500, moduleEvery = 4 } = {}) {
  let lines = 0;
  let bytes = 0;
  let modules = 0;
  for (let f = 0; f < files; f++) {
    const isModule = moduleEvery > 0 && f % moduleEvery === 0;
    const tail = isModule ? ((f / moduleEvery) % 2 === 0 ? singlePhaseModule(`mod${f}`) : multiPhaseModule(`mod${f}`)) : [];
    const out = [...HEADER, ...structLines(f)];
    for (let k = 0; out.length + tail.length + 16 <= linesPerFile; k++) out.push(...helperFunction(f, k));
    out.push(...tail);
    while (out.length < linesPerFile) out.push('');
    if (isModule) modules++;
    const text = out.join('\n') + '\n';
    const sub = join(dir, `pkg${Math.floor(f / 50)}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `file${f}.c`), text);
    lines += out.length;
    bytes += Buffer.byteLength(text);
  }
  return { files, lines, bytes, modules };
}
