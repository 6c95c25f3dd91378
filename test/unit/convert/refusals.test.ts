import assert from 'node:assert/strict';
import { initParser } from '../../../server/src/core/parser';
import { convert, moduleWith, refusalOf } from './helpers';

const CREATE = `    PyObject *m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;`;

describe('conversion: refusals', () => {
  before(() => initParser());

  it('refuses PyState_FindModule unless the module is replayed (m_size -1 with state), and PyState_RemoveModule always', () => {
    const finds = moduleWith(`${CREATE}\n    return m;`).replace('return PyUnicode_FromString("hello");', 'return PyState_FindModule(&spam_def);');
    assert.deepEqual(refusalOf(finds.replace(/\n    -1,\n/, '\n    0,\n')), ['state-lookup']);
    assert.match(convert(finds).output, /return spam_body_module;/);
    assert.deepEqual(refusalOf(finds.replace('PyState_FindModule(&spam_def)', 'PyLong_FromLong(PyState_RemoveModule(&spam_def))')), ['state-lookup']);
  });

  it('refuses a creation split by preprocessor branches', () => {
    const source = moduleWith(`    PyObject *m;
#if PY_VERSION_HEX >= 0x03090000
    m = PyModule_Create(&spam_def);
#else
    m = PyModule_Create2(&spam_def, PYTHON_API_VERSION);
#endif
    if (m == NULL)
        return NULL;
    return m;`);
    assert.deepEqual(refusalOf(source), ['creation-in-preprocessor-branch']);
  });

  it('refuses returning the module inside a preprocessor branch', () => {
    const source = moduleWith(`${CREATE}
#ifdef SPAM_FAST
    return m;
#else
    return m;
#endif`);
    assert.deepEqual(refusalOf(source), ['return-in-preprocessor-branch']);
  });

  it('refuses a return hidden in a macro', () => {
    // `return NULL` alone would be rewritten in the definition (statementMacros.test.ts).
    const source = `#define CHECK(x) if ((x) < 0) { Py_DECREF(m); return PyErr_NoMemory(); }\n${moduleWith(`${CREATE}
    CHECK(PyModule_AddIntConstant(m, "A", 1));
    return m;`)}`;
    assert.deepEqual(refusalOf(source), ['hidden-control-flow']);
  });

  it('refuses an upper-case statement that may be a macro from a header', () => {
    const source = moduleWith(`${CREATE}
    if (PyModule_AddIntConstant(m, "A", 1) < 0)
        FAIL_INIT;
    return m;`);
    assert.deepEqual(refusalOf(source), ['hidden-control-flow']);
  });

  it('refuses a def shared by two init functions', () => {
    const source = `${moduleWith(`${CREATE}\n    return m;`)}
PyMODINIT_FUNC
PyInit_spam2(void)
{
    return PyModule_Create(&spam_def);
}
`;
    assert.deepEqual(refusalOf(source), ['def-shared']);
  });

  it('refuses an init that returns something other than its module', () => {
    const source = moduleWith(`${CREATE}
    return PyObject_GetAttrString(m, "hello");`);
    assert.deepEqual(refusalOf(source), ['returns-other-object']);
  });

  it('refuses a def that is not in the file', () => {
    const source = moduleWith(`    PyObject *m = PyModule_Create(&other_def);
    if (m == NULL)
        return NULL;
    return m;`);
    assert.deepEqual(refusalOf(source), ['def-not-in-file']);
  });

  it('refuses a def with #if lines inside its initialiser', () => {
    const def = 'static struct PyModuleDef spam_def = {\n    PyModuleDef_HEAD_INIT,\n    "spam",\n#ifdef DOCS\n    "doc",\n#else\n    NULL,\n#endif\n    -1,\n    spam_methods\n};\n';
    assert.deepEqual(refusalOf(moduleWith(`${CREATE}\n    return m;`, def)), ['def-preprocessor']);
  });

  it('refuses a def also used by PyModule_Create elsewhere', () => {
    const source = moduleWith(`${CREATE}\n    return m;`).replace('return PyUnicode_FromString("hello");', 'return PyModule_Create(&spam_def);');
    assert.deepEqual(refusalOf(source), ['def-created-elsewhere']);
  });

  it('refuses a helper that takes parameters or is called elsewhere', () => {
    const helper = (params: string, call: string): string =>
      moduleWith(`    return make_module(${call});`).replace(
        'PyMODINIT_FUNC',
        `static PyObject *\nmake_module(${params})\n{\n    PyObject *m = PyModule_Create(&spam_def);\n    if (m == NULL)\n        return NULL;\n    return m;\n}\n\nPyMODINIT_FUNC`,
      );
    assert.deepEqual(refusalOf(helper('int flags', '0')), ['helper-shape']);
    const twice = helper('void', '').replace('return PyUnicode_FromString("hello");', 'return make_module();');
    assert.deepEqual(refusalOf(twice), ['helper-shape']);
  });

  it('refuses a Python 2 creation inside the same init', () => {
    const source = moduleWith(`    PyObject *m;
#if PY_MAJOR_VERSION >= 3
    m = PyModule_Create(&spam_def);
#else
    m = Py_InitModule("spam", spam_methods);
#endif
    if (m == NULL)
        return NULL;
    return m;`);
    assert.ok(refusalOf(source).some((c) => c === 'python2-creation-in-init' || c === 'creation-in-preprocessor-branch'));
  });

  it('converts the Python 3 init and removes a separate Python 2 init, with a note', () => {
    const source = `${moduleWith(`${CREATE}\n    return m;`)}
#if PY_MAJOR_VERSION < 3
PyMODINIT_FUNC
initspam(void)
{
    Py_InitModule("spam", spam_methods);
}
#endif
`;
    const { result, output } = convert(source);
    assert.ok(result.ok, JSON.stringify(result));
    assert.doesNotMatch(output, /initspam|PY_MAJOR_VERSION/);
    assert.equal(result.notes?.filter((n) => n.startsWith('Python 2:')).length, 1);
    // keepPython2: the slots, def and PyInit_ go under '#if PY_MAJOR_VERSION >= 3', a
    // Python 2 init under #else; nothing runs after creation, so there is no exec to call.
    const kept = convert(source, { keepPython2: true });
    assert.ok(kept.result.ok, JSON.stringify(kept.result));
    assert.match(kept.output, /\n#if PY_MAJOR_VERSION >= 3\nstatic PyModuleDef_Slot spam_slots\[\] = \{/);
    assert.match(kept.output, /PyInit_spam\(void\)\n\{\n    return PyModuleDef_Init\(&spam_def\);\n\}\n#else\n[^\n]*\nPyMODINIT_FUNC\ninitspam\(void\)\n\{\n    \(void\)Py_InitModule\("spam", spam_methods\);\n\}\n#endif\n/);
    assert.equal(kept.output.match(/initspam\(void\)/g)?.length, 1);
  });

  it('keepPython2 keeps no Python 2 init, and says so, when the def sits above the exec function where Python 2 compiles it', () => {
    const source = `${moduleWith(`${CREATE}\n    if (PyModule_AddIntConstant(m, "X", 1) < 0) {\n        Py_DECREF(m);\n        return NULL;\n    }\n    return m;`)}
#if PY_MAJOR_VERSION < 3
PyMODINIT_FUNC
initspam(void)
{
    Py_InitModule("spam", spam_methods);
}
#endif
`;
    const kept = convert(source, { keepPython2: true });
    assert.ok(kept.result.ok, JSON.stringify(kept.result));
    assert.doesNotMatch(kept.output, /initspam|PY_MAJOR_VERSION/);
    assert.ok(kept.result.notes?.some((n) => n.startsWith('Python 2: no Python 2 init kept for spam')));
  });

  it('refuses rather than rewrite a module variable assigned from something else', () => {
    const source = moduleWith(`${CREATE}
    m = PyImport_ImportModule("os");
    return m;`);
    assert.deepEqual(refusalOf(source), ['module-reassigned']);
  });

  it('gives every refusal a reason and leaves the text alone', () => {
    const { result, output } = convert(moduleWith(`${CREATE}\n    return NULL;`).replace('PyModule_Create(&spam_def)', 'PyModule_Create(&missing)'));
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.reasons.length > 0 && result.reasons.every((r) => r.message.length > 10 && r.code !== 'internal-error'));
    assert.match(output, /PyModule_Create\(&missing\)/);
  });
});

describe('conversion: refusals through same-file helpers', () => {
  before(() => initParser());

  it('refuses when the module goes to a function that releases it', () => {
    const source = moduleWith(`${CREATE}
    if (add_limits(m) < 0)
        return NULL;
    return m;`).replace(
      'PyMODINIT_FUNC',
      'static int\nadd_limits(PyObject *module)\n{\n    if (PyModule_AddIntConstant(module, "MIN", 0) < 0) {\n        Py_DECREF(module);\n        return -1;\n    }\n    return 0;\n}\n\nPyMODINIT_FUNC',
    );
    assert.deepEqual(refusalOf(source), ['callee-releases-module']);
  });
});

describe('conversion: several creations', () => {
  before(() => initParser());

  it('converts the returned module and leaves a sub-module object alone', () => {
    const source = `#include <Python.h>
static struct PyModuleDef sub_def = { PyModuleDef_HEAD_INIT, "pkg.errors", NULL, -1, NULL };
static struct PyModuleDef main_def = { PyModuleDef_HEAD_INIT, "pkg", NULL, -1, NULL };

PyMODINIT_FUNC PyInit_pkg(void)
{
    PyObject *m, *errors;
    m = PyModule_Create(&main_def);
    if (m == NULL)
        return NULL;
    errors = PyModule_Create(&sub_def);
    if (errors == NULL) { Py_DECREF(m); return NULL; }
    if (PyModule_AddObject(m, "errors", errors) < 0) { Py_DECREF(errors); Py_DECREF(m); return NULL; }
    return m;
}
`;
    const { result, output } = convert(source);
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(output, /static struct PyModuleDef sub_def = \{ PyModuleDef_HEAD_INIT, "pkg.errors", NULL, -1, NULL \};/);
    assert.match(output, /    errors = PyModule_Create\(&sub_def\);\n    if \(errors == NULL\) \{ return -1; \}\n    if \(PyModule_AddObject\(m, "errors", errors\) < 0\) \{ Py_DECREF\(errors\); return -1; \}\n    return 0;/);
  });

  it('refuses two creations from the same def', () => {
    const source = moduleWith(`${CREATE}
    PyObject *again = PyModule_Create(&spam_def);
    Py_XDECREF(again);
    return m;`);
    assert.deepEqual(refusalOf(source), ['several-creations']);
  });
});

describe('conversion: text at the very start of a file', () => {
  before(() => initParser());

  it('finishes on a file that starts with a blank line and has no def', () => {
    const source = `\nPyMODINIT_FUNC PyInit_x(void)\n{\n    return PyModule_Create(&missing_def);\n}\n`;
    assert.deepEqual(refusalOf(source), ['def-not-in-file']);
  });
});

describe('conversion: releases inside macros', () => {
  before(() => initParser());
  const body = `${CREATE}\n    PyObject *d = PyModule_GetDict(m), *t;\n    ADD(A);\n    return m;`;

  it('converts a macro whose only release is of a temporary of its own', () => {
    const source = `#define ADD(N) t = PyLong_FromLong(1); if (t != NULL) { PyDict_SetItemString(d, #N, t); Py_DECREF(t); }\n${moduleWith(body)}`;
    const { result } = convert(source);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.reasons));
  });

  it('refuses a macro that releases its parameter or the module', () => {
    assert.deepEqual(refusalOf(`#define ADD(N) Py_DECREF(N)\n${moduleWith(body.replace('ADD(A)', 'ADD(m)'))}`), ['hidden-control-flow']);
    assert.deepEqual(refusalOf(`#define ADD(N) if (PyModule_AddIntConstant(m, #N, 1) < 0) Py_CLEAR(m)\n${moduleWith(body)}`), ['hidden-control-flow']);
  });
});
