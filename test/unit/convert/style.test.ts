import assert from 'node:assert/strict';
import { analyzeText } from '../../../server/src/core/analyze';
import { convertFileText } from '../../../server/src/core/convert/file';
import { DEFAULT_CONVERSION_OPTIONS } from '../../../server/src/core/convert/options';
import { initParser } from '../../../server/src/core/parser';
import { convert, moduleWith } from './helpers';

const BODY = `    PyObject *m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    if (PyModule_AddIntConstant(m, "A", 1) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;`;

const CPP = `#include <Python.h>

static PyMethodDef methods[] = {
    {nullptr, nullptr, 0, nullptr}
};

static struct PyModuleDef def = {
    PyModuleDef_HEAD_INIT,
    "cppmod",
    nullptr,
    -1,
    methods
};

extern "C" PyObject* PyInit_cppmod() {
    PyObject* m = PyModule_Create(&def);
    if (m == nullptr) return nullptr;
    if (PyModule_AddIntConstant(m, "A", 1) < 0) { Py_DECREF(m); return nullptr; }
    return m;
}
`;

describe('conversion: file style, C++, idempotence', () => {
  before(() => initParser());

  it('indents new code with tabs in a tab-indented file', () => {
    const source = moduleWith(BODY).replace(/^( {4})+/gm, (lead) => '\t'.repeat(lead.length / 4));
    const { result, output } = convert(source, { reinitGuard: 'always' });
    assert.ok(result.ok);
    // Only the continuation lines of block comments start with a space.
    assert.doesNotMatch(output, /^ +[^\s*]/m);
    assert.match(output, /\n\tif \(spam_body_module != NULL\) \{\n\t\tPyErr_SetString/);
    assert.match(output, /\n\t\{Py_mod_exec, spam_exec\},\n/);
    assert.match(output, /PyInit_spam\(void\)\n\{\n\treturn PyModuleDef_Init\(&spam_def\);\n\}/);
  });

  it('indents with two spaces in a two-space file', () => {
    const source = moduleWith(BODY).replace(/^( {4})+/gm, (lead) => '  '.repeat(lead.length / 4));
    const { output } = convert(source);
    assert.match(output, /\n  \{Py_mod_exec, spam_exec\},\n/);
    assert.match(output, /\{\n  return PyModuleDef_Init\(&spam_def\);\n\}/);
  });

  it('writes the slot array in GNU style after a def whose brace is indented on its own line', () => {
    const def = 'static struct PyModuleDef spam_def =\n  {\n    PyModuleDef_HEAD_INIT,\n    "spam",\n    NULL,\n    -1,\n    NULL\n  };\n';
    const source = moduleWith(BODY.replace(/^( {4})+/gm, (lead) => '  '.repeat(lead.length / 4)), def).replace(' = {\n', ' =\n  {\n').replace('\n};\n', '\n  };\n');
    const { result, output } = convert(source);
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(output, /static PyModuleDef_Slot spam_slots\[\] =\n  \{\n    \{Py_mod_exec, spam_exec\},\n#ifdef Py_mod_multiple_interpreters\n    \{Py_mod_multiple/);
    assert.match(output, /\n    \{0, NULL\}\n  \};\n\nstatic struct PyModuleDef spam_def =\n  \{\n/);
  });

  it('spaces new calls and slot entries like a GNU file does (`f (x)`, `{ a, b }`)', () => {
    const gnu = moduleWith(BODY).replace(/\b(\w+)\(/g, (all, name: string) => (name === 'if' ? all : `${name} (`)).replace(/\{(\S[^\n]*\S)\}/g, '{ $1 }');
    const { result, output } = convert(gnu, { reinitGuard: 'always', minimumPythonVersion: '3.10' });
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(output, /static int spam_exec \(PyObject \*m\);/);
    assert.match(output, /\n    \{ Py_mod_exec, spam_exec \},\n/);
    assert.match(output, /\n    \{ 0, NULL \}\n\};/);
    assert.match(output, /        PyErr_SetString \(PyExc_ImportError,\n                         "cannot load module/);
    assert.match(output, /return PyModuleDef_Init \(&spam_def\);/);
  });

  it('keeps CRLF line endings everywhere, and the final newline', () => {
    const source = moduleWith(BODY).replace(/\n/g, '\r\n');
    const { result, output } = convert(source, { reinitGuard: 'always' });
    assert.ok(result.ok);
    assert.doesNotMatch(output, /[^\r]\n/);
    assert.ok(output.endsWith('}\r\n'));
  });

  it('keeps an Allman or K&R init header layout for exec', () => {
    const kr = moduleWith(BODY).replace('PyMODINIT_FUNC\nPyInit_spam(void)\n{', 'PyMODINIT_FUNC PyInit_spam(void) {');
    const { output } = convert(kr);
    assert.match(output, /static int spam_exec\(PyObject \*m\) \{\n/);
    assert.match(output, /PyMODINIT_FUNC PyInit_spam\(void\) \{\n    return PyModuleDef_Init\(&spam_def\);\n\}/);
  });

  it('casts the exec slot in C++, keeps extern "C" on PyInit, and follows the file pointer and null style', () => {
    const { result, output } = convert(CPP, {}, 'cpp');
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(output, /\{Py_mod_exec, \(void \*\)cppmod_exec\},/);
    assert.match(output, /\{0, nullptr\}/);
    assert.match(output, /static int cppmod_exec\(PyObject\* m\) \{\n    if \(PyModule_AddIntConstant\(m, "A", 1\) < 0\) \{ return -1; \}\n    return 0;\n\}/);
    assert.match(output, /extern "C" PyObject\* PyInit_cppmod\(\) \{\n    return PyModuleDef_Init\(&def\);\n\}\n$/);
    assert.ok(output.indexOf('cppmod_exec(PyObject') < output.indexOf('extern "C"'));
  });

  it('is idempotent: a converted file has nothing left to convert', () => {
    for (const [source, lang] of [
      [moduleWith(BODY), 'c'],
      [CPP, 'cpp'],
    ] as const) {
      const first = convertFileText(source, lang, DEFAULT_CONVERSION_OPTIONS);
      assert.equal(first.results.length, 1);
      assert.ok(first.results[0]!.ok);
      const second = convertFileText(first.text, lang, DEFAULT_CONVERSION_OPTIONS);
      assert.equal(second.text, first.text);
      assert.deepEqual(second.results, []);
    }
  });

  it('leaves no single-phase, m_size or missing-slot finding for a converted module', () => {
    const converted = convertFileText(moduleWith(BODY), 'c', DEFAULT_CONVERSION_OPTIONS).text;
    const codes = analyzeText(converted, 'c').findings.map((f) => f.code);
    for (const code of ['single-phase-init', 'negative-m-size', 'missing-gil-slot', 'missing-multiple-interpreters-slot', 'exec-decrefs-module', 'exec-returns-pointer']) {
      assert.ok(!codes.includes(code as never), `${code} in ${codes.join(', ')}`);
    }
  });

  it('converts every module of a file with two modules', () => {
    const second = moduleWith(BODY).replace(/spam/g, 'eggs').replace('#include <Python.h>\n', '');
    const { text, results } = convertFileText(moduleWith(BODY) + second, 'c', DEFAULT_CONVERSION_OPTIONS);
    assert.deepEqual(
      results.map((r) => [r.module, r.ok]),
      [
        ['spam', true],
        ['eggs', true],
      ],
    );
    assert.match(text, /spam_slots/);
    assert.match(text, /eggs_slots/);
  });
});

describe('conversion: comments and C++ scopes', () => {
  before(() => initParser());

  it('moves a comment that explained SetGIL onto the Py_mod_gil slot', () => {
    const { output } = convert(
      moduleWith(`    PyObject *m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
#ifdef Py_GIL_DISABLED
    /* hello() is not atomic. */
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_USED);
#endif
    return m;`),
    );
    assert.match(output, /#ifdef Py_mod_gil\n    \/\* hello\(\) is not atomic\. \*\/\n    \{Py_mod_gil, Py_MOD_GIL_USED\},\n#endif/);
  });

  it('drops the comment attached to the removed creation', () => {
    const { output } = convert(moduleWith(`    PyObject *m;

    /* Create the module */
    m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    PyModule_AddIntConstant(m, "A", 1);
    return m;`));
    assert.doesNotMatch(output, /Create the module/);
  });

  it('keeps exec in the namespace of the def when the init sits outside it', () => {
    const source = `#include <Python.h>

namespace {

PyMethodDef methods[] = {
    {nullptr, nullptr, 0, nullptr}
};

PyModuleDef ns_def = {
    PyModuleDef_HEAD_INIT, "ns", nullptr, -1, methods
};

}  // namespace

PyMODINIT_FUNC PyInit_ns(void) {
    PyObject *m = PyModule_Create(&ns_def);
    if (m == nullptr) return nullptr;
    if (PyModule_AddIntConstant(m, "A", 1) < 0) { Py_DECREF(m); return nullptr; }
    return m;
}
`;
    const { result, output } = convert(source, {}, 'cpp');
    assert.ok(result.ok, JSON.stringify(result));
    const exec = output.indexOf('static int ns_exec(PyObject *m) {');
    assert.ok(exec !== -1 && exec < output.indexOf('PyModuleDef ns_def') && output.indexOf('PyModuleDef ns_def') < output.indexOf('}  // namespace'), output);
    assert.doesNotMatch(output, /static int ns_exec\(PyObject \*m\);/);
  });
});
