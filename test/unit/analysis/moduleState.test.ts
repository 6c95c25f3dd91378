// The state analysis on small inline modules: what it lists, where, and the
// summary it draws (none / immutable-after-init / mutable / unknown).
import assert from 'node:assert/strict';
import { buildModel } from '../../../server/src/core/analysis/buildModel';
import { analyzeModuleState, describeModuleState, type ModuleState } from '../../../server/src/core/analysis/moduleState';
import { initParser, parseText } from '../../../server/src/core/parser';

function stateOf(source: string, lang: 'c' | 'cpp' = 'c'): ModuleState {
  const tree = parseText(source, lang);
  const model = buildModel(source, tree, lang);
  try {
    const module = model.modules.find((m) => m.phase === 'single');
    assert.ok(module, 'no single-phase module in the test source');
    return analyzeModuleState(model, module);
  } finally {
    model.dispose();
    tree.delete();
  }
}

const DEF = (size = '-1', extra = ''): string => `static struct PyModuleDef spam_def = {PyModuleDef_HEAD_INIT, "spam", NULL, ${size}, NULL${extra}};\n`;
const init = (body: string): string => `PyMODINIT_FUNC\nPyInit_spam(void)\n{\n    PyObject *m = PyModule_Create(&spam_def);\n    if (m == NULL) return NULL;\n${body}    return m;\n}\n`;

describe('module state analysis', () => {
  before(() => initParser());

  it('finds nothing in a stateless module, and says the claim covers this file only', () => {
    const state = stateOf(`#include <Python.h>\nstatic const char *greeting = "hi";\nstatic int counter;\n${DEF('0')}${init('')}`);
    assert.equal(state.summary, 'none');
    assert.deepEqual(state.items, []);
    assert.match(describeModuleState(state), /this file only/);
  });

  it('an exception object created in init is immutable after init, with its declaration span', () => {
    const source = `#include <Python.h>\nstatic PyObject *SpamError;\n${DEF()}${init('    SpamError = PyErr_NewException("spam.error", NULL, NULL);\n')}`;
    const state = stateOf(source);
    assert.equal(state.summary, 'immutable-after-init');
    assert.equal(state.items.length, 1);
    const item = state.items[0]!;
    assert.equal(item.kind, 'static');
    assert.equal(source.slice(item.span.start, item.span.end), '*SpamError');
    assert.match(item.description, /written in PyInit_spam\(\)/);
  });

  it('a static written by a method (or by Py_CLEAR) is mutable', () => {
    const source = `#include <Python.h>\nstatic PyObject *cache;\nstatic PyObject *reset(PyObject *self, PyObject *unused) { Py_CLEAR(cache); Py_RETURN_NONE; }\n${DEF()}${init('    cache = PyDict_New();\n')}`;
    const state = stateOf(source);
    assert.equal(state.summary, 'mutable');
    assert.match(state.items[0]!.description, /reset\(\)/);
  });

  it('a static whose address is taken counts as mutable', () => {
    const state = stateOf(`#include <Python.h>\nstruct table { int n; };\nstatic struct table tab;\nstatic void fill(struct table *t) { t->n = 1; }\n${DEF()}${init('    fill(&tab);\n')}`);
    assert.equal(state.summary, 'mutable');
    assert.match(state.items[0]!.description, /address is taken/);
  });

  it('lists static types, the module kept in a static, PyState use and filling calls', () => {
    const source = `#include <Python.h>
static PyTypeObject CounterType = {PyVarObject_HEAD_INIT(NULL, 0) "spam.Counter"};
static PyObject *the_module;
static PyObject *get(PyObject *self, PyObject *unused) { PyObject *m = PyState_FindModule(&spam_def); return Py_BuildValue("O", m); }
${DEF()}PyMODINIT_FUNC
PyInit_spam(void)
{
    PyObject *m;
    if (PyType_Ready(&CounterType) < 0) return NULL;
    import_array();
    m = PyModule_Create(&spam_def);
    if (m == NULL) return NULL;
    the_module = m;
    return m;
}
`;
    const state = stateOf(source);
    const kinds = state.items.map((i) => `${i.kind}:${i.name}`);
    assert.ok(kinds.includes('static-type:CounterType'), kinds.join(', '));
    assert.ok(kinds.includes('module-in-static:the_module'), kinds.join(', '));
    assert.ok(kinds.some((k) => k.startsWith('pystate:PyState_FindModule')), kinds.join(', '));
    assert.ok(kinds.includes('filling-call:import_array'), kinds.join(', '));
    assert.equal(state.summary, 'mutable');
  });

  it('a function-static written only in init is immutable after init; PyCapsule_Import into a static is a filling call', () => {
    const source = `#include <Python.h>\nstatic void *api;\n${DEF()}${init('    static PyObject *once;\n    once = PyLong_FromLong(1);\n    api = PyCapsule_Import("other._C_API", 0);\n')}`;
    const state = stateOf(source);
    const kinds = state.items.map((i) => `${i.kind}:${i.name}`);
    assert.ok(kinds.includes('static:once'), kinds.join(', '));
    assert.ok(kinds.includes('filling-call:PyCapsule_Import'), kinds.join(', '));
    assert.equal(state.summary, 'immutable-after-init');
  });

  it('m_free releasing a global is listed as teardown touching statics', () => {
    const source = `#include <Python.h>\nstatic PyObject *empty_node;\nstatic void spam_free(void *m) { Py_CLEAR(empty_node); }\n${DEF('-1', ', NULL, NULL, NULL, spam_free')}${init('    empty_node = PyTuple_New(0);\n')}`;
    const state = stateOf(source);
    assert.ok(state.items.some((i) => i.kind === 'teardown' && /m_free spam_free\(\) touches 'empty_node'/.test(i.description)));
    assert.equal(state.summary, 'mutable');
  });

  it('a parameter or local shadowing a static is not a write to it', () => {
    const state = stateOf(`#include <Python.h>\nstatic PyObject *value;\nstatic PyObject *f(PyObject *value, PyObject *x) { value = x; return x; }\nstatic PyObject *g(PyObject *s, PyObject *x) { PyObject *value; value = x; return value; }\n${DEF('0')}${init('')}`);
    assert.equal(state.summary, 'none');
  });

  it('a call from init to a function defined in another file makes the state unknown, and names it', () => {
    const source = `#include <Python.h>\nextern int add_errors(PyObject *m);\n${DEF()}${init('    if (add_errors(m) < 0) return NULL;\n')}`;
    const state = stateOf(source);
    assert.equal(state.summary, 'unknown');
    assert.equal(state.items.length, 1);
    const item = state.items[0]!;
    assert.equal(item.kind, 'external-call');
    assert.equal(source.slice(item.span.start, item.span.end), 'add_errors(m)');
    assert.match(describeModuleState(state), /unknown, treated as kept: calls add_errors\(\) in PyInit_spam\(\), defined in another file/);
  });

  it('an external call reached through a same-file helper counts; a method calling one does not', () => {
    const viaHelper = stateOf(`#include <Python.h>\nextern void setup(void);\nstatic int prepare(PyObject *m) { setup(); return 0; }\n${DEF()}${init('    prepare(m);\n')}`);
    assert.deepEqual(viaHelper.items.map((i) => `${i.kind} ${i.name}`), ['external-call setup']);
    const fromMethod = stateOf(`#include <Python.h>\nextern long compute(long);\nstatic PyObject *f(PyObject *s, PyObject *x) { return PyLong_FromLong(compute(1)); }\n${DEF('0')}${init('')}`);
    assert.equal(fromMethod.summary, 'none');
  });

  it('C API, standard C, macros defined in this file and function pointers passed in keep the state known', () => {
    const source = `#include <Python.h>
#include <string.h>
#define ADD_INT(m, n, v) PyModule_AddIntConstant(m, n, v)
static int run(PyObject *m, int (*hook)(PyObject *)) { return hook(m); }
${DEF('0')}${init('    char buf[8];\n    memset(buf, 0, sizeof buf);\n    snprintf(buf, sizeof buf, "%d", 1);\n    ADD_INT(m, "A", 1);\n    _PyObject_GC_UNTRACK(m);\n    if (strlen(buf) > 9 || !isdigit(toupper(buf[0]))) abort();\n')}`;
    assert.equal(stateOf(source).summary, 'none');
  });

  it('a static written after init still reads mutable when an external call is also listed', () => {
    const state = stateOf(`#include <Python.h>\nextern void setup(void);\nstatic PyObject *cache;\nstatic PyObject *reset(PyObject *self, PyObject *unused) { Py_CLEAR(cache); Py_RETURN_NONE; }\n${DEF()}${init('    setup();\n')}`);
    assert.equal(state.summary, 'mutable');
    assert.ok(state.items.some((i) => i.kind === 'external-call'));
  });
});
