// Generates the one large C file of the keystroke benchmark: plain filler
// code with single-phase modules of the shape real projects have (methods
// table, def with m_size -1, PyInit_ that builds the module with
// PyModule_Create). The workspace tree comes from bench/generate-tree.mjs.
/** A single-phase module named `name`; about 45 lines. */
export function moduleSource(name: string): string {
  return `static PyObject *${name}_error;

static PyObject *
${name}_add(PyObject *self, PyObject *args)
{
    long a, b;
    if (!PyArg_ParseTuple(args, "ll", &a, &b)) {
        return NULL;
    }
    return PyLong_FromLong(a + b);
}

static PyMethodDef ${name}_methods[] = {
    {"add", ${name}_add, METH_VARARGS, "Add two integers."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef ${name}_module = {
    PyModuleDef_HEAD_INIT,
    "${name}",
    "The ${name} module.",
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
    ${name}_error = PyErr_NewException("${name}.error", NULL, NULL);
    if (PyModule_AddObjectRef(m, "error", ${name}_error) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
`;
}

/** Ordinary C with no module in it; exactly 12 lines. */
function fillerFunction(prefix: string, index: number): string {
  return `static int
${prefix}_helper_${index}(const int *values, int count)
{
    int total = 0;
    for (int i = 0; i < count; i++) {
        if (values[i] % ${(index % 7) + 2} == 0) {
            total += values[i] * ${index};
        }
    }
    return total;
}

`;
}

/** A file of about `lines` lines holding the given modules spread through filler. */
export function generateFile(prefix: string, lines: number, modules: string[]): string {
  const header = '#define PY_SSIZE_T_CLEAN\n#include <Python.h>\n\n';
  const moduleText = modules.map(moduleSource);
  const moduleLines = moduleText.reduce((n, text) => n + text.split('\n').length, 0);
  const fillerCount = Math.max(0, Math.floor((lines - 3 - moduleLines) / 12));
  const parts: string[] = [header];
  // Spread the modules evenly so edits near any of them re-analyse real code.
  const every = Math.max(1, Math.floor(fillerCount / (modules.length + 1)));
  let next = 0;
  for (let i = 0; i < fillerCount; i++) {
    if (i > 0 && i % every === 0 && next < moduleText.length) parts.push(moduleText[next++]!, '\n');
    parts.push(fillerFunction(prefix, i));
  }
  while (next < moduleText.length) parts.push(moduleText[next++]!, '\n');
  return parts.join('');
}
