// The walker's shortcuts through .gitignore rules (keys, rule subsets) must
// give the `ignore` library's own answer for every path: checked against the
// library on generated rule files and paths, and on the shapes real files hold.
import assert from 'node:assert/strict';
import ignore from 'ignore';
import { enter, ignoredByGit, scopeHere, scopeOf } from '../../server/src/files/gitignore';
import { ruleKey } from '../../server/src/files/ignoreKeys';

/** What the walker decides for `path` (below the rules' folder, or below `head` for rules above the walked root). */
function walkerSays(text: string, head: string, path: string, isDir: boolean): boolean {
  const segments = path.split('/');
  let states = [scopeHere(scopeOf(text, head, 0))];
  for (const folder of segments.slice(0, -1)) states = states.map((s) => enter(s, folder));
  return ignoredByGit(states, segments[segments.length - 1]!, path, isDir);
}

describe('.gitignore keys', () => {
  it('reads the word a rule needs, where it must stand, and the folder it is anchored under', () => {
    assert.deepEqual(ruleKey('*.o'), { word: '\\.o', plain: '.o', place: 'end' });
    assert.deepEqual(ruleKey('build/'), { word: 'build', plain: 'build', place: 'whole' });
    assert.deepEqual(ruleKey('*.py[ocd]'), { word: '\\.py[ocd]', plain: undefined, place: 'end' });
    assert.deepEqual(ruleKey('Icon?'), { word: 'Icon[^/]', plain: undefined, place: 'whole' });
    assert.deepEqual(ruleKey('build-*'), { word: 'build-', plain: 'build-', place: 'inside' });
    const anchored = ruleKey('doc/source/**/generated/');
    assert.equal(anchored?.word, 'generated');
    assert.equal(anchored?.first?.test('DOC'), true);
    assert.equal(anchored?.first?.test('docs'), false);
    assert.equal(ruleKey('/release')?.first?.test('release'), true);
    assert.equal(ruleKey('venv/')?.first, undefined, 'a trailing slash alone does not anchor');
    assert.equal(ruleKey('**/foo/bar')?.first, undefined);
  });

  it('has no key for a rule without a literal word, nor trusts a bracket it cannot read', () => {
    assert.equal(ruleKey('*'), null);
    assert.equal(ruleKey('?'), null);
    assert.equal(ruleKey('[a-z]*'), null);
    assert.deepEqual(ruleKey('ab[!c]d'), { word: 'ab', plain: 'ab', place: 'inside' });
  });
});

describe('.gitignore rules as the walker asks them', () => {
  // [rules, path, is a folder, ignored]
  const cases: [string, string, boolean, boolean][] = [
    ['*.gen.c\n!keep.gen.c\n', 'src/KEEP.GEN.C', false, false],
    ['*.gen.c\n!keep.gen.c\n', 'src/x.GEN.c', false, true],
    ['out/\n', 'a/out', true, true],
    ['out/\n', 'a/out', false, false],
    ['doc/**/draft/\n', 'doc/draft/x.rst', false, true],
    ['doc/**/draft/\n', 'docs/draft/x.rst', false, false],
    ['/top.c\n', 'top.c', false, true],
    ['/top.c\n', 'a/top.c', false, false],
    ['hidden/\n!hidden/keep.c\n', 'hidden/keep.c', false, true],
    ['\uFEFFfirst.c\r\nsecond.c\r\n', 'first.c', false, true],
    ['a.c\r\r\nb.c\n', 'a.c', false, false],
    ['[#]*#\n', 'x/#tmp#', false, true],
    ['Icon?\n', 'favicon', true, false],
    ['logs\n', 'logs/a/b.c', false, true],
  ];
  for (const [text, path, isDir, ignored] of cases) {
    it(`${ignored ? 'ignores' : 'keeps'} ${path}${isDir ? '/' : ''} under ${JSON.stringify(text)}, as the library does`, () => {
      assert.equal(ignore().add(text).ignores(isDir ? `${path}/` : path), ignored);
      assert.equal(walkerSays(text, '', path, isDir), ignored);
    });
  }

  it('agrees with the library on generated rule files and paths, also for rules above the walked folder', () => {
    // A fixed seed: the same files and paths on every run.
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor(seed / 65536) % n;
    };
    const pick = <T>(items: readonly T[]): T => items[next(items.length)]!;
    const pieces = ['a', 'b', 'A', '.', '.c', 'ab', '*', '**', '?', '/', '/', '[ab]', '[!a]', '[a-b]', '[#]', '\\', '\\*', ' ', '!', '#', ']', '[', '\t', '\r', '\uFEFF', 'doc/', '**/', '/**/', 'x/'];
    const names = ['a', 'b', 'A', 'B', '.', '.c', 'ab', '*', '!', '#', ' ', '[', ']', 'doc', 'x', 'K', 'ſ'];
    const segment = (): string => Array.from({ length: 1 + next(3) }, () => pick(names)).join('');
    let ignored = 0;
    for (let round = 0; round < 600; round++) {
      const lines = Array.from({ length: 1 + next(5) }, () => Array.from({ length: 1 + next(5) }, () => pick(pieces)).join(''));
      const text = lines.join(pick(['\n', '\r\n']));
      const library = ignore().add(text);
      const head = next(3) === 0 ? `${Array.from({ length: 1 + next(2) }, segment).join('/')}/` : '';
      for (let k = 0; k < 20; k++) {
        const path = Array.from({ length: 1 + next(4) }, segment).join('/');
        const isDir = next(2) === 0;
        let expected: boolean;
        try {
          expected = library.ignores(`${head}${path}${isDir ? '/' : ''}`);
        } catch {
          continue; // a path the library refuses (`./x`, `..`): the walker never makes one
        }
        if (expected) ignored++;
        assert.equal(walkerSays(text, head, path, isDir), expected, `${JSON.stringify(text)}: ${head}${path}${isDir ? '/' : ''}`);
      }
    }
    assert.ok(ignored > 500, `the generated cases ignore some paths (${ignored})`);
  });
});
