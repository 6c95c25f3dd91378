// Every fixture under test-fixtures/check declares its findings beside it in
// `<file>.expected.json`; the analysis must report exactly those, no more, no
// fewer. `fixable` is compared where the expectation states it (it is left
// out where it depends on whether the converter accepts the module).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/core/analyze';
import { languageForPath } from '../../server/src/core/grammars';
import { initParser } from '../../server/src/core/parser';
import { LineIndex } from '../../server/src/core/text/lines';

const FIXTURES = join(__dirname, '..', '..', 'test-fixtures', 'check');

interface Expected {
  line: number;
  column: number;
  code: string;
  severity: string;
  fixable?: boolean;
}

const sources = readdirSync(FIXTURES)
  .filter((name) => languageForPath(name) !== undefined)
  .sort();

describe('check fixtures', () => {
  before(() => initParser());

  it('has at least 25 fixtures, each with declared expectations', () => {
    assert.ok(sources.length >= 25, `only ${sources.length} fixtures`);
    for (const name of sources) assert.ok(existsSync(join(FIXTURES, `${name}.expected.json`)), `${name}.expected.json is missing`);
  });

  for (const name of sources) {
    it(name, () => {
      const text = readFileSync(join(FIXTURES, name), 'utf8');
      const expected = JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as Expected[];
      const { findings } = analyzeText(text, languageForPath(name)!);
      const lines = new LineIndex(text);
      const actual = findings.map((f, i) => {
        const at = lines.positionAt(f.span.start);
        const row: Expected = { line: at.line + 1, column: at.character + 1, code: f.code, severity: f.severity };
        if (expected[i]?.fixable !== undefined) row.fixable = f.fixable;
        return row;
      });
      assert.deepEqual(actual, expected);
    });
  }
});
