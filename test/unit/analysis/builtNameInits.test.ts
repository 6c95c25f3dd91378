import assert from 'node:assert/strict';
import { analyzeText } from '../../../server/src/core/analyze';
import { initParser } from '../../../server/src/core/parser';

const DEF = 'static struct PyModuleDef d = { PyModuleDef_HEAD_INIT, "x", NULL, -1, NULL };\n';

/** Refusal codes of the single-phase-init findings of `source` ([] for a module that converts). */
function reported(source: string): string[][] {
  return analyzeText(source, 'c').findings.filter((f) => f.code === 'single-phase-init').map((f) => (f.refusal ?? []).map((r) => r.code));
}

describe('inits named by a macro from outside the file', () => {
  before(() => initParser());

  it('reports PASTE(PyInit_, NAME)(void) written out, and converts it', () => {
    assert.deepEqual(reported(`#define CAT(a, b) a##b\n${DEF}PyMODINIT_FUNC CAT(PyInit_, MODULE_NAME)(void) { return PyModule_Create(&d); }\n`), [[]]);
  });

  it('reports it through an alias, skipping the same alias on an entry that makes no module', () => {
    const source = `#define CAT(a, b) a##b\n#ifdef NEW_ABI\n#define ENTRY CAT(PyModExport_, MODULE_NAME)\n#else\n#define ENTRY CAT(PyInit_, MODULE_NAME)\n#endif\n${DEF}#ifdef NEW_ABI\nPyMODEXPORT_FUNC ENTRY(void) { return slots; }\n#else\nPyMODINIT_FUNC ENTRY(void) { return PyModule_Create(&d); }\n#endif\n`;
    assert.deepEqual(reported(source), [[]]);
  });

  it('says nothing of a pasted name that makes no module', () => {
    assert.deepEqual(reported(`#define CAT(a, b) a##b\nPyMODINIT_FUNC CAT(PyInit_, MODULE_NAME)(void) { return NULL; }\n`), []);
  });

  it('reports and converts PyMODINIT_FUNC INIT_MODULE(x)(void) with INIT_MODULE from a header', () => {
    const source = `#include "compat.h"\n${DEF}PyMODINIT_FUNC\nINIT_MODULE(x)(void)\n{\n    PyObject *m = PyModule_Create(&d);\n    return m;\n}\n`;
    assert.deepEqual(reported(source), [[]]);
  });

  it('needs PyMODINIT_FUNC before a macro-named header: another call-like declarator is no init', () => {
    assert.deepEqual(reported(`${DEF}static PyObject *\nHELPER(x)(void)\n{\n    return PyModule_Create(&d);\n}\n`), []);
  });
});
