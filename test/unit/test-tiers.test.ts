// `npm run test:fast` leaves out exactly the tests that run a compiler or
// a CPython; anything else belongs in the fast tier, so a new compile test
// cannot slip into it and a new quick test cannot be left out of it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function testFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('test tiers', () => {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

  it('test:fast ignores the compiler and interpreter tests, and only those', () => {
    const ignore = /--ignore "test\/integration\/\{([^}]*)\}\.test\.ts"/.exec(scripts['test:fast'] ?? '');
    assert.ok(ignore, `test:fast has one --ignore list: ${scripts['test:fast']}`);
    const ignored = ignore[1]!.split(',').map((name) => `test/integration/${name}.test.ts`).sort();
    const builds = [...testFiles('test/unit'), ...testFiles('test/integration')]
      .filter((file) => /\b(compileExtension|discoverPythons|runFixtureChecks)\(/.test(readFileSync(join(ROOT, file), 'utf8')))
      .map((file) => relative(ROOT, join(ROOT, file)))
      .sort();
    assert.deepEqual(ignored, builds);
  });

  it('npm test runs every unit and integration test, test:fast the same globs', () => {
    for (const script of ['test', 'test:fast']) {
      assert.match(scripts[script]!, /mocha "test\/unit\/\*\*\/\*\.test\.ts" "test\/integration\/\*\*\/\*\.test\.ts"/, script);
    }
    assert.match(scripts.test!, /npm run typecheck/);
  });
});
