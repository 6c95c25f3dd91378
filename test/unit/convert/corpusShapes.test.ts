// Shapes found by the corpus run (F18–F21): a module cached in a static,
// C++ member calls on static objects, helpers taking the def, m_name notes.
import assert from 'node:assert/strict';
import { initParser } from '../../../server/src/core/parser';
import { convert, execOf, moduleWith, refusalOf } from './helpers';

const CACHE_REASON = ['module-cached'];

/** The replay wrapper an m_size -1 module with process-wide state gets. */
const GUARD = /if \(\w+_namespace != (?:NULL|nullptr)\) \{\n\s+return PyDict_Update/;

/** A C++ module: `prelude` at file scope, then an init calling `fill()` after creating the module. */
function cppModule(prelude: string, initExtra = ''): string {
  return `#include <Python.h>
#include <map>
#include <string>
#include <vector>

${prelude}

static PyModuleDef cpp_def = {PyModuleDef_HEAD_INIT, "cppm", nullptr, -1, nullptr};

PyMODINIT_FUNC PyInit_cppm(void)
{
    PyObject *m = PyModule_Create(&cpp_def);
    if (m == nullptr)
        return nullptr;
${initExtra}    fill();
    return m;
}
`;
}

describe('conversion: corpus shapes F18-F21', () => {
  before(() => initParser());

  describe('F21: module cached in a static and returned on re-entry', () => {
    it('refuses a function-local static cache returned with Py_INCREF', () => {
      const source = moduleWith(`    static PyObject *m = NULL;
    if (m != NULL) {
        Py_INCREF(m);
        return m;
    }
    m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    Py_INCREF(m);
    return m;`);
      assert.deepEqual(refusalOf(source), CACHE_REASON);
    });

    it('refuses a file-scope cache returned through Py_NewRef', () => {
      const source = `static PyObject *cached = NULL;\n${moduleWith(`    PyObject *m;
    if (cached)
        return Py_NewRef(cached);
    m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    cached = Py_NewRef(m);
    return m;`)}`;
      assert.deepEqual(refusalOf(source), CACHE_REASON);
    });

    it('refuses a creation made only while the static store is NULL', () => {
      const source = `static PyObject *the_module = NULL;\n${moduleWith(`    if (the_module == NULL) {
        the_module = PyModule_Create(&spam_def);
        if (the_module == NULL)
            return NULL;
    }
    Py_INCREF(the_module);
    return the_module;`)}`;
      assert.deepEqual(refusalOf(source), CACHE_REASON);
    });

    it('still converts the plain global module pointer, INCREF and all, as before', () => {
      const source = `static PyObject *mod_global = NULL;\n${moduleWith(`    PyObject *m;
    m = mod_global = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    return m;`)}`;
      const { result, output } = convert(source);
      assert.ok(result.ok, JSON.stringify(result));
      const exec = execOf(output);
      assert.match(exec, /    Py_INCREF\(m\);\n    mod_global = m;\n/);
      assert.match(output, /static PyObject \*spam_body_module = NULL;/);
      assert.match(exec, /    return 0;\n\}\n$/);
    });

    it('still converts a global assigned inside the NULL test of the creation', () => {
      const source = `static PyObject *mod_global = NULL;\n${moduleWith(`    if ((mod_global = PyModule_Create(&spam_def)) == NULL)
        return NULL;
    return mod_global;`)}`;
      const { result } = convert(source);
      assert.ok(result.ok, JSON.stringify(result));
    });
  });

  describe('F20: C++ member calls on static objects', () => {
    it('adds the guard for push_back on a static vector in a same-file callee', () => {
      const source = cppModule('static std::vector<int> table;\n\nstatic void fill() {\n    for (int i = 0; i < 8; ++i) table.push_back(i);\n}');
      const { result, output } = convert(source, {}, 'cpp');
      assert.ok(result.ok, JSON.stringify(result));
      assert.match(output, GUARD);
      assert.ok(result.ok && result.notes?.some((n) => /static table via fill\(\)/.test(n)), JSON.stringify(result.ok && result.notes));
    });

    it('adds the guard for insert and clear called in the init itself', () => {
      const source = cppModule('static std::map<std::string, int> registry;\nstatic void fill() {}', '    registry.clear();\n    registry.insert({"a", 1});\n');
      const { result, output } = convert(source, {}, 'cpp');
      assert.match(output, GUARD);
      assert.ok(result.ok && result.notes?.some((n) => /static registry/.test(n)), JSON.stringify(result.ok && result.notes));
    });

    it('counts a write through a reference-returning accessor', () => {
      const source = cppModule('static std::vector<int> table(4);\n\nstatic void fill() {\n    table.at(0) = 1;\n}');
      assert.match(convert(source, {}, 'cpp').output, GUARD);
    });

    it('adds no guard for read-only members, locals, parameters and catch variables', () => {
      const source = cppModule(`static const std::vector<int> table = {1, 2};
static void fill() {
    std::vector<int> local;
    local.push_back((int)table.size());
    for (auto &x : local) x += 0;
    try {
        local.reserve(table.empty() ? 0 : 4);
    } catch (const std::exception &e) {
        PyErr_SetString(PyExc_RuntimeError, e.what());
    }
}`);
      const { result, output } = convert(source, {}, 'cpp');
      assert.ok(result.ok, JSON.stringify(result));
      assert.doesNotMatch(output, GUARD);
    });

    it('leaves C function-pointer calls through a struct alone (no guard)', () => {
      const source = `static struct { int (*setup)(void); } ops;\n${moduleWith(`    PyObject *m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    if (ops.setup() < 0)
        return NULL;
    return m;`)}`;
      assert.doesNotMatch(convert(source).output, GUARD);
    });
  });

  describe('F19: helper that takes the def as a parameter', () => {
    const helperFile = (extra: string): string => `#include <Python.h>
${extra}
static struct PyModuleDef one_def = {PyModuleDef_HEAD_INIT, "one", NULL, -1, NULL};
static struct PyModuleDef two_def = {PyModuleDef_HEAD_INIT, "two", NULL, -1, NULL};

static PyObject *
make(PyModuleDef *def)
{
    return PyModule_Create(def);
}

PyMODINIT_FUNC PyInit_one(void) { return make(&one_def); }
PyMODINIT_FUNC PyInit_two(void) { return make(&two_def); }
`;

    it('says the helper gets its PyModuleDef as a parameter and is shared', () => {
      assert.deepEqual(refusalOf(helperFile('')), ['helper-def-parameter']);
    });

    it('puts the PyState_RemoveModule reason first', () => {
      const reasons = refusalOf(helperFile('static int drop(void) { return PyState_RemoveModule(&one_def); }'));
      assert.deepEqual(reasons, ['state-lookup', 'helper-def-parameter']);
    });
  });

  describe('F18: m_name that is not the import name', () => {
    const withName = (name: string): string => moduleWith(`    return PyModule_Create(&spam_def);`).replace('"spam",', `"${name}",`);

    it('notes that __name__ comes from the spec when the last part of m_name differs', () => {
      for (const name of ['_spam', 'pkg.spam_impl']) {
        const { result } = convert(withName(name));
        assert.ok(result.ok);
        assert.equal(result.notes?.at(-1), `__name__: it now comes from the import spec; m_name '${name}' is no longer used for it.`);
      }
    });

    it('gives no note when m_name is the bare PyInit name', () => {
      const { result } = convert(withName('spam'));
      assert.ok(result.ok);
      assert.ok(!result.notes?.some((n) => n.startsWith('__name__')), result.notes?.join('\n'));
    });

    it('notes a dotted m_name ending in the PyInit name: one file cannot tell whether it is the import path', () => {
      // websockets' speedups.c: m_name 'websocket.speedups', imported as websockets.speedups.
      for (const name of ['pkg.spam', 'wrongpkg.spam']) {
        const { result } = convert(withName(name));
        assert.ok(result.ok);
        assert.equal(result.notes?.at(-1), `__name__: it now comes from the import spec; m_name '${name}' was used before, so if that is not the import path, __name__ changes.`);
      }
    });
  });
});

describe('an export macro before PyMODINIT_FUNC', () => {
  before(() => initParser());

  const DEF = 'static struct PyModuleDef vis_def = { PyModuleDef_HEAD_INIT, "vis", NULL, -1, NULL };\n';
  const BODY = '    PyObject *m = PyModule_Create(&vis_def);\n    if (m == NULL)\n        return NULL;\n    if (PyModule_AddIntConstant(m, "one", 1) < 0) {\n        Py_DECREF(m);\n        return NULL;\n    }\n    return m;\n}\n';

  for (const [shape, header] of [
    ['on the same line', 'VIS PyMODINIT_FUNC PyInit_vis(void) {\n'],
    ['on lines of its own', 'VIS\nPyMODINIT_FUNC\nPyInit_vis(void)\n{\n'],
  ] as const) {
    it(`converts the init and keeps the macro on the new PyInit (${shape})`, () => {
      const { result, output } = convert(`#include <Python.h>\n#define VIS __attribute__((visibility("default")))\n${DEF}${header}${BODY}`);
      assert.ok(result.ok);
      const init = output.slice(output.indexOf('VIS', output.indexOf('vis_def = {')));
      assert.match(init, /^VIS\s+PyMODINIT_FUNC\s+PyInit_vis\(void\)\s*\{\s*return PyModuleDef_Init\(&vis_def\);\s*\}\s*$/);
      assert.ok(output.indexOf('static int vis_exec') < output.lastIndexOf('VIS'), 'exec comes before the macro');
    });
  }
});
