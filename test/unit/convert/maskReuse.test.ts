// A mask is handed on (maskOf) instead of computed again only when it is the
// mask of the very text asked about: the results must be those of masking
// again, and a mask of another text must never be used.
import assert from 'node:assert/strict';
import { settlePython2, type Python2Facts } from '../../../server/src/core/convert/python2';
import { initParser } from '../../../server/src/core/parser';
import { codeMask, maskOf } from '../../../server/src/core/text/codeMask';
import { convert } from './helpers';

/** A converted file that still holds the Python 2 init in an arm Python 2 compiles. */
const AFTER = `#include <Python.h>
/* "a comment with { braces" */
static int spam_exec(PyObject *m) { return 0; }
#if PY_MAJOR_VERSION >= 3
PyMODINIT_FUNC PyInit_spam(void) { return PyModuleDef_Init(&spam_def); }
#else
PyMODINIT_FUNC initspam(void) { Py_InitModule("spam", NULL); }
#endif
`;

const FACTS: Python2Facts = {
  moduleName: 'spam',
  before: AFTER.replace('return PyModuleDef_Init(&spam_def);', 'return PyModule_Create(&spam_def);'),
  initText: 'PyMODINIT_FUNC PyInit_spam(void) { return PyModule_Create(&spam_def); }',
  flags: new Map(),
};

describe('conversion: a mask computed once is handed on', () => {
  before(async () => initParser());

  it('maskOf takes the known mask only for the same text, however that string was built', () => {
    const text = AFTER;
    const rebuilt = AFTER.slice(0, 10) + AFTER.slice(10);
    assert.equal(maskOf(rebuilt, { text, mask: codeMask(text) }), codeMask(rebuilt));
    // A known mask of another text is never used: a bogus one shows it.
    const other = { text: `${AFTER} `, mask: 'x'.repeat(AFTER.length + 1) };
    assert.equal(maskOf(AFTER, other), codeMask(AFTER));
    assert.equal(maskOf(AFTER), codeMask(AFTER));
  });

  it('settlePython2 gives the same result with the verified mask, without it, and with one of another text', () => {
    const plain = settlePython2(AFTER, FACTS, false);
    assert.doesNotMatch(plain.text, /initspam/, 'the Python 2 arm is removed, so the mask was read');
    assert.deepEqual(settlePython2(AFTER, { ...FACTS, verified: { text: AFTER, mask: codeMask(AFTER) } }, false), plain);
    assert.deepEqual(settlePython2(AFTER, { ...FACTS, verified: { text: 'int x;', mask: 'int x;' } }, false), plain);
  });

  it('a conversion result does not carry the verified text out of the converter', () => {
    const { result } = convert(FACTS.before.replace('#include <Python.h>\n', '#include <Python.h>\nstatic struct PyModuleDef spam_def = {PyModuleDef_HEAD_INIT, "spam", NULL, -1, NULL};\n'));
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal('verified' in result, false);
  });
});
