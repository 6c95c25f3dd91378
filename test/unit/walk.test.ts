// The shared walker (`check`, `fix` and the language server's workspace scan).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { excludeMatcher, walkSources } from '../../server/src/files/walk';

describe('walkSources', () => {
  let root: string;
  const touch = (path: string, text = 'int x;\n'): void => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const walk = (paths: string[] = [root], options = {}): string[] => [...walkSources(paths, options)].map((p) => relative(root, p));

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'multiphase-walk-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('yields C/C++ sources in name order and nothing else', () => {
    for (const f of ['b.c', 'a.cpp', 'c.h', 'd.hpp', 'e.cc', 'f.cxx', 'g.c.src', 'notes.txt', 'h.py', 'sub/i.c']) touch(f);
    assert.deepEqual(walk(), ['a.cpp', 'b.c', 'c.h', 'd.hpp', 'e.cc', 'f.cxx', 'g.c.src', 'sub/i.c']);
  });

  it('honours nested .gitignore files with negation, and .gitignore above the start inside a repository', () => {
    mkdirSync(join(root, '.git'));
    touch('.gitignore', '*.gen.c\n!keep.gen.c\n');
    touch('src/.gitignore', 'private/\n');
    for (const f of ['src/a.c', 'src/x.gen.c', 'src/keep.gen.c', 'src/private/p.c']) touch(f);
    assert.deepEqual(walk(), ['src/a.c', 'src/keep.gen.c']);
    assert.deepEqual(walk([join(root, 'src')]), ['src/a.c', 'src/keep.gen.c']);
  });

  it('skips build, virtualenv and node_modules folders, but walks one named explicitly', () => {
    for (const f of ['build/a.c', 'venv/b.c', 'node_modules/c.c', 'env2/d.c', 'src/e.c']) touch(f);
    touch('env2/pyvenv.cfg', 'home = /usr\n');
    const skipped: string[] = [];
    assert.deepEqual(walk([root], { onSkip: (p: string) => skipped.push(relative(root, p)) }), ['src/e.c']);
    assert.deepEqual(skipped.sort(), ['build', 'env2', 'node_modules', 'venv']);
    assert.deepEqual(walk([join(root, 'build')]), ['build/a.c']);
  });

  it('yields a file reached through overlapping paths once', () => {
    touch('src/a.c');
    assert.deepEqual(walk([join(root, 'src'), join(root, 'src', 'a.c'), root]), ['src/a.c']);
  });

  it('always yields a file named explicitly', () => {
    touch('README.txt');
    assert.deepEqual(walk([join(root, 'README.txt')]), ['README.txt']);
  });

  it('reports an unreadable path to onError and goes on, or throws without it', () => {
    touch('a.c');
    const errors: string[] = [];
    assert.deepEqual(walk([join(root, 'missing'), root], { onError: (_p: string, m: string) => errors.push(m) }), ['a.c']);
    assert.deepEqual(errors, ['no such file or directory']);
    assert.throws(() => walk([join(root, 'missing')]), /missing: no such file or directory/);
  });

  it('follows links to files but not to folders', () => {
    touch('real/a.c');
    symlinkSync(join(root, 'real'), join(root, 'loop'));
    symlinkSync(join(root, 'real', 'a.c'), join(root, 'link.c'));
    assert.deepEqual(walk(), ['link.c', 'real/a.c']);
  });
});

describe('walkSources on a tree with every kind of rule', () => {
  // One tree, walked several ways; each list is the exact output, in order.
  let root: string;
  const touch = (path: string, text = 'int x;\n'): void => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const walk = (paths: string[], options: { exclude?: string[]; embedded?: { docs: boolean; pythonStrings: boolean } } = {}): { files: string[]; skipped: string[] } => {
    const skipped: string[] = [];
    const files = [...walkSources(paths, { ...options, onSkip: (p, reason) => skipped.push(`${relative(root, p)} (${reason})`) })].map((p) => relative(root, p));
    return { files, skipped };
  };

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'multiphase-walk-rules-'));
    touch('.git/info/exclude', '*.secret.c\n');
    touch('.gitignore', ['# generated', '*.gen.c', '!keep.gen.c', '/anchored.c', 'mod.c/', 'docs/**/draft/', 'logs', 'Icon?', 'gen_[ab].c', '[#]*#.c', 'build-*', 'sub/deep/only.c', '**/tmp_*.c', 'hidden/', ''].join('\n'));
    for (const f of ['a.c', 'anchored.c', 'x.secret.c', 'keep.gen.c', 'drop.gen.c', 'UPPER.GEN.C', '#tmp#.c', 'gen_a.c', 'gen_c.c', 'mod.c', 'tmp_x.c', 'z.cpp']) touch(f);
    for (const f of ['IconX/a.c', 'build-x/a.c', 'build/a.c', 'node_modules/a.c', 'venv/a.c', 'logs/a.c', 'x/mod.c/a.c', 'x/tmp_y.c', 'x/b.h', 'hidden/inner/a.c']) touch(f);
    touch('env2/pyvenv.cfg', 'home = /usr\n');
    touch('env2/a.c');
    touch('env3/pyvenv.cfg', 'home = /usr\n');
    touch('env3/a.c');
    touch('sub/.gitignore', '!*.gen.c\nlocal.c\n/top.c\n..*\n');
    // A name that begins with `..` is a name like any other, for the .gitignore of its own folder too.
    for (const f of ['sub/a.gen.c', 'sub/local.c', 'sub/top.c', 'sub/ok.c', 'sub/..dots.c', 'sub/deep/top.c', 'sub/deep/only.c', 'sub/deep/local.c', 'sub/deep/anchored.c']) touch(f);
    // A byte order mark and CRLF line ends; and a line ending in a CR of its own (the pattern is `a.c` and a CR).
    touch('crlf/.gitignore', '\uFEFFfirst.c\r\nsecond.c\r\n');
    for (const f of ['crlf/first.c', 'crlf/second.c', 'crlf/third.c']) touch(f);
    touch('cr/.gitignore', 'a.c\r\r\nb.c\n');
    for (const f of ['cr/a.c', 'cr/b.c']) touch(f);
    for (const f of ['docs/guide.md', 'docs/tool.py', 'docs/a/draft/x.rst', 'docs/draft/y.md', 'docs/notes.txt']) touch(f);
    for (const f of ['vendor/a.c', 'src/gen/deep/a.c', 'src/gen.c', 'src/x_test.c', 'third/a.c', 'third/deeper/a.c']) touch(f);
    symlinkSync(join(root, 'a.c'), join(root, 'link.c'));
    symlinkSync(join(root, 'sub'), join(root, 'linkdir'));
    symlinkSync(join(root, 'missing.c'), join(root, 'dangling.c'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('honours every .gitignore and info/exclude, skips build and virtualenv folders, follows links to files only', () => {
    const { files, skipped } = walk([root]);
    assert.deepEqual(files, [
      'a.c',
      'cr/a.c',
      'crlf/third.c',
      'gen_c.c',
      'keep.gen.c',
      'link.c',
      'mod.c',
      'src/gen/deep/a.c',
      'src/gen.c',
      'src/x_test.c',
      // A negation re-includes only against its own file's rules: the top .gitignore still ignores sub/a.gen.c.
      'sub/deep/anchored.c',
      'sub/deep/top.c',
      'sub/ok.c',
      'third/a.c',
      'third/deeper/a.c',
      'vendor/a.c',
      'x/b.h',
      'z.cpp',
    ]);
    assert.deepEqual(skipped, [
      'IconX (.gitignore)',
      'build (build, cache or virtualenv folder)',
      'build-x (.gitignore)',
      'docs/a/draft (.gitignore)',
      'docs/draft (.gitignore)',
      'env2 (build, cache or virtualenv folder)',
      'env3 (build, cache or virtualenv folder)',
      'hidden (.gitignore)',
      'logs (.gitignore)',
      'node_modules (build, cache or virtualenv folder)',
      'venv (build, cache or virtualenv folder)',
      'x/mod.c (.gitignore)',
    ]);
  });

  it('applies the rules above a walked folder, also to a folder they ignore', () => {
    assert.deepEqual(walk([join(root, 'sub')]).files, ['sub/deep/anchored.c', 'sub/deep/top.c', 'sub/ok.c']);
    // hidden/ is ignored at the top: walked by name, nothing below it is taken, and its folders are skipped as ignored.
    assert.deepEqual(walk([join(root, 'hidden')]), { files: [], skipped: ['hidden/inner (.gitignore)'] });
    assert.deepEqual(walk([join(root, 'env2')]).files, ['env2/a.c'], 'a virtualenv named on the command line is walked');
  });

  it('leaves out --exclude globs by name and by path; a virtualenv keeps its reason', () => {
    const { files, skipped } = walk([root], { exclude: ['vendor', '*_test.c', 'src/gen/**', './third/*.c', 'env3', 'sub'] });
    assert.deepEqual(files, ['a.c', 'cr/a.c', 'crlf/third.c', 'gen_c.c', 'keep.gen.c', 'link.c', 'mod.c', 'src/gen.c', 'third/deeper/a.c', 'x/b.h', 'z.cpp']);
    assert.deepEqual(
      skipped.filter((s) => /^(vendor|env3|sub)/.test(s)),
      ['env3 (build, cache or virtualenv folder)', 'sub (--exclude)', 'vendor (--exclude)'],
    );
  });

  it('yields documents that may embed C as the options allow, and a file reached twice once', () => {
    assert.deepEqual(walk([join(root, 'docs')], { embedded: { docs: true, pythonStrings: true } }).files, ['docs/guide.md', 'docs/tool.py']);
    assert.deepEqual(walk([join(root, 'docs')], { embedded: { docs: false, pythonStrings: true } }).files, ['docs/tool.py']);
    assert.deepEqual(walk([join(root, 'sub'), join(root, 'sub', 'ok.c'), join(root, 'sub', 'deep'), root]).files.slice(0, 4), ['sub/deep/anchored.c', 'sub/deep/top.c', 'sub/ok.c', 'a.c']);
    assert.deepEqual(walk([join(root, 'sub', 'local.c'), join(root, 'drop.gen.c')]).files, ['sub/local.c', 'drop.gen.c'], 'files named explicitly are taken');
  });
});

describe('excludeMatcher', () => {
  it('matches names without a slash anywhere, and paths with one from the root', () => {
    const excluded = excludeMatcher(['vendor', '*_test.c', 'src/gen/**', './third/*.c']);
    assert.equal(excluded('vendor'), true);
    assert.equal(excluded('a/b/vendor'), true);
    assert.equal(excluded('x/foo_test.c'), true);
    assert.equal(excluded('src/gen/deep/a.c'), true);
    assert.equal(excluded('third/a.c'), true);
    assert.equal(excluded('src/a.c'), false);
    assert.equal(excluded('other/src/gen/a.c'), false);
  });
});
