// A Python 3 flag the project's own header defines (text/py3Flag.ts): the
// conversion goes by the arms and says so in one note.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertText, initParser } from '../../support/convertFixture';
import { DEFAULT_CONVERSION_OPTIONS } from '../../../server/src/core/convert/options';

const FIXTURES = join(__dirname, '..', '..', '..', 'test-fixtures', 'convert');
const INPUT = readFileSync(join(FIXTURES, 'py3_flag_header', 'input.c'), 'utf8');
const HELPER = readFileSync(join(FIXTURES, 'helper_py3_flag', 'input.c'), 'utf8');

describe('a Python 3 flag from the project\'s header', () => {
  before(() => initParser());

  it('converts the init split on it and states the assumption', () => {
    const { output, results } = convertText(INPUT, 'c');
    assert.equal(results.length, 1);
    const result = results[0]!;
    assert.ok(result.ok);
    assert.ok(result.notes?.includes('PY3K is taken to be defined for Python 3, as its arms show; it is defined outside this file.'), String(result.notes));
    assert.ok(output.includes('PyInit_py3_flag_header(void)\n{\n    return PyModuleDef_Init(&py3_flag_header_def);'));
    assert.ok(!output.includes('initpy3_flag_header') && !output.includes('Py_InitModule3'));
  });

  it('says the macro is taken as undefined when the Python 3 init sits under #ifndef', () => {
    const text = INPUT.replace(/PY3K/g, 'PY2_ONLY').replace(/#ifdef PY2_ONLY/g, '#ifndef PY2_ONLY');
    const result = convertText(text, 'c').results[0]!;
    assert.ok(result.ok);
    assert.ok(result.notes?.includes('PY2_ONLY is taken to be not defined for Python 3, as its arms show; it is defined outside this file.'), String(result.notes));
  });

  it('converts a helper whose other caller is the Python 2 init under the flag, and names the flag in the notes', () => {
    const result = convertText(HELPER, 'c').results[0]!;
    assert.ok(result.ok, JSON.stringify(result));
    const python2 = result.notes?.filter((n) => n.startsWith('Python 2:')) ?? [];
    assert.equal(python2.length, 2, String(result.notes));
    assert.ok(python2.every((n) => n.includes('IS_PY3')), String(python2));
  });

  it('keeps a Python 2 init with keepPython2 when the flag decides the arms', () => {
    for (const input of [INPUT, HELPER]) {
      const { output, results } = convertText(input, 'c', { ...DEFAULT_CONVERSION_OPTIONS, keepPython2: true });
      assert.ok(results[0]!.ok);
      assert.match(output, /\n(initpy3_flag_header|inithelper_py3_flag)\(void\)\n\{\n    PyObject \*m = Py_InitModule3\(/);
      assert.ok(results[0]!.ok && !results[0]!.notes?.some((n) => n.includes('no Python 2 init kept')), String(results[0]!.ok && results[0]!.notes));
    }
  });
});
