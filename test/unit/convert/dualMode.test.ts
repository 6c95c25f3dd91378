import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inPython2OnlyArm, resolveVersionArms, versionCondition } from '../../../server/src/core/convert/dualMode';
import { initParser } from '../../../server/src/core/parser';
import { codeMask } from '../../../server/src/core/text/codeMask';
import { scanPreprocessor } from '../../../server/src/core/text/preprocessorModel';
import { convert } from './helpers';

const DUAL = `#include <Python.h>

static PyMethodDef module_methods[] = {
    {NULL, NULL, 0, NULL}
};

#if PY_MAJOR_VERSION >= 3
static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "cutils", NULL, -1, module_methods
};
#endif

#if PY_MAJOR_VERSION >= 3
PyMODINIT_FUNC
PyInit_cutils(void)
#else
PyMODINIT_FUNC
initcutils(void)
#endif
{
    PyObject *m;
#if PY_MAJOR_VERSION >= 3
    m = PyModule_Create(&module_def);
#else
    m = Py_InitModule3("cutils", module_methods, NULL);
#endif
#if PY_MAJOR_VERSION >= 3
    if (m == NULL)
        return NULL;
    PyModule_AddIntConstant(m, "A", 1);
    return m;
#else
    if (m == NULL)
        return;
#endif
}
`;

describe('conversion: Python 2/3 dual-mode inits', () => {
  before(() => initParser());

  it('knows which version tests are certain on Python 3.8+ and on Python 2', () => {
    assert.deepEqual(versionCondition('if', 'PY_MAJOR_VERSION >= 3'), { py3: true, py2: false });
    assert.deepEqual(versionCondition('if', 'PY_MAJOR_VERSION < 3'), { py3: false, py2: true });
    assert.deepEqual(versionCondition('if', 'PY_VERSION_HEX >= 0x03000000'), { py3: true, py2: false });
    assert.equal(versionCondition('if', 'PY_VERSION_HEX >= 0x030C0000'), undefined);
    assert.equal(versionCondition('ifdef', 'PY3K'), undefined);
  });

  it('reads a test on a Python 3 flag the model inferred as a version test, in every spelling', () => {
    const flags = new Map([['PY3K', true], ['PY2ONLY', false]]);
    assert.deepEqual(versionCondition('ifdef', 'PY3K', flags), { py3: true, py2: false });
    assert.deepEqual(versionCondition('ifndef', 'PY3K', flags), { py3: false, py2: true });
    assert.deepEqual(versionCondition('if', '!defined(PY3K)', flags), { py3: false, py2: true });
    assert.deepEqual(versionCondition('if', 'defined PY3K /* py3 */', flags), { py3: true, py2: false });
    assert.deepEqual(versionCondition('ifdef', 'PY2ONLY', flags), { py3: false, py2: true });
    assert.equal(versionCondition('ifdef', 'OTHER', flags), undefined);
    const text = '#ifdef PY3K\na;\n#else\nb;\n#endif\n';
    assert.equal(resolveVersionArms(text, codeMask(text), false, flags), 'b;\n');
  });

  it('resolves certain arms and keeps the others', () => {
    const text = '#if PY_MAJOR_VERSION >= 3\na;\n#else\nb;\n#endif\n#ifdef X\nc;\n#endif\n';
    assert.equal(resolveVersionArms(text, codeMask(text), true), 'a;\n#ifdef X\nc;\n#endif\n');
    assert.equal(resolveVersionArms(text, codeMask(text), false), 'b;\n#ifdef X\nc;\n#endif\n');
  });

  it('reads arms as the preprocessor model does: nested groups, #elifdef, continued directive lines, unbalanced groups', () => {
    const nested = '#if PY_MAJOR_VERSION >= 3\n#ifdef X\na;\n#else\nb;\n#endif\n#else\nc;\n#endif\n';
    assert.equal(resolveVersionArms(nested, codeMask(nested), true), '#ifdef X\na;\n#else\nb;\n#endif\n');
    assert.equal(resolveVersionArms(nested, codeMask(nested), false), 'c;\n');
    // An #elifdef makes the arms more than one version test: not resolved.
    const elifdef = '#if PY_MAJOR_VERSION >= 3\na;\n#elifdef X\nb;\n#endif\n';
    assert.equal(resolveVersionArms(elifdef, codeMask(elifdef), true), undefined);
    const continued = '#if PY_MAJOR_VERSION \\\n    >= 3\na;\n#else\nb;\n#endif\n';
    assert.equal(resolveVersionArms(continued, codeMask(continued), false), 'b;\n');
    for (const broken of ['#if PY_MAJOR_VERSION >= 3\na;\n', 'a;\n#endif\n', 'a;\n#else\nb;\n']) assert.equal(resolveVersionArms(broken, codeMask(broken), true), undefined, broken);
  });

  it('knows an offset in a Python 2 arm, also inside a nested group, but not after an #elif', () => {
    const text = '#if PY_MAJOR_VERSION >= 3\na;\n#else\n#ifdef X\nb;\n#endif\n#endif\n#if PY_MAJOR_VERSION >= 3\nc;\n#elif defined(Y)\nd;\n#else\ne;\n#endif\n';
    const pp = scanPreprocessor(codeMask(text));
    assert.equal(inPython2OnlyArm(pp, text.indexOf('a;')), false);
    assert.equal(inPython2OnlyArm(pp, text.indexOf('b;')), true);
    assert.equal(inPython2OnlyArm(pp, text.indexOf('c;')), false);
    assert.equal(inPython2OnlyArm(pp, text.indexOf('e;')), false);
  });

  it('splits the init, converts the Python 3 function and removes the Python 2 one by default', () => {
    const { result, output } = convert(DUAL);
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(output, /#if PY_MAJOR_VERSION >= 3\nstatic int\ncutils_exec\(PyObject \*m\)\n\{\n    PyModule_AddIntConstant\(m, "A", 1\);\n    return 0;\n\}\n\nPyMODINIT_FUNC\nPyInit_cutils\(void\)\n\{\n    return PyModuleDef_Init\(&module_def\);\n\}\n#endif\n$/);
    assert.doesNotMatch(output, /initcutils|Py_InitModule/);
    assert.deepEqual(result.ok && result.notes?.filter((n) => n.startsWith('Python 2:')).length, 1);
  });

  it('keepPython2: the Python 2 init calls Py_InitModule, then the one exec function', () => {
    const { result, output } = convert(DUAL, { keepPython2: true });
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(output, /#endif\n\nstatic int\ncutils_exec\(PyObject \*m\)\n\{\n    PyModule_AddIntConstant\(m, "A", 1\);\n    return 0;\n\}\n\n#if PY_MAJOR_VERSION >= 3\nPyMODINIT_FUNC\nPyInit_cutils\(void\)\n\{\n    return PyModuleDef_Init\(&module_def\);\n\}\n#else\n[^\n]*\nPyMODINIT_FUNC\ninitcutils\(void\)\n\{\n    PyObject \*m = Py_InitModule3\("cutils", module_methods, NULL\);\n    if \(m != NULL\)\n        \(void\)cutils_exec\(m\);\n\}\n#endif\n$/);
    assert.ok(result.ok && result.notes?.some((n) => /^Python 2: initcutils kept/.test(n)));
    // The body is written once: only the exec function adds the constant.
    assert.equal(output.match(/PyModule_AddIntConstant/g)?.length, 1);
  });

  it('keepPython2 on CRLF text writes CRLF only', () => {
    const { result, output } = convert(DUAL.replace(/\n/g, '\r\n'), { keepPython2: true });
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(output, /initcutils\(void\)\r\n/);
    assert.doesNotMatch(output, /(?<!\r)\n/);
  });

  it('splits a helper shared with the Python 2 init, converting its Python 3 copy and removing the Python 2 path', () => {
    const source = readFileSync(join(__dirname, '../../../test-fixtures/check/delegation.c'), 'utf8');
    const { result, output } = convert(source);
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(output, /#if PY_MAJOR_VERSION >= 3\nstatic int\ncompat_exec\(PyObject \*m\)\n\{\n    PyModule_AddIntConstant\(m, "ANSWER", 42\);\n    return 0;\n\}\n#endif/);
    assert.doesNotMatch(output, /moduleinit|initcompat|Py_InitModule/);
    const kept = convert(source, { keepPython2: true });
    assert.ok(kept.result.ok, JSON.stringify(kept.result));
    assert.match(kept.output, /initcompat\(void\)\n\{\n    PyObject \*m = Py_InitModule3\([^;]*\);\n    if \(m != NULL\)\n        \(void\)compat_exec\(m\);\n\}\n#endif\n$/);
    assert.doesNotMatch(kept.output, /moduleinit/);
  });

  it('keepPython2 keeps no Python 2 init when exec needs what only Python 3 compiles (replay\'s helpers beside the def), and says so', () => {
    const source = DUAL.replace('#include <Python.h>\n', '#include <Python.h>\n\nstatic PyObject *cache;\n').replace('    PyModule_AddIntConstant(m, "A", 1);\n', '    PyModule_AddIntConstant(m, "A", 1);\n    cache = PyDict_New();\n');
    const { result, output } = convert(source, { keepPython2: true });
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(output, /cutils_body_module/);
    assert.doesNotMatch(output, /initcutils|Py_InitModule/);
    assert.ok(result.notes?.some((n) => /^Python 2: no Python 2 init kept for cutils: cutils_exec uses cutils_\w+(, cutils_\w+)*, which only Python 3 compiles\.$/.test(n)), JSON.stringify(result.notes));
  });
});

