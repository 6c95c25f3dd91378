// A Python 3 flag the project's own header defines (text/py3Flag.ts): the
// conversion goes by the arms and says so in one note.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertText, initParser } from '../../support/convertFixture';

const INPUT = readFileSync(join(__dirname, '..', '..', '..', 'test-fixtures', 'convert', 'py3_flag_header', 'input.c'), 'utf8');

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
});
