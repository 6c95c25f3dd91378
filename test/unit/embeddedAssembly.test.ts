// Python templates assembled from several strings of one file: where each
// piece comes from (pieces.ts), the C the pieces make, and conversions that
// write every change into the string it falls in, or refuse with the code
// that says why.
import assert from 'node:assert/strict';
import { analyzeEmbeddedText, convertEmbeddedText } from '../../server/src/core/embedded/analyze';
import { isAssembled } from '../../server/src/core/embedded/assembledRegion';
import { PieceResolver, type Value } from '../../server/src/core/embedded/pieces';
import { readFlow } from '../../server/src/core/embedded/pythonFlow';
import { pythonRegions } from '../../server/src/core/embedded/pythonRegions';
import { scanPythonStrings } from '../../server/src/core/embedded/pythonStrings';
import { initParser } from '../../server/src/core/parser';

const Q = '"""';

/** The extbuild shape, written small: a table function, an init template, init pieces and a conditional caller piece. */
const HELPER = [
  'def _table(prefix):',
  `    return ${Q}`,
  'static struct PyModuleDef %(prefix)s_def = {',
  '    PyModuleDef_HEAD_INIT, "%(prefix)s", NULL, -1, NULL',
  '};',
  `${Q} % {"prefix": prefix}`,
  '',
  '',
  'def _whole(modname, table, init):',
  `    return ${Q}#include <Python.h>`,
  '%(table)s',
  'PyMODINIT_FUNC',
  'PyInit_%(modname)s(void)',
  '{',
  '%(init)s',
  '}',
  `${Q} % {"modname": modname, "table": table, "init": init}`,
  '',
  '',
  'def build(name, extra=""):',
  '    init = "    PyObject *m = PyModule_Create(&%(n)s_def);\\n" % {"n": name}',
  '    if extra:',
  '        init += "#define BAIL return NULL\\n"',
  '        init += extra',
  '    init += "\\n    return m;"',
  '    return _whole(name, _table(name), init)',
  '',
].join('\n');

function valueOf(source: string, line: string): Value {
  const flow = readFlow(source, scanPythonStrings(source));
  const statement = flow.statements.find((s) => source.slice(s.line.start, s.line.end).startsWith(line));
  assert.ok(statement, line);
  return new PieceResolver(flow).ofStatement(statement);
}

describe('embedded C: templates assembled from several strings', () => {
  before(() => initParser());

  it('follows a name through its assignments in order, a parameter to the one call, a call to its return', () => {
    const value = valueOf(HELPER, 'return _whole(');
    assert.deepEqual(
      value.map((p) => (p.kind === 'literal' ? ['literal', p.template, p.condition?.text ?? ''] : ['opaque', p.caller?.param ?? p.why])),
      [['literal', 'percent', '']],
    );
    const whole = valueOf(HELPER, 'return _whole(');
    const first = whole[0]!;
    assert.ok(first.kind === 'literal');
    const initValue = first.fill('init')!;
    assert.deepEqual(
      initValue.map((p) => (p.kind === 'literal' ? ['literal', p.condition?.text ?? ''] : ['opaque', p.caller?.param ?? '', p.condition?.text ?? ''])),
      [
        ['literal', ''],
        ['literal', 'if extra:'],
        ['opaque', 'extra', 'if extra:'],
        ['literal', ''],
      ],
    );
    // `name` reaches both templates through build(): the same caller value.
    const table = first.fill('table')!;
    assert.equal(table.length, 1);
    const prefix = (table[0] as Extract<Value[number], { kind: 'literal' }>).fill('prefix')!;
    assert.deepEqual(prefix.map((p) => (p.kind === 'opaque' ? p.caller : undefined)), [{ fn: 'build', param: 'name' }]);
  });

  it('a loop, two calls and a computed expression stay computed pieces, with the reason', () => {
    const loop = 'def f(parts):\n    s = "a"\n    for p in parts:\n        s += p\n    return s\n';
    assert.deepEqual(valueOf(loop, 'return s').map((p) => p.kind), ['opaque']);
    const twice = 'def g(x):\n    return "PyInit_" + x\n\n\ndef h():\n    return g("a") + g("b")\n';
    const pieces = valueOf(twice, 'return "PyInit_"');
    assert.deepEqual(pieces.map((p) => p.kind), ['literal', 'opaque']);
    const computed = valueOf('def k(x):\n    return "a" + x.upper()\n', 'return "a"');
    assert.deepEqual(computed.map((p) => p.kind), ['literal', 'opaque']);
  });

  it('splices the pieces into one C region; one caller value is one stand-in in every template', () => {
    const region = pythonRegions(HELPER).regions.find(isAssembled);
    assert.ok(region);
    assert.equal(region.assembly.literals.length, 5);
    const id = /PyInit_(MPH\d+_name)\(void\)/.exec(region.text)?.[1];
    assert.ok(id, region.text);
    assert.ok(region.text.includes(`static struct PyModuleDef ${id}_def`));
    assert.ok(region.text.includes(`PyModule_Create(&${id}_def)`));
    // The caller's code, alone on its line inside the init, stands in as a call the state analysis cannot see into.
    assert.match(region.text, /\n\s*MPH\d+_extra\(\);\n/);
  });

  it('converts: each change lands in its own string, the other template names the value its own way, the conditional macro returns -1', () => {
    const { text, results } = convertEmbeddedText(HELPER, 'py');
    assert.deepEqual(results.map((r) => r.ok), [true]);
    assert.ok(text.includes('static int %(prefix)s_exec(PyObject *m);'), text);
    assert.ok(text.includes('%(prefix)s_slots'), text);
    assert.ok(text.includes('PyInit_%(modname)s(void)\n{\n    return PyModuleDef_Init(&%(modname)s_def);'), text);
    assert.ok(text.includes('init += "\\n    return 0;"'), text);
    assert.ok(text.includes('init += "#define BAIL return -1\\n"'), text);
    assert.ok(!text.includes('PyModule_Create'), text);
    assert.ok(text.includes('init += extra\n'), 'the caller piece is untouched');
    const notes = results[0]!.ok ? (results[0]!.notes ?? []) : [];
    assert.ok(notes.some((n) => n.includes('`extra`') && n.includes('build()')), notes.join('\n'));
    // The converted helper is recognised as multi-phase: nothing left to convert.
    assert.deepEqual(analyzeEmbeddedText(text, 'py').results.filter((r) => !r.ok), []);
    assert.equal(convertEmbeddedText(text, 'py').text, text);
  });

  it('refuses embedded-pieces when the change needs a placeholder the string cannot fill, or the body is computed', () => {
    const noName = [
      'def table():',
      `    return ${Q}static struct PyModuleDef d = {PyModuleDef_HEAD_INIT, "x", NULL, -1, NULL};`,
      `${Q}`,
      '',
      '',
      'def source(name):',
      `    return ${Q}#include <Python.h>`,
      '%(table)s',
      'PyMODINIT_FUNC PyInit_%(name)s(void) { return PyModule_Create(&d); }',
      `${Q} % {"name": name, "table": table()}`,
      '',
    ].join('\n');
    const codes = (source: string): string[][] =>
      analyzeEmbeddedText(source, 'py')
        .results.filter((r) => !r.ok)
        .map((r) => (r.ok ? [] : r.reasons.map((x) => x.code)));
    assert.deepEqual(codes(noName), [['embedded-pieces']]);
    assert.equal(convertEmbeddedText(noName, 'py').text, noName);
    const loopBody = HELPER.replace('    if extra:\n        init += "#define BAIL return NULL\\n"\n        init += extra\n', '    for line in extra:\n        init += line\n');
    assert.ok(codes(loopBody).some((c) => c.includes('embedded-pieces')), JSON.stringify(codes(loopBody)));
    assert.equal(convertEmbeddedText(loopBody, 'py').text, loopBody);
  });

  it('a rules table entry joined with + and #name# fields converts; a field may be written into any of its strings', () => {
    const rules = [
      'import time',
      '',
      'def banner(text):',
      '    return "/* " + text + " */"',
      '',
      'module_rules = {',
      `    'body': ${Q}#include <Python.h>`,
      '',
      `${Q} + banner("methods") + ${Q}`,
      'static PyMethodDef #name#_methods[] = {',
      '#methods#',
      '    {NULL, NULL, 0, NULL}',
      '};',
      'static struct PyModuleDef #name#_def = {PyModuleDef_HEAD_INIT, "#name#", NULL, -1, #name#_methods};',
      `${Q} + banner("init") + ${Q}`,
      'PyMODINIT_FUNC PyInit_#name#(void) {',
      '    PyObject *m = PyModule_Create(&#name#_def);',
      '#ifdef Py_GIL_DISABLED',
      '    PyUnstable_Module_SetGIL(m, #gil#);',
      '#endif',
      '#inithooks#',
      '    return m;',
      '}',
      `${Q},`,
      `    'doc': 'Module #name#',`,
      '}',
      '',
    ].join('\n');
    const { text, results } = convertEmbeddedText(rules, 'py');
    assert.deepEqual(results.map((r) => r.ok), [true]);
    // The slot array goes into the string before the def; the generator fills #gil# there too.
    assert.match(text, /\{Py_mod_gil, #gil#\}/);
    assert.ok(text.includes('return PyModuleDef_Init(&#name#_def);'), text);
    assert.ok(text.includes("'doc': 'Module #name#',"));
    // The generator's lines inside the init now run in exec: the note names the field.
    const notes = results[0]!.ok ? (results[0]!.notes ?? []) : [];
    assert.ok(notes.some((n) => n.includes('#inithooks#')), notes.join('\n'));
  });

  it('a placeholder alone on its line in an init body is code the converter keeps (it was dropped with an otherwise empty body)', () => {
    const generator = [
      `BODY = ${Q}#include <Python.h>`,
      'static struct PyModuleDef #name#_def = {PyModuleDef_HEAD_INIT, "#name#", NULL, -1, NULL};',
      'PyMODINIT_FUNC PyInit_#name#(void) {',
      '    PyObject *m = PyModule_Create(&#name#_def);',
      '#hooks#',
      '    return m;',
      '}',
      `${Q}`,
      '',
    ].join('\n');
    const { text, results } = convertEmbeddedText(generator, 'py');
    assert.deepEqual(results.map((r) => r.ok), [true]);
    assert.match(text, /_exec(?:_body)?\(PyObject \*m\)\s*\{[^}]*\n#hooks#\n[^}]*return 0;/);
    const notes = results[0]!.ok ? (results[0]!.notes ?? []) : [];
    assert.ok(notes.some((n) => n.includes('#hooks#')), notes.join('\n'));
  });

  it('textwrap.dedent pieces convert; a caller piece sharing its line with `return m;` stays, the return becomes `return 0;`', () => {
    const helper = [
      'import textwrap',
      '',
      '',
      'def source(name, setup=""):',
      `    init = textwrap.dedent(${Q}`,
      '        PyObject *m = PyModule_Create(&%(name)s_def);',
      '        if (m == NULL) {',
      '            return NULL;',
      '        }',
      `    ${Q}) % {"name": name}`,
      '    init += setup',
      '    init += "    return m;\\n"',
      `    return textwrap.dedent(${Q}`,
      '        #include <Python.h>',
      '        static struct PyModuleDef %(name)s_def = {PyModuleDef_HEAD_INIT, "%(name)s", NULL, -1, NULL};',
      '        PyMODINIT_FUNC',
      '        PyInit_%(name)s(void)',
      '        {',
      '        %(init)s',
      '        }',
      `    ${Q}) % {"name": name, "init": init}`,
      '',
    ].join('\n');
    const { text, results } = convertEmbeddedText(helper, 'py');
    assert.deepEqual(results.map((r) => r.ok), [true]);
    assert.ok(text.includes('    init += setup\n    init += "    return 0;\\n"\n'), text);
    assert.ok(!text.includes('PyModule_Create'), text);
  });

  it('reads % dict(k=v) and % locals() fills; the changed def stays in its own string', () => {
    const helper = [
      'def build(modname, extra=""):',
      '    body = "static struct PyModuleDef spec = {PyModuleDef_HEAD_INIT, \\"%(modname)s\\", NULL, -1, NULL};\\n" % locals()',
      '    init = "    PyObject *mod = PyModule_Create(&spec);\\n"',
      '    init += extra',
      '    init += "    return mod;\\n"',
      `    return ${Q}#include <Python.h>`,
      '%(body)s',
      'PyMODINIT_FUNC PyInit_%(name)s(void) {',
      `%(init)s}`,
      `${Q} % dict(name=modname, body=body, init=init)`,
      '',
    ].join('\n');
    const { text, results } = convertEmbeddedText(helper, 'py');
    assert.deepEqual(results.map((r) => r.ok), [true]);
    const bodyLine = text.split('\n').find((l) => l.startsWith('    body = '))!;
    assert.ok(bodyLine.includes('static struct PyModuleDef spec = {PyModuleDef_HEAD_INIT, \\"%(modname)s\\", NULL, 0, NULL, %(modname)s_slots};'), bodyLine);
    assert.ok(text.includes('    init += "    return 0;\\n"'), text);
  });

  it('a placeholder alone in an initializer, even inside a function, stays data (a comment), not a statement', () => {
    const source = `T = ${Q}PyMODINIT_FUNC PyInit_#name#(void) {\n    static PyMethodDef methods[] = {\n#methods#\n        {NULL, NULL, 0, NULL}\n    };\n#hooks#\n    return NULL;\n}\n${Q}\n`;
    const region = pythonRegions(source).regions[0]!;
    assert.match(region.text, /= \{\n\/\*MPH\w*methods\*\/\n/);
    assert.match(region.text, /\};\nMPH\w*hooks\(\);\n/);
  });
});
