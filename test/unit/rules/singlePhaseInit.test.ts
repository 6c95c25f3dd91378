import assert from 'node:assert/strict';
import { initParser } from '../../../server/src/core/parser';
import { analyzeSource } from './analyzeSource';

const DEF = 'static struct PyModuleDef d = { PyModuleDef_HEAD_INIT, "m", NULL, 0, NULL };\n';

describe('rule single-phase-init', () => {
  before(() => initParser());

  it('reports the creation call of PyInit_x, with the def as related information', () => {
    const found = analyzeSource(`${DEF}PyMODINIT_FUNC PyInit_m(void) { return PyModule_Create(&d); }\n`, 'c', 'single-phase-init');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.text, 'PyModule_Create(&d)');
    assert.equal(found[0]!.severity, 'warning');
  });

  it('reports PyModule_Create2 and a chained global assignment', () => {
    const src = `${DEF}static PyObject *g;\nPyMODINIT_FUNC PyInit_m(void) { PyObject *m; m = g = PyModule_Create2(&d, PYTHON_API_VERSION); return m; }\n`;
    assert.deepEqual(analyzeSource(src, 'c', 'single-phase-init').map((f) => f.text), ['PyModule_Create2(&d, PYTHON_API_VERSION)']);
  });

  it('reports each of several modules in one file', () => {
    const src = `${DEF}static struct PyModuleDef e = { PyModuleDef_HEAD_INIT, "n", NULL, 0, NULL };
PyMODINIT_FUNC PyInit_m(void) { return PyModule_Create(&d); }
PyMODINIT_FUNC PyInit_n(void) { return PyModule_Create(&e); }
`;
    assert.deepEqual(analyzeSource(src, 'c', 'single-phase-init').map((f) => f.line), [3, 4]);
  });

  it('follows `return helper();` delegation into the helper', () => {
    const src = `${DEF}static PyObject *make(void) { return PyModule_Create(&d); }\nPyMODINIT_FUNC PyInit_m(void) { return make(); }\n`;
    const found = analyzeSource(src, 'c', 'single-phase-init');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /through make\(\)/);
  });

  it('reports the creation of the module itself when the init also builds a sub-module first', () => {
    const src = `static struct PyModuleDef sub_def = { PyModuleDef_HEAD_INIT, "pkg.sub" };
static struct PyModuleDef pkg_def = { PyModuleDef_HEAD_INIT, "pkg" };
PyMODINIT_FUNC PyInit_pkg(void) {
    PyObject *sub = PyModule_Create(&sub_def);
    PyObject *m = PyModule_Create(&pkg_def);
    PyModule_AddObject(m, "sub", sub);
    return m;
}
`;
    assert.deepEqual(analyzeSource(src, 'c', 'single-phase-init').map((f) => f.text), ['PyModule_Create(&pkg_def)']);
  });

  it('follows delegation two calls deep, and never rewrites such an init', () => {
    const src = `${DEF}static PyObject *make(void) { return PyModule_Create(&d); }\nPyMODINIT_FUNC PyInit_m(void) { return make(); }\nPyMODINIT_FUNC PyInit_alias(void) { return PyInit_m(); }\n`;
    const found = analyzeSource(src, 'c', 'single-phase-init');
    assert.deepEqual(found.map((f) => f.message.match(/Module '(\w+)'/)?.[1]), ['m', 'alias']);
    assert.equal(found[1]!.fixable, false);
    assert.match(found[1]!.message, /two calls deep, through PyInit_m\(\) and make\(\)/);
  });

  it('does not report a sub-module helper no PyInit reaches', () => {
    const src = `${DEF}PyObject *make_submodule(void) { return PyModule_Create(&d); }\n`;
    assert.deepEqual(analyzeSource(src), []);
  });

  it('reports an init built whole by a macro as not fixable, with its code', () => {
    const src = `#define INIT(name, def) PyMODINIT_FUNC PyInit_##name(void) { return PyModule_Create(&def); }\n${DEF}INIT(m, d)\n`;
    const [finding] = analyzeSource(src, 'c', 'single-phase-init');
    assert.equal(finding?.fixable, false);
    assert.ok(finding!.refusalCodes.includes('init-from-macro'), finding!.refusalCodes.join());
  });

  it('reports an init named by a macro, and a creation in a macro, as fixable: the macros are expanded in place', () => {
    const named = analyzeSource(`#define INIT(name) PyMODINIT_FUNC PyInit_##name(void)\n${DEF}INIT(m)\n{\n    return PyModule_Create(&d);\n}\n`, 'c', 'single-phase-init');
    assert.deepEqual(named.map((f) => f.fixable), [true]);
    const [made] = analyzeSource(`#define MAKE(v) v = PyModule_Create(&d)\n${DEF}PyMODINIT_FUNC PyInit_m(void) { PyObject *m; MAKE(m); return m; }\n`, 'c', 'single-phase-init');
    assert.equal(made?.text, 'MAKE(m)');
    assert.equal(made?.fixable, true);
    assert.match(made!.message, /inside macro MAKE/);
  });

  it('reports a Python 2 Py_InitModule branch separately, never fixable', () => {
    const src = `${DEF}PyMODINIT_FUNC PyInit_m(void) {
#if PY_MAJOR_VERSION >= 3
    PyObject *m = PyModule_Create(&d);
#else
    PyObject *m = Py_InitModule3("m", NULL, NULL);
#endif
    return m;
}
`;
    const found = analyzeSource(src, 'c', 'single-phase-init');
    assert.deepEqual(found.map((f) => f.line), [4, 6]);
    assert.equal(found[1]!.fixable, false);
    assert.match(found[1]!.message, /Python 2 branch/);
  });

  it('finds a C++ init in extern "C" without (void)', () => {
    const src = `${DEF}extern "C" {\nPyMODINIT_FUNC PyInit_m() { return PyModule_Create(&d); }\n}\n`;
    assert.equal(analyzeSource(src, 'cpp', 'single-phase-init').length, 1);
  });

  it('does not invent modules from comments, strings or prototypes', () => {
    const src = `/* PyMODINIT_FUNC PyInit_a(void) { return PyModule_Create(&d); } */
static const char *s = "PyInit_b(void) { return PyModule_Create(&d); }";
PyMODINIT_FUNC PyInit_c(void);
`;
    assert.deepEqual(analyzeSource(src), []);
  });

  it('is not confused by unparseable macro code around the init', () => {
    const src = `NPY_NO_EXPORT NPY_VISIBILITY_HIDDEN int weird(FOO BAR baz) { CHECK(x) return 1 }
${DEF}PyMODINIT_FUNC PyInit_m(void) {
    PyObject *m;
    BEGIN_BLOCK
    m = PyModule_Create(&d);
    END_BLOCK
    return m;
}
`;
    assert.deepEqual(analyzeSource(src, 'c', 'single-phase-init').map((f) => f.text), ['PyModule_Create(&d)']);
  });

  it('leaves Cython, pybind11 and nanobind sources alone', () => {
    const creation = `${DEF}PyMODINIT_FUNC PyInit_m(void) { return PyModule_Create(&d); }\n`;
    assert.deepEqual(analyzeSource(`/* Generated by Cython 3.0.0 */\n${creation}`), []);
    assert.deepEqual(analyzeSource(`#include <pybind11/pybind11.h>\n${creation}`, 'cpp'), []);
    assert.deepEqual(analyzeSource(`#include <nanobind/nanobind.h>\n${creation}`, 'cpp'), []);
  });
});
