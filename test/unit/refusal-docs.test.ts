import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { REFUSAL_CODES, REFUSALS } from '../../server/src/core/convert/refusalCatalogue';

describe('refusal documentation', () => {
  const doc = readFileSync('docs/refusals.md', 'utf8');
  const rows = new Map([...doc.matchAll(/^\| `([a-z0-9-]+)` \| (.*) \| (.*) \| (.*) \|$/gm)].map((m) => [m[1]!, m.slice(2)]));

  for (const code of REFUSAL_CODES) {
    it(`${code} has a row in docs/refusals.md that matches the catalogue`, () => {
      const row = rows.get(code);
      assert.ok(row, `docs/refusals.md has no row for ${code}`);
      assert.deepEqual(row, [REFUSALS[code].title, REFUSALS[code].protects, REFUSALS[code].userCan]);
    });
  }

  it('documents no code the catalogue does not have', () => {
    assert.deepEqual([...rows.keys()].filter((c) => !(REFUSAL_CODES as string[]).includes(c)), []);
  });

  it('codes are kebab-case and say what to do', () => {
    for (const code of REFUSAL_CODES) {
      assert.match(code, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      assert.ok(REFUSALS[code].userCan.length > 5, `${code}: what the user can do`);
    }
  });
});
