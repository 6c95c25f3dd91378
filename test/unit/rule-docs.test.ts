import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { CATALOGUE, RULE_CODES } from '../../server/src/core/rules/catalogue';

describe('rule documentation', () => {
  for (const code of RULE_CODES) {
    it(`${code} has a docs page that matches the catalogue`, () => {
      const page = `docs/rules/${code}.md`;
      assert.ok(existsSync(page), `${page} exists`);
      const text = readFileSync(page, 'utf8');
      assert.match(text, new RegExp(`Default severity: \\*\\*${CATALOGUE[code].defaultSeverity}\\*\\*`));
      assert.ok(text.includes(CATALOGUE[code].docs), 'links the CPython docs');
      assert.match(CATALOGUE[code].docs, /^https:\/\//);
    });
  }

  it('the index lists every rule', () => {
    const index = readFileSync('docs/rules/README.md', 'utf8');
    for (const code of RULE_CODES) assert.ok(index.includes(`(${code}.md)`), code);
  });
});
