import assert from 'node:assert/strict';
import { initParser } from '../../../server/src/core/parser';
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
