import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { GRAMMAR_VERSIONS } from '../../server/src/core/grammars';

describe('tree-sitter grammars', () => {
  it('the grammar versions recorded in core/grammars.ts are the ones pinned and installed', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> };
    for (const [name, version] of Object.entries(GRAMMAR_VERSIONS)) {
      assert.equal(manifest.devDependencies[name], version, `package.json pins ${name}`);
      const installed = JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string };
      assert.equal(installed.version, version, `installed ${name}`);
    }
  });
});
