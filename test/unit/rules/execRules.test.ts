import assert from 'node:assert/strict';
import { initParser } from '../../../server/src/core/parser';
import { analyzeSource, multiPhaseModule } from './analyzeSource';

describe('rules on Py_mod_exec functions', () => {
  before(() => initParser());

  describe('exec-decrefs-module', () => {
    it('reports Py_DECREF, Py_XDECREF and Py_CLEAR of the module argument, not of other objects', () => {
      const body = '    PyObject *o = PyLong_FromLong(1);\n    Py_DECREF(o);\n    if (!o) { Py_DECREF(module); return -1; }\n    Py_XDECREF((PyObject *)module);\n    Py_CLEAR(module);\n    return 0;';
      const found = analyzeSource(multiPhaseModule(body), 'c', 'exec-decrefs-module');
      assert.deepEqual(found.map((f) => f.text), ['Py_DECREF(module)', 'Py_XDECREF((PyObject *)module)', 'Py_CLEAR(module)']);
      assert.ok(found.every((f) => f.severity === 'error'));
    });

    it('is fixable only when the whole statement can be dropped', () => {
      const body = '    if (x) Py_DECREF(module);\n    if (y) { Py_DECREF(module); }\n    return 0;\nerror:\n    Py_XDECREF(module);\n    return -1;';
      const found = analyzeSource(multiPhaseModule(body), 'c', 'exec-decrefs-module');
      assert.deepEqual(found.map((f) => f.fixable), [false, true, true]);
    });

    it('ignores functions that are not exec slots', () => {
      const src = 'static PyObject *helper(PyObject *module) { Py_DECREF(module); return NULL; }\n';
      assert.deepEqual(analyzeSource(src), []);
    });
  });

  describe('exec-returns-pointer', () => {
    it('reports NULL, the module and pointer locals, not 0 and -1', () => {
      const body = '    PyObject *p = NULL;\n    if (a) return NULL;\n    if (b) return module;\n    if (c) return p;\n    if (d) return -1;\n    return 0;';
      const found = analyzeSource(multiPhaseModule(body), 'c', 'exec-returns-pointer');
      assert.deepEqual(found.map((f) => f.text), ['NULL', 'module', 'p']);
      assert.ok(found.every((f) => !f.fixable && f.severity === 'error'));
    });

    it('reports an exec declared to return a pointer once, on its name', () => {
      const src = multiPhaseModule('    return module;').replace('static int\nt_exec', 'static PyObject *\nt_exec');
      assert.deepEqual(analyzeSource(src, 'c', 'exec-returns-pointer').map((f) => f.text), ['t_exec']);
    });

    it('ignores returns of a C++ lambda inside exec', () => {
      const body = '    auto find = [&]() -> PyObject * { return nullptr; };\n    (void)find;\n    return 0;';
      const src = multiPhaseModule(body).replace('{Py_mod_exec, t_exec}', '{Py_mod_exec, (void *)t_exec}');
      assert.deepEqual(analyzeSource(src, 'cpp', 'exec-returns-pointer'), []);
    });

    it('reports nullptr in C++', () => {
      const found = analyzeSource(multiPhaseModule('    return nullptr;').replace('{Py_mod_exec, t_exec}', '{Py_mod_exec, (void *)t_exec}'), 'cpp', 'exec-returns-pointer');
      assert.deepEqual(found.map((f) => f.text), ['nullptr']);
    });
  });

  describe('import-macro-in-exec', () => {
    it('reports import_array(), import_umath() (even without a semicolon) and import_ufunc(), fixable', () => {
      const body = '    import_array();\n    import_umath()\n    import_ufunc();\n    import_array1(-1);\n    return 0;';
      const found = analyzeSource(multiPhaseModule(body), 'c', 'import-macro-in-exec');
      assert.deepEqual(found.map((f) => [f.text, f.fixable]), [['import_array()', true], ['import_umath()', true], ['import_ufunc()', true]]);
      assert.match(found[2]!.message, /import_umath1\(-1\)/);
    });

    it('leaves import_array() in a single-phase PyInit alone', () => {
      const src = 'static struct PyModuleDef d = { PyModuleDef_HEAD_INIT, "m", NULL, 0, NULL };\nPyMODINIT_FUNC PyInit_m(void) { import_array(); return PyModule_Create(&d); }\n';
      assert.deepEqual(analyzeSource(src, 'c', 'import-macro-in-exec'), []);
    });
  });
});
