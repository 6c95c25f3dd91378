import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { Query } from 'web-tree-sitter';
import { GRAMMAR_VERSIONS } from '../../server/src/core/grammars';
import { getLanguage, initParser } from '../../server/src/core/parser';
import { listQueries, querySource } from '../../server/src/core/queries';

describe('tree-sitter queries', () => {
  before(() => initParser());

  it('ships at least the queries the analysis uses', () => {
    for (const name of ['calls', 'returns']) assert.ok(listQueries().includes(name), name);
  });

  for (const lang of ['c', 'cpp'] as const) {
    it(`every query compiles strictly for ${lang}`, () => {
      for (const name of listQueries()) {
        // new Query throws on any unknown node type, field or syntax error.
        const q = new Query(getLanguage(lang), querySource(name));
        assert.ok(q.captureNames.length > 0, `${name} captures something`);
        q.delete();
      }
    });
  }

  it('the grammar versions recorded in core/grammars.ts are the ones pinned and installed', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> };
    for (const [name, version] of Object.entries(GRAMMAR_VERSIONS)) {
      assert.equal(manifest.devDependencies[name], version, `package.json pins ${name}`);
      const installed = JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string };
      assert.equal(installed.version, version, `installed ${name}`);
    }
  });
});
