import assert from 'node:assert/strict';
import { initParser } from '../../../server/src/core/parser';
import { analyzeText } from '../../../server/src/core/analyze';
import { convert, refusalOf } from './helpers';

/**
 * A C++ module whose init declares its module variable with `decl` (which
 * must end in `m`), optionally inside an `extern "C"` block.
 */
function cppModule(decl: string, externC = false): string {
  return `#include <Python.h>

static struct PyModuleDef auto_def = {
    PyModuleDef_HEAD_INIT, "autom", nullptr, -1, nullptr
};
${externC ? '\nextern "C" {' : ''}
PyMODINIT_FUNC
PyInit_autom(void)
{
    ${decl} = PyModule_Create(&auto_def);
    if (m == nullptr)
        return nullptr;
    if (PyModule_AddIntConstant(m, "A", 1) < 0) {
        Py_DECREF(m);
        return nullptr;
    }
    return m;
}
${externC ? '} // extern "C"\n' : ''}`;
}

describe('conversion: C++ `auto` module variable', () => {
  before(() => initParser());

  it('converts `auto m = PyModule_Create(...)`: the deduced type is exec\'s PyObject *', () => {
    const { result, output } = convert(cppModule('auto m'), {}, 'cpp');
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(output, /static int\nautom_exec\(PyObject \*m\)\n\{\n    if \(PyModule_AddIntConstant\(m, "A", 1\) < 0\) \{\n        return -1;\n    \}\n    return 0;\n\}/);
    assert.doesNotMatch(output, /auto m/);
  });

  it('converts `auto *m` and a `(PyObject *)` cast of the call', () => {
    const source = cppModule('auto *m').replace('= PyModule_Create(&auto_def)', '= (PyObject *)PyModule_Create(&auto_def)');
    const { result } = convert(source, {}, 'cpp');
    assert.ok(result.ok, JSON.stringify(result));
  });

  it('refuses `auto` that would deduce another type or carries a qualifier', () => {
    const cast = cppModule('auto m').replace('= PyModule_Create(&auto_def)', '= (void *)PyModule_Create(&auto_def)');
    assert.deepEqual(refusalOf(cast, 'cpp'), ['module-variable-type']);
    assert.deepEqual(refusalOf(cppModule('const auto m'), 'cpp'), ['module-variable-type']);
  });
});

describe('conversion: C++ extern "C" block', () => {
  before(() => initParser());

  it('puts exec before an extern "C" block that holds only the init', () => {
    const { result, output } = convert(cppModule('PyObject *m', true), {}, 'cpp');
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(output, /    return 0;\n\}\n\nextern "C" \{\nPyMODINIT_FUNC\nPyInit_autom\(void\)\n\{\n    return PyModuleDef_Init\(&auto_def\);\n\}\n\} \/\/ extern "C"\n$/);
  });
});

describe('C++ modules made by an object of a class', () => {
  before(() => initParser());

  const DEF = 'static PyModuleDef obj_def = { PyModuleDef_HEAD_INIT, "objm", nullptr, -1, nullptr };\n';
  const INIT = 'extern "C" PyMODINIT_FUNC PyInit_objm(void) { return make(); }\n';

  it('refuses (creation-in-class) a class of the file that a helper of the init uses', () => {
    const source = `#include <Python.h>\nnamespace w {\nclass Holder {\n    PyObject *p;\npublic:\n    explicit Holder(PyModuleDef &d) : p(PyModule_Create(&d)) {}\n    PyObject *get() const { return p; }\n};\n}\n${DEF}static PyObject *make() { w::Holder h(obj_def); return h.get(); }\n${INIT}`;
    assert.deepEqual(refusalOf(source, 'cpp'), ['creation-in-class']);
  });

  it('refuses (creation-in-class) an object of a class from a header, built from the def, whose pointer the helper returns', () => {
    const source = `#include <Python.h>\n#include "holder.h"\n${DEF}static PyObject *make() {\n    try {\n        Holder h{obj_def};\n        return h.release();\n    } catch (...) {\n        return nullptr;\n    }\n}\n${INIT}`;
    assert.deepEqual(refusalOf(source, 'cpp'), ['creation-in-class']);
  });

  it('says nothing when the object is not what the function returns', () => {
    const source = `#include <Python.h>\n#include "holder.h"\n${DEF}static PyObject *make() { Logger log(obj_def); return Py_None; }\n${INIT}`;
    assert.deepEqual(analyzeText(source, 'cpp').findings.filter((f) => f.code === 'single-phase-init'), []);
  });
});

describe('conversion: state the analysis misses but the body rewrite sees', () => {
  before(() => initParser());

  it('a static written through a C++ member call is named as process-wide state, never beside "no process-wide state found"', () => {
    const source = `#include <Python.h>\n#include <vector>\nstatic std::vector<int> seen;\nstatic struct PyModuleDef def = {\n    PyModuleDef_HEAD_INIT, "m", NULL, -1, NULL\n};\nPyMODINIT_FUNC\nPyInit_m(void)\n{\n    PyObject *m = PyModule_Create(&def);\n    if (m == NULL)\n        return NULL;\n    seen.push_back(1);\n    return m;\n}\n`;
    const { result } = convert(source, {}, 'cpp');
    assert.ok(result.ok, JSON.stringify(result));
    const state = result.notes?.find((n) => n.startsWith('State:'));
    assert.match(state ?? '', /^State: the init writes static seen, kept as process-wide state \(this covers this file only/);
    assert.doesNotMatch(state ?? '', /no process-wide state found/);
  });
});
