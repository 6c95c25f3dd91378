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
