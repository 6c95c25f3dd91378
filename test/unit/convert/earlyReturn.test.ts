// The PyState_FindModule early return at the top of PyInit (convert/earlyReturn.ts):
// removed with a note for m_size -1, refused (state-lookup) for m_size >= 0.
import assert from 'node:assert/strict';
import { convert, moduleWith, refusalOf } from './helpers';
import { initParser } from '../../support/convertFixture';

const EARLY = '    if ((m = PyState_FindModule(&spam_def)) != NULL) {\n        Py_INCREF(m);\n        return m;\n    }\n';
const REST = '    m = PyModule_Create(&spam_def);\n    if (m == NULL)\n        return NULL;\n    return m;';

function withEarly(early: string, size = '-1'): string {
  return moduleWith(`    PyObject *m;\n\n${early}\n${REST}`).replace('    -1,\n', `    ${size},\n`);
}

describe('conversion: the PyState_FindModule early return', () => {
  before(() => initParser());

  it('removes it for m_size -1, says why, and leaves no PyState call', () => {
    const { result, output } = convert(withEarly(EARLY));
    assert.ok(result.ok, JSON.stringify(result));
    assert.doesNotMatch(output, /PyState_FindModule/);
    assert.ok(result.notes?.some((n) => n.startsWith('PyState_FindModule: the early return at the top of PyInit_spam')), result.notes?.join('\n'));
  });

  it('reads the spellings of the test and the return', () => {
    const spellings = [
      '    if ((m = PyState_FindModule(&spam_def)))\n        return Py_NewRef(m);\n',
      '    if (NULL != (m = PyState_FindModule(&spam_def))) { Py_XINCREF(m); return m; }\n',
      '#ifndef PYPY_VERSION\n    /* not on PyPy */\n    if ((m = PyState_FindModule(&spam_def)) != NULL) {\n        Py_INCREF(m);\n        return m;\n    }\n#endif\n',
    ];
    for (const early of spellings) {
      const { result, output } = convert(withEarly(early));
      assert.ok(result.ok, `${early}\n${JSON.stringify(result)}`);
      assert.doesNotMatch(output, /PyState_FindModule|PYPY_VERSION|not on PyPy/, early);
    }
  });

  it('refuses it for m_size >= 0, where single-phase init ran again and handed the earlier module back', () => {
    assert.deepEqual(refusalOf(withEarly(EARLY, '0')), ['state-lookup']);
    assert.deepEqual(refusalOf(withEarly(EARLY, 'sizeof(int)')), ['state-lookup']);
  });

  it('keeps treating other uses of the lookup in the init as lookups', () => {
    const other = '    if ((m = PyState_FindModule(&spam_def)) != NULL) {\n        PyModule_AddIntConstant(m, "again", 1);\n        return m;\n    }\n';
    assert.ok(refusalOf(withEarly(other)).includes('module-reassigned'));
  });
});
