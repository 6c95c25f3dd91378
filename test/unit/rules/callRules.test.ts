import assert from 'node:assert/strict';
import { initParser } from '../../../server/src/core/parser';
import { analyzeSource, multiPhaseModule } from './analyzeSource';

const SINGLE = 'static struct PyModuleDef d = { PyModuleDef_HEAD_INIT, "m", NULL, 0, NULL };\n';

describe('rules on API calls', () => {
  before(() => initParser());

  describe('module-state-lookup', () => {
    it('is an error with a multi-phase def, also inside a #define', () => {
      const src = `${multiPhaseModule('    return 0;')}#define STATE() PyModule_GetState(PyState_FindModule(&t_def))\nstatic PyObject *f(void) { return PyState_FindModule(&t_def); }\n`;
      const found = analyzeSource(src, 'c', 'module-state-lookup');
      assert.deepEqual(found.map((f) => [f.text, f.severity]), [['PyState_FindModule(&t_def)', 'error'], ['PyState_FindModule(&t_def)', 'error']]);
    });

    it('is a warning in a single-phase module: a blocker of conversion', () => {
      const src = `${SINGLE}PyMODINIT_FUNC PyInit_m(void) { PyObject *m = PyModule_Create(&d); PyState_AddModule(m, &d); return m; }\n`;
      const [finding] = analyzeSource(src, 'c', 'module-state-lookup');
      assert.equal(finding?.severity, 'warning');
      assert.equal(finding?.text, 'PyState_AddModule(m, &d)');
      assert.match(finding!.message, /blocks automatic conversion/);
    });

    it('does not take a PyModuleDef pointer variable for the def of that name', () => {
      const src = `${SINGLE}static PyObject *look_up(PyObject *self) { PyModuleDef *d = PyModule_GetDef(self); return PyState_FindModule(d); }\nPyMODINIT_FUNC PyInit_m(void) { return PyModule_Create(&d); }\n`;
      const [finding] = analyzeSource(src, 'c', 'module-state-lookup');
      assert.equal(finding?.severity, 'warning');
      assert.match(finding!.message, /while the module uses single-phase/);
    });

    it('reports a lookup of a def from another file as a warning', () => {
      assert.deepEqual(analyzeSource('extern struct PyModuleDef other;\nPyObject *f(void) { return PyState_FindModule(&other); }\n').map((f) => f.severity), ['warning']);
    });
  });

  describe('set-gil-call', () => {
    it('in a single-phase init: information, the conversion turns it into the slot', () => {
      const src = `${SINGLE}PyMODINIT_FUNC PyInit_m(void) {\n    PyObject *m = PyModule_Create(&d);\n    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);\n    return m;\n}\n`;
      const [finding] = analyzeSource(src, 'c', 'set-gil-call');
      assert.equal(finding?.severity, 'information');
      assert.match(finding!.message, /converting the module to multi-phase init turns this call/);
    });

    it('in a multi-phase exec: the slot is the supported form', () => {
      const [finding] = analyzeSource(multiPhaseModule('    PyUnstable_Module_SetGIL(module, Py_MOD_GIL_NOT_USED);\n    return 0;'), 'c', 'set-gil-call');
      assert.match(finding!.message, /in Py_mod_exec function 't_exec'/);
    });
  });
  describe('gil-used-slot', () => {
    it('is information on a Py_MOD_GIL_USED slot, not on NOT_USED', () => {
      const used = analyzeSource(multiPhaseModule('    return 0;', ['{Py_mod_gil, Py_MOD_GIL_USED},']), 'c', 'gil-used-slot');
      assert.deepEqual(used.map((f) => [f.severity, f.text]), [['information', '{Py_mod_gil, Py_MOD_GIL_USED}']]);
      assert.match(used[0]!.message, /free-threading-extensions\.html/);
      assert.deepEqual(analyzeSource(multiPhaseModule('    return 0;'), 'c', 'gil-used-slot'), []);
    });

    it('reports a slot array shared by two defs once, naming both modules', () => {
      const shared = multiPhaseModule('    return 0;', ['{Py_mod_gil, Py_MOD_GIL_USED},']).replace(
        'PyMODINIT_FUNC PyInit_t(void)',
        'static struct PyModuleDef u_def = {\n    PyModuleDef_HEAD_INIT, "u", NULL, 0, NULL, t_slots\n};\nPyMODINIT_FUNC PyInit_u(void) { return PyModuleDef_Init(&u_def); }\nPyMODINIT_FUNC PyInit_t(void)',
      );
      const used = analyzeSource(shared, 'c', 'gil-used-slot');
      assert.equal(used.length, 1);
      assert.match(used[0]!.message, /^Modules '\w' and '\w' declare/);
    });
  });
});
