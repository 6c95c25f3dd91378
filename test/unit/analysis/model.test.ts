// The file model the converter and the language server build on: spans of
// declarations, why an init is opaque, how preprocessor arms are read.
import assert from 'node:assert/strict';
import { buildModel } from '../../../server/src/core/analysis/buildModel';
import { findModuleDefs, findSlotArrays } from '../../../server/src/core/analysis/declarations';
import { initParser, parseText } from '../../../server/src/core/parser';
import { codeMask } from '../../../server/src/core/text/codeMask';
import { firstArmRanges, matchBodyBrace, scanPreprocessor } from '../../../server/src/core/text/preprocessorModel';
import type { FileModel } from '../../../server/src/core/model';

function withModel(text: string, use: (model: FileModel) => void, lang: 'c' | 'cpp' = 'c'): void {
  const tree = parseText(text, lang);
  const model = buildModel(text, tree, lang);
  try {
    use(model);
  } finally {
    model.dispose();
    tree.delete();
  }
}

describe('file model', () => {
  before(() => initParser());

  it('starts a declaration after the preprocessor line before it, never inside it', () => {
    const text = '#if PY_MAJOR_VERSION >= 3\nstatic struct PyModuleDef d = { PyModuleDef_HEAD_INIT, "m" };\n#endif\n\nstatic PyModuleDef_Slot s[] = { {0, NULL} };\nNPY_NO_EXPORT PyModuleDef e = { PyModuleDef_HEAD_INIT };\n';
    const mask = codeMask(text);
    const starts = [...findModuleDefs(text, mask), ...findSlotArrays(text, mask)].map((d) => text.slice(d.declSpan.start, d.declSpan.start + 12));
    assert.deepEqual(starts, ['static struc', 'NPY_NO_EXPOR', 'static PyMod']);
  });

  it('gives the slot array name span and its insert point before the terminator', () => {
    const text = 'static PyModuleDef_Slot my_slots[] = {\n    {Py_mod_exec, ex},\n    {0, NULL}\n};\n';
    const [array] = findSlotArrays(text, codeMask(text));
    assert.equal(text.slice(array!.nameSpan.start, array!.nameSpan.end), 'my_slots');
    assert.equal(text.slice(array!.insertAt, array!.insertAt + 9), '{0, NULL}');
    assert.equal(array!.opaqueEntries, 0);
  });

  it('reads designated slot entries in either order', () => {
    const text = 'static PyModuleDef_Slot s[] = {\n    {.slot = Py_mod_exec, .value = ex},\n    {.value = Py_MOD_GIL_NOT_USED, .slot = Py_mod_gil},\n    {0}\n};\n';
    const [array] = findSlotArrays(text, codeMask(text));
    assert.deepEqual(array!.slots.map((e) => [e.id, e.value]), [['Py_mod_exec', 'ex'], ['Py_mod_gil', 'Py_MOD_GIL_NOT_USED']]);
  });

  it('leaves defs spelled inside a #define out of the model', () => {
    const text = '#define MOD_DEF(m) static struct PyModuleDef d = { PyModuleDef_HEAD_INIT, "m", NULL, -1 }; m = PyModule_Create(&d);\n';
    assert.deepEqual(findModuleDefs(text, codeMask(text), [{ start: 0, end: text.length - 1 }]), []);
  });

  it('marks macro-built inits opaque with a reason the converter can print', () => {
    withModel('#define INIT(n) PyMODINIT_FUNC PyInit_##n(void)\nstatic struct PyModuleDef d = { PyModuleDef_HEAD_INIT, "m" };\nINIT(m) { return PyModule_Create(&d); }\n', (model) => {
      const init = model.modules[0]?.init;
      assert.equal(init?.name, 'PyInit_m');
      assert.equal(init?.opaque, true);
      assert.equal(init?.definedByMacro, 'INIT');
      assert.equal(init?.opaqueRefusal?.code, 'init-from-macro');
      assert.equal(model.modules[0]?.def?.varName, 'd');
    });
  });

  it('records the macro a creation hides in, and the def passed to it', () => {
    withModel('#define MAKE(v, def) v = PyModule_Create(&def)\nstatic struct PyModuleDef d = { PyModuleDef_HEAD_INIT, "m" };\nPyMODINIT_FUNC PyInit_m(void) { PyObject *m; MAKE(m, d); return m; }\n', (model) => {
      const [creation] = model.modules[0]!.init!.creations;
      assert.equal(creation?.viaMacro, 'MAKE');
      assert.equal(creation?.defName, 'd');
      assert.equal(model.modules[0]?.init?.opaque, true);
    });
  });

  it('keeps the module pointer names of a chained assignment', () => {
    withModel('static struct PyModuleDef d = { PyModuleDef_HEAD_INIT, "m" };\nstatic PyObject *g;\nPyMODINIT_FUNC PyInit_m(void) { PyObject *m; m = g = PyModule_Create(&d); return m; }\n', (model) => {
      assert.deepEqual(model.modules[0]?.init?.creations[0]?.assignedTo, ['g', 'm']);
    });
  });

  it('treats an init with a PyModuleDef_Init arm in its helper as multi-phase', () => {
    const text = 'static PyModuleDef_Slot s[] = { {Py_mod_exec, ex}, {0, NULL} };\nstatic struct PyModuleDef d = { PyModuleDef_HEAD_INIT, "m", NULL, 0, NULL, s };\nstatic PyObject *make(void) {\n#if NEW\n    return PyModuleDef_Init(&d);\n#else\n    return PyModule_Create(&d);\n#endif\n}\nPyMODINIT_FUNC PyInit_m(void) { return make(); }\n';
    withModel(text, (model) => {
      assert.equal(model.modules.length, 1);
      assert.equal(model.modules[0]?.phase, 'multi');
      assert.equal(model.modules[0]?.init?.helper?.name, 'make');
    });
  });

  it('reads one configuration of a body whose braces balance per #if arm, and says so', () => {
    const text = 'static struct PyModuleDef d = { PyModuleDef_HEAD_INIT, "m" };\nPyMODINIT_FUNC PyInit_m(void) {\n    PyObject *m;\n#if A\n    if ((m = PyModule_Create(&d)) == NULL) {\n#else\n    if ((m = other()) == NULL) {\n#endif\n        return NULL;\n    }\n    return m;\n}\n';
    withModel(text, (model) => {
      const init = model.modules[0]?.init;
      assert.equal(init?.firstArmOnly, true);
      assert.equal(init?.opaque, true);
      assert.equal(init?.opaqueRefusal?.code, 'braces-per-arm');
    });
  });

  it('firstArmRanges keeps code of the first arm only and drops every group line', () => {
    const text = 'a\n#if X\nb\n#elif Y\nc\n#else\nd\n#endif\ne\n';
    const kept = firstArmRanges(scanPreprocessor(text), text, 0, text.length).map((r) => text.slice(r.start, r.end));
    assert.deepEqual(kept, ['a\n', 'b\n', 'e\n']);
    // A range that starts inside a group's first arm drops that group's later arms too; nested groups and continued lines count.
    const outer = '#if X\nf() {\n#ifdef Y\n  g();\n#elifdef Z\n  h();\n#endif\n}\n#else \\\n  more\nk\n#endif\n';
    const from = outer.indexOf('f()');
    assert.deepEqual(firstArmRanges(scanPreprocessor(outer), outer, from, outer.length).map((r) => outer.slice(r.start, r.end)), ['f() {\n', '  g();\n', '}\n']);
  });

  it('matchBodyBrace counts the braces of one configuration, skipping every directive line', () => {
    const text = 'f() {\n#if A\n  if (x) {\n#else\n  if (y) {\n#endif\n  }\n#define OPEN {\n}\nrest';
    assert.equal(matchBodyBrace(text, 4, scanPreprocessor(text)), text.lastIndexOf('}'));
    const unclosed = 'f() {\n#if A\n}\n#else\n';
    assert.equal(matchBodyBrace(unclosed, 4, scanPreprocessor(unclosed)), unclosed.indexOf('}'));
    assert.equal(matchBodyBrace('f() {\n', 4, scanPreprocessor('f() {\n')), -1);
  });
});
