// #if lines inside a PyModuleDef initialiser (convert/msize.ts): an m_size
// chosen per version arm is read for the supported versions and rewritten
// whole; any other group is refused, by code.
import assert from 'node:assert/strict';
import { convert, moduleWith, refusalOf } from './helpers';
import { initParser } from '../../support/convertFixture';

/** A def whose fields between m_doc and m_methods are `middle`; the init keeps a static (so m_size -1 means replay). */
function withDef(middle: string): string {
  const def = `static struct PyModuleDef spam_def = {\n    PyModuleDef_HEAD_INIT,\n    "spam",\n    NULL,\n${middle}    spam_methods,\n    NULL\n};\n`;
  return `static PyObject *kept;\n${moduleWith('    kept = PyLong_FromLong(1);\n    return PyModule_Create(&spam_def);', def)}`;
}

const BY_VERSION = '#if PY_VERSION_HEX >= 0x030D0000\n    0,  /* m_size: new */\n#else\n    -1, /* m_size: old */\n#endif\n';

describe('conversion: #if lines inside the PyModuleDef initialiser', () => {
  before(() => initParser());

  it('replays an m_size that is -1 on some supported versions, writes one size line and says what differs', () => {
    const { result, output } = convert(withDef(BY_VERSION));
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.policy, 'replay');
    assert.match(output, /NULL,\n {4}0, {2}\/\* m_size: new \*\/\n {4}spam_methods,\n {4}spam_slots\n/);
    assert.doesNotMatch(output, /0x030D0000|m_size: old/);
    assert.ok(result.notes?.some((n) => n.startsWith("m_size: the original chose it with '#if PY_VERSION_HEX >= 0x030D0000'")), result.notes?.join('\n'));
  });

  it('takes only the arms the minimum Python compiles: from 3.13 the size is 0 and the group stays', () => {
    const { result, output } = convert(withDef(BY_VERSION), { minimumPythonVersion: '3.13' });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.policy, 'never');
    assert.ok(output.includes(BY_VERSION));
    assert.ok(!result.notes?.some((n) => n.startsWith('m_size:')), result.notes?.join('\n'));
  });

  it('makes the first arm 0 when every arm is negative, and says nothing about versions', () => {
    const { result, output } = convert(withDef('#ifdef SOMETHING\n    -1,\n#else\n    (Py_ssize_t)-1,\n#endif\n'));
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(output, /NULL,\n {4}0,\n {4}spam_methods,/);
    assert.ok(!result.notes?.some((n) => n.startsWith('m_size:')), result.notes?.join('\n'));
  });

  it('refuses an arm whose size it cannot evaluate', () => {
    assert.deepEqual(refusalOf(withDef('#ifdef SOMETHING\n    -1,\n#else\n    SIZE_FROM_BUILD,\n#endif\n')), ['m-size-unknown']);
  });

  it('refuses other fields chosen by #if, arms of different sizes, nested groups and a group without #else', () => {
    const docByFlag = withDef('    -1,\n').replace('    NULL,\n    -1,', '#ifdef DOCS\n    "doc",\n#else\n    NULL,\n#endif\n    -1,');
    assert.deepEqual(refusalOf(docByFlag), ['def-preprocessor']);
    const shapes = [
      '    -1,\n#ifdef EXTRA\n    spam_methods,\n#else\n    NULL,\n#endif\n',
      '#ifdef A\n    -1,\n#else\n    -1, spam_methods,\n#endif\n',
      '#ifdef A\n#ifdef B\n    -1,\n#else\n    0,\n#endif\n#else\n    -1,\n#endif\n',
      '#ifdef A\n    0,\n#endif\n    -1,\n',
      '#ifdef A\n    sizeof(int),\n#else\n    -1,\n#endif\n',
    ];
    for (const middle of shapes) assert.ok(refusalOf(withDef(middle)).includes('def-preprocessor'), middle);
  });
});
