import assert from 'node:assert/strict';
import { initParser } from '../../../server/src/core/parser';
import { convert, moduleWith } from './helpers';

const SIMPLE_BODY = `    PyObject *m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    PyModule_AddIntConstant(m, "A", 1);
    return m;`;

function slotsOf(output: string): string {
  const start = output.indexOf('static PyModuleDef_Slot');
  assert.notEqual(start, -1, output);
  return output.slice(start, output.indexOf('};', start) + 2);
}

describe('conversion: slots, def and options', () => {
  before(() => initParser());

  it('writes the default slot array, each new slot under #ifdef of its macro: a stateless module gets a per-interpreter GIL, and GIL_USED is kept', () => {
    assert.equal(
      slotsOf(convert(moduleWith(SIMPLE_BODY)).output),
      `static PyModuleDef_Slot spam_slots[] = {
    {Py_mod_exec, spam_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};`,
    );
  });

  it('auto: a call into another file makes the state unknown: NOT_SUPPORTED, replay for m_size -1, and the note names the call', () => {
    const source = `extern int add_errors(PyObject *module);\n${moduleWith(`    PyObject *m = PyModule_Create(&spam_def);\n    if (m == NULL)\n        return NULL;\n    if (add_errors(m) < 0)\n        return NULL;\n    return m;`)}`;
    const { output, result } = convert(source);
    assert.match(slotsOf(output), /Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED/);
    assert.ok(result.ok);
    assert.equal(result.policy, 'replay');
    assert.ok(result.notes?.[0]?.includes('calls add_errors() in PyInit_spam(), defined in another file: its state cannot be seen, so it is treated as keeping state'), result.notes?.join('\n'));
    assert.ok(!result.notes?.some((n) => /no process-wide state was found/.test(n)));
  });

  it('auto: NOT_SUPPORTED when state or a state-filling call is found; replay forces NOT_SUPPORTED over an explicit choice and says so', () => {
    const filled = convert(moduleWith(`    import_array();\n${SIMPLE_BODY}`).replace(/\n    -1,\n/, '\n    0,\n'));
    assert.match(slotsOf(filled.output), /Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED/);
    const stateful = `static PyObject *SpamError;\n${moduleWith(`    PyObject *m = PyModule_Create(&spam_def);\n    if (m == NULL)\n        return NULL;\n    SpamError = PyErr_NewException("spam.error", NULL, NULL);\n    return m;`)}`;
    const forced = convert(stateful, { multipleInterpreters: 'per_interpreter_gil' });
    assert.match(slotsOf(forced.output), /Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED/);
    assert.ok(forced.result.ok && forced.result.notes?.some((n) => /instead of the requested per_interpreter_gil/.test(n)));
    assert.match(slotsOf(convert(stateful, { multipleInterpreters: 'per_interpreter_gil', reinitGuard: 'never' }).output), /Py_MOD_PER_INTERPRETER_GIL_SUPPORTED/);
  });

  it('gil: preserve keeps a SetGIL value; the old not_used setting still writes NOT_USED and says it is a promise', () => {
    const notUsed = convert(moduleWith(SIMPLE_BODY), { gil: 'not_used' });
    assert.match(slotsOf(notUsed.output), /\{Py_mod_gil, Py_MOD_GIL_NOT_USED\}/);
    assert.ok(notUsed.result.ok && notUsed.result.notes?.some((n) => /promise of thread safety/.test(n)));
  });

  it('keeps the slot guards whatever the minimum Python: a build-defined Py_LIMITED_API can still hide the slots', () => {
    const plain = slotsOf(convert(moduleWith(SIMPLE_BODY)).output);
    for (const minimumPythonVersion of ['3.12', '3.13']) {
      assert.equal(slotsOf(convert(moduleWith(SIMPLE_BODY), { minimumPythonVersion }).output), plain, minimumPythonVersion);
    }
    assert.match(plain, /#ifdef Py_mod_multiple_interpreters\n    \{Py_mod_multiple_interpreters, Py_MOD_[A-Z_]+\},\n#endif\n#ifdef Py_mod_gil\n/);
  });

  it('follows the gil and multiple-interpreters options', () => {
    const used = slotsOf(convert(moduleWith(SIMPLE_BODY), { gil: 'used', multipleInterpreters: 'per_interpreter_gil' }).output);
    assert.match(used, /\{Py_mod_gil, Py_MOD_GIL_USED\}/);
    assert.match(used, /\{Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED\}/);
    const supported = slotsOf(convert(moduleWith(SIMPLE_BODY), { multipleInterpreters: 'supported' }).output);
    assert.match(supported, /Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED\}/);
    const omitted = slotsOf(convert(moduleWith(SIMPLE_BODY), { gil: 'omit', multipleInterpreters: 'omit' }).output);
    assert.equal(omitted, 'static PyModuleDef_Slot spam_slots[] = {\n    {Py_mod_exec, spam_exec},\n    {0, NULL}\n};');
  });

  it('sets m_size -1 to 0 and puts the slots sixth in a positional def', () => {
    const { output } = convert(moduleWith(SIMPLE_BODY));
    assert.match(output, /static struct PyModuleDef spam_def = \{\n    PyModuleDef_HEAD_INIT,\n    "spam",\n    NULL,\n    0,\n    spam_methods,\n    spam_slots\n\};/);
  });

  it('fills the absent positional fields before m_slots', () => {
    const def = 'static struct PyModuleDef spam_def = {PyModuleDef_HEAD_INIT, "spam"};\n';
    const { output } = convert(moduleWith(SIMPLE_BODY, def));
    assert.match(output, /\{PyModuleDef_HEAD_INIT, "spam", NULL, 0, NULL, spam_slots\};/);
  });

  it('replaces a NULL sixth field and keeps a positive m_size', () => {
    const def = 'static struct PyModuleDef spam_def = {\n    PyModuleDef_HEAD_INIT, "spam", NULL, sizeof(int), spam_methods, NULL, NULL, NULL, NULL\n};\n';
    const { output } = convert(moduleWith(SIMPLE_BODY, def));
    assert.match(output, /PyModuleDef_HEAD_INIT, "spam", NULL, sizeof\(int\), spam_methods, spam_slots, NULL, NULL, NULL/);
  });

  it('adds .m_slots in declaration order to a designated def', () => {
    const def = `static struct PyModuleDef spam_def = {
    .m_base = PyModuleDef_HEAD_INIT,
    .m_name = "spam",
    .m_size = -1,
    .m_methods = spam_methods,
    .m_free = NULL,
};
`;
    const { output } = convert(moduleWith(SIMPLE_BODY, def));
    assert.match(output, /    \.m_size = 0,\n    \.m_methods = spam_methods,\n    \.m_slots = spam_slots,\n    \.m_free = NULL,\n\};/);
  });

  it('keeps the def in place: exec prototype and slots above it, exec where the init was', () => {
    const { output } = convert(moduleWith(SIMPLE_BODY));
    const order = ['static int spam_exec(PyObject *m);', 'spam_slots[] =', 'PyModuleDef spam_def', 'static int\nspam_exec(PyObject *m)\n{', 'PyInit_spam(void)'].map((s) => output.indexOf(s));
    assert.ok(order.every((i) => i !== -1), output);
    assert.deepEqual([...order].sort((a, b) => a - b), order);
  });

  it('keeps a def that code in between refers to, with an exec prototype and the slots above it', () => {
    const source = moduleWith(SIMPLE_BODY).replace(
      'PyMODINIT_FUNC',
      'static PyObject *\nspam_self(PyObject *self, PyObject *unused)\n{\n    return PyType_GetModuleByDef(Py_TYPE(self), &spam_def);\n}\n\nPyMODINIT_FUNC',
    );
    const { result, output } = convert(source);
    assert.ok(result.ok);
    const prototype = output.indexOf('static int spam_exec(PyObject *m);');
    const slots = output.indexOf('static PyModuleDef_Slot spam_slots[]');
    const def = output.indexOf('static struct PyModuleDef spam_def');
    const user = output.indexOf('spam_self(PyObject');
    const exec = output.indexOf('static int\nspam_exec(PyObject *m)\n{');
    assert.ok(prototype !== -1 && prototype < slots && slots < def && def < user && user < exec, output);
  });

  it('replays an m_size -1 module whose init writes static state, and re-runs exec otherwise', () => {
    const source = `static PyObject *SpamError;\n${moduleWith(`    PyObject *m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    SpamError = PyErr_NewException("spam.error", NULL, NULL);
    return m;`)}`;
    const { output } = convert(source);
    // m_size -1 with a static written: replay, the body under its own name.
    assert.match(output, /static PyObject \*spam_body_module = NULL;\nstatic PyObject \*spam_namespace = NULL;/);
    assert.match(output, /static int\nspam_exec_body\(PyObject \*m\)\n\{\n    \(void\)m;\n    SpamError = /);
    assert.match(output, /static int\nspam_exec\(PyObject \*m\)\n\{\n    if \(spam_namespace != NULL\) \{\n        return PyDict_Update\(PyModule_GetDict\(m\), spam_namespace\);\n    \}/);
    assert.match(output, /Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED/);
    assert.doesNotMatch(convert(source, { reinitGuard: 'never' }).output, /spam_body_module/);
    assert.doesNotMatch(convert(source.replace(/\n    -1,\n/, '\n    0,\n')).output, /spam_body_module/);
  });

  it('guards the slots on their macros under a limited API too, and raises a limited API below 3.5 to 3.5 with a note', () => {
    const limited = `#define Py_LIMITED_API 0x03080000\n${moduleWith(SIMPLE_BODY)}`;
    const slots = slotsOf(convert(limited, { minimumPythonVersion: '3.13' }).output);
    assert.match(slots, /#ifdef Py_mod_multiple_interpreters\n    \{Py_mod_multiple_interpreters/);
    assert.match(slots, /#ifdef Py_mod_gil\n    \{Py_mod_gil/);
    const { result, output } = convert(`#define Py_LIMITED_API 0x03020000 /* 3.2 */\n${moduleWith(SIMPLE_BODY)}`);
    assert.ok(result.ok, JSON.stringify(result));
    assert.ok(output.startsWith('#define Py_LIMITED_API 0x03050000 /* 3.2 */\n'), output.slice(0, 80));
    assert.ok(result.notes?.some((n) => n.startsWith('Py_LIMITED_API: raised to 0x03050000')));
    // Defined without a value (the 3.2 stable ABI): the value is added.
    assert.ok(convert(`#define Py_LIMITED_API\n${moduleWith(SIMPLE_BODY)}`).output.startsWith('#define Py_LIMITED_API 0x03050000\n'));
    // An expression is evaluated; the whole value is replaced.
    assert.ok(convert(`#define Py_LIMITED_API (0x03020000UL)\n${moduleWith(SIMPLE_BODY)}`).output.startsWith('#define Py_LIMITED_API 0x03050000\n'));
  });

  it('replays static types readied in the init, and guards a stateless module only when asked', () => {
    const readies = moduleWith(`    PyObject *m;
    if (PyType_Ready(&SpamType) < 0)
        return NULL;
    m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    return m;`);
    assert.match(convert(readies).output, /spam_exec_body\(PyObject \*m\)\n\{\n    \(void\)m;\n    if \(PyType_Ready/);
    assert.doesNotMatch(convert(moduleWith(SIMPLE_BODY)).output, /spam_body_module/);
    assert.match(convert(moduleWith(SIMPLE_BODY), { reinitGuard: 'always' }).output, /"cannot load module more than once per process"/);
  });
});

describe('conversion: m_size forms and state written by callees', () => {
  before(() => initParser());

  const def = (size: string): string => `static struct PyModuleDef spam_def = {\n    PyModuleDef_HEAD_INIT,\n    "spam",\n    NULL,\n    ${size},\n    spam_methods\n};\n`;

  it('sets a cast or macro -1 m_size to 0 and keeps sizeof', () => {
    assert.match(convert(moduleWith(SIMPLE_BODY, def('(Py_ssize_t)-1'))).output, /NULL,\n    0,\n    spam_methods,/);
    assert.match(convert(`#define STATE_SIZE -1\n${moduleWith(SIMPLE_BODY, def('STATE_SIZE'))}`).output, /NULL,\n    0,\n    spam_methods,/);
    assert.match(convert(moduleWith(SIMPLE_BODY, def('sizeof(long)'))).output, /NULL,\n    sizeof\(long\),\n    spam_methods,/);
  });

  it('refuses an m_size it cannot evaluate', () => {
    const { result } = convert(moduleWith(SIMPLE_BODY, def('UNKNOWN_SIZE')));
    assert.ok(!result.ok && result.reasons.some((r) => r.code === 'm-size-unknown'));
  });

  it('replays when a function the init calls writes static state', () => {
    const source = moduleWith(`    PyObject *m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    if (setup_types(m) < 0)
        return NULL;
    return m;`).replace(
      'PyMODINIT_FUNC',
      'static PyTypeObject SpamType;\n\nstatic int\nsetup_types(PyObject *module)\n{\n    int rc = PyType_Ready(&SpamType);\n    return rc;\n}\n\nPyMODINIT_FUNC',
    );
    const { result, output } = convert(source);
    assert.match(output, /static PyObject \*spam_body_module = NULL;/);
    assert.ok(result.ok && result.notes?.some((n) => /static type SpamType via setup_types\(\)|static type 'SpamType'/.test(n)), result.ok ? result.notes?.join('\n') : '');
  });
});

describe('conversion: defs declared inside the init', () => {
  before(() => initParser());

  const PILLOW = `#include <Python.h>

static PyMethodDef functions[] = {
    {NULL, NULL, 0, NULL}
};

PyMODINIT_FUNC
PyInit_pil(void) {
    PyObject *m;

    static PyModuleDef module_def = {
        PyModuleDef_HEAD_INIT,
        "pil",     /* m_name */
        NULL,      /* m_doc */
        -1,        /* m_size */
        functions, /* m_methods */
    };

    m = PyModule_Create(&module_def);

    if (PyModule_AddIntConstant(m, "A", 1) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
`;

  it('moves a static local def to file scope after exec and the slots', () => {
    const { result, output } = convert(PILLOW);
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(
      output,
      /\n\};\n\nstatic PyModuleDef module_def = \{\n    PyModuleDef_HEAD_INIT,\n    "pil",     \/\* m_name \*\/\n    NULL,      \/\* m_doc \*\/\n    0,         \/\* m_size \*\/\n    functions, \/\* m_methods \*\/\n    pil_slots,\n\};\n\nPyMODINIT_FUNC\nPyInit_pil\(void\) \{\n    return PyModuleDef_Init\(&module_def\);\n\}\n$/,
    );
    assert.match(output, /static int\npil_exec\(PyObject \*m\) \{\n    if \(PyModule_AddIntConstant/);
  });

  it('refuses a local def that is not static or whose name is taken at file scope', () => {
    assert.match(String(!convert(PILLOW.replace('static PyModuleDef', 'PyModuleDef')).result.ok && 'refused'), /refused/);
    const clash = PILLOW.replace('static PyMethodDef functions', 'static int module_def;\nstatic PyMethodDef functions');
    const { result } = convert(clash);
    assert.ok(!result.ok && result.reasons.some((r) => r.code === 'local-def-shape'));
  });
});
