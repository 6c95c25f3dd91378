import assert from 'node:assert/strict';
import { initParser } from '../../../server/src/core/parser';
import { analyzeSource, multiPhaseModule } from './analyzeSource';

const GIL = '{Py_mod_gil, Py_MOD_GIL_NOT_USED},';
const INTERP = '{Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},';

describe('rules missing-gil-slot and missing-multiple-interpreters-slot', () => {
  before(() => initParser());

  it('say nothing when both slots are declared, even under #if', () => {
    assert.deepEqual(analyzeSource(multiPhaseModule('    return 0;', ['#ifdef Py_mod_gil', GIL, '#endif', '#if PY_VERSION_HEX >= 0x030C0000', INTERP, '#endif'])), []);
  });

  it('report a missing Py_mod_gil on the slot array name, fixable', () => {
    const found = analyzeSource(multiPhaseModule('    return 0;', [INTERP]));
    assert.deepEqual(found.map((f) => [f.code, f.severity, f.text, f.fixable]), [['missing-gil-slot', 'warning', 't_slots', true]]);
  });

  it('report a missing Py_mod_multiple_interpreters as information', () => {
    const found = analyzeSource(multiPhaseModule('    return 0;', [GIL]));
    assert.deepEqual(found.map((f) => [f.code, f.severity, f.fixable]), [['missing-multiple-interpreters-slot', 'information', true]]);
  });

  it('stay quiet when an entry is a macro that may declare the slot', () => {
    assert.deepEqual(analyzeSource(multiPhaseModule('    return 0;', [INTERP, 'MY_GIL_SLOT'])), []);
  });

  it('do not apply to single-phase modules', () => {
    const src = 'static struct PyModuleDef d = { PyModuleDef_HEAD_INIT, "m", NULL, 0, NULL };\nPyMODINIT_FUNC PyInit_m(void) { return PyModule_Create(&d); }\n';
    assert.deepEqual(analyzeSource(src).map((f) => f.code), ['single-phase-init']);
  });
});
