import assert from 'node:assert/strict';
import { initParser } from '../../../server/src/core/parser';
import { analyzeSource, multiPhaseModule } from './analyzeSource';

describe('rule negative-m-size', () => {
  before(() => initParser());

  it('is an error on a def with slots, fixable, covering the value', () => {
    const found = analyzeSource(multiPhaseModule('    return 0;', undefined, '-1'), 'c', 'negative-m-size');
    assert.deepEqual(found.map((f) => [f.text, f.severity, f.fixable]), [['-1', 'error', true]]);
  });

  it('is a warning on a single-phase def', () => {
    const src = 'static struct PyModuleDef d = { PyModuleDef_HEAD_INIT, .m_name = "m", .m_size = -1 };\nPyMODINIT_FUNC PyInit_m(void) { return PyModule_Create(&d); }\n';
    const found = analyzeSource(src, 'c', 'negative-m-size');
    assert.deepEqual(found.map((f) => [f.text, f.severity]), [['-1', 'warning']]);
  });

  it('counts one branch of #if/#else inside a positional initialiser', () => {
    const src = `static struct PyModuleDef d = {
    PyModuleDef_HEAD_INIT, "m",
#ifdef DOCS
    "doc",
#else
    NULL,
#endif
    -1, NULL
};
PyMODINIT_FUNC PyInit_m(void) { return PyModule_Create(&d); }
`;
    assert.deepEqual(analyzeSource(src, 'c', 'negative-m-size').map((f) => f.line), [8]);
  });

  it('is never fixable on a module whose init is built by a macro', () => {
    const src = 'static struct PyModuleDef d = { PyModuleDef_HEAD_INIT, "m", NULL, -1, NULL };\n#define INIT(n) PyMODINIT_FUNC PyInit_##n(void) { return PyModule_Create(&d); }\nINIT(m)\n';
    assert.deepEqual(analyzeSource(src, 'c', 'negative-m-size').map((f) => f.fixable), [false]);
  });

  it('says nothing about a def no init uses and without slots', () => {
    assert.deepEqual(analyzeSource('static struct PyModuleDef d = { PyModuleDef_HEAD_INIT, "m", NULL, -1, NULL };\n'), []);
  });
});
