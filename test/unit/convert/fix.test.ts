import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFixArgs, runFix } from '../../../server/src/cli/fix';
import { initParser } from '../../../server/src/core/parser';
import { moduleWith } from './helpers';
import { captureOutput, type CapturedRun } from '../../support/captureOutput';

const GOOD = moduleWith(`    PyObject *m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    PyModule_AddIntConstant(m, "A", 1);
    return m;`);
const REFUSED = GOOD.replace('return PyUnicode_FromString("hello");', 'return PyLong_FromLong(PyState_RemoveModule(&spam_def));').replace(/spam/g, 'ham');

/** Run `multiphase fix` with stdout and stderr captured. */
function fix(args: string[]): Promise<CapturedRun> {
  return captureOutput(() => runFix(args));
}

/** A fresh temporary folder per test (parser ready); the getter gives the current one. */
function useTempDir(prefix: string): () => string {
  let dir = '';
  before(() => initParser());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}

describe('multiphase fix', () => {
  const tempDir = useTempDir('multiphase-fix-');
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });

  it('converts in place, keeps the file mode, leaves no temporary file, and exits 0', async () => {
    const file = join(dir, 'spam.c');
    writeFileSync(file, GOOD);
    chmodSync(file, 0o640);
    const { code, out } = await fix([dir]);
    assert.equal(code, 0);
    const lines = out.split('\n').filter(Boolean);
    assert.equal(lines[0], `${file}: spam: converted`);
    // Every behaviour difference is stated, one note line each.
    assert.ok(lines.slice(1).every((l) => l.startsWith(`${file}: spam: note: `)), out);
    assert.ok(lines.some((l) => /note: State: no process-wide state found \(this covers this file only/.test(l)), out);
    assert.ok(lines.some((l) => /note: Module identity: /.test(l)), out);
    assert.ok(lines.some((l) => /note: Subinterpreters: .*PER_INTERPRETER_GIL_SUPPORTED/.test(l)), out);
    assert.match(readFileSync(file, 'utf8'), /return PyModuleDef_Init\(&spam_def\);/);
    assert.equal(statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(dir), ['spam.c']);
  });

  it('removes the Python 2 init by default and keeps one with --keep-python2, a note line each (the golden files of py2_branch)', async () => {
    const fixtureDir = join(__dirname, '../../../test-fixtures/convert/py2_branch');
    const input = readFileSync(join(fixtureDir, 'input.c'), 'utf8');
    for (const [flags, golden, note] of [
      [[], 'expected.c', /: py2_branch: note: Python 2: the arm of '#if PY_MAJOR_VERSION >= 3' that Python 2 compiles \(initpy2_branch\) was removed/],
      [['--keep-python2'], 'expected.keep-python2.c', /: py2_branch: note: Python 2: initpy2_branch kept: it calls Py_InitModule3\(/],
    ] as const) {
      const file = join(dir, 'py2_branch.c');
      writeFileSync(file, input);
      const { code, out } = await fix([...flags, file]);
      assert.equal(code, 0, out);
      assert.match(out, note);
      assert.equal(readFileSync(file, 'utf8'), readFileSync(join(fixtureDir, golden), 'utf8'));
    }
  });

  it('prints one note line after the converted line when m_name is not the import name', async () => {
    const file = join(dir, 'spam.c');
    writeFileSync(file, GOOD.replace('"spam",', '"_spam",'));
    const { code, out } = await fix([dir]);
    assert.equal(code, 0);
    assert.ok(out.startsWith(`${file}: spam: converted\n`), out);
    assert.ok(out.endsWith(`${file}: spam: note: __name__: it now comes from the import spec; m_name '_spam' is no longer used for it.\n`), out);
  });

  it('is idempotent: a second run changes nothing and reports nothing', async () => {
    const file = join(dir, 'spam.c');
    writeFileSync(file, GOOD);
    await fix([file]);
    const once = readFileSync(file, 'utf8');
    const again = await fix([file]);
    assert.equal(again.code, 0);
    assert.equal(again.out, '');
    assert.equal(readFileSync(file, 'utf8'), once);
  });

  it('prints a unified diff with --diff and writes nothing', async () => {
    const file = join(dir, 'spam.c');
    writeFileSync(file, GOOD);
    const { code, out } = await fix(['--diff', file]);
    assert.equal(code, 0);
    assert.match(out, /^--- /m);
    assert.match(out, /^\+\+\+ /m);
    assert.match(out, /^-    return m;$/m);
    assert.match(out, /^\+    return PyModuleDef_Init\(&spam_def\);$/m);
    assert.equal(readFileSync(file, 'utf8'), GOOD);
  });

  it('exits 1 and says why when a module is refused, still converting the others', async () => {
    writeFileSync(join(dir, 'a.c'), GOOD);
    writeFileSync(join(dir, 'b.c'), REFUSED);
    const { code, out } = await fix([dir]);
    assert.equal(code, 1);
    assert.match(out, /a\.c: spam: converted\n/);
    assert.match(out, /b\.c: ham: refused \[state-lookup\]: /);
    assert.equal(readFileSync(join(dir, 'b.c'), 'utf8'), REFUSED);
  });

  it('passes the options through', async () => {
    const file = join(dir, 'spam.c');
    writeFileSync(file, GOOD);
    await fix(['--min-python', '3.13', '--gil=used', '--multiple-interpreters', 'omit', '--guard', 'always', file]);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /\{Py_mod_gil, Py_MOD_GIL_USED\}/);
    assert.doesNotMatch(text, /#if PY_VERSION_HEX|Py_mod_multiple_interpreters/);
    assert.match(text, /"cannot load module more than once per process"/);
  });

  it('exits 2 on usage errors', async () => {
    for (const args of [['--gil', 'maybe'], ['--min-python', '2.7'], ['--bogus'], ['--guard'], [join(dir, 'missing.c')]]) {
      const { code, err } = await fix(args);
      assert.equal(code, 2, args.join(' '));
      assert.ok(err.length > 0);
    }
  });

  it('parses flags in both spellings', () => {
    const parsed = parseFixArgs(['--gil=omit', '--multiple-interpreters', 'per_interpreter_gil', 'src', '--', '--odd-name.c']);
    assert.ok(parsed !== 'help');
    assert.equal(parsed.options.gil, 'omit');
    assert.equal(parsed.options.multipleInterpreters, 'per_interpreter_gil');
    assert.deepEqual(parsed.paths, ['src', '--odd-name.c']);
    assert.equal(parseFixArgs(['-h']), 'help');
  });

  it('--keep-python2 sets keepPython2; without it Python 2 code goes', () => {
    const kept = parseFixArgs(['--keep-python2', 'src']);
    const plain = parseFixArgs(['src']);
    assert.ok(kept !== 'help' && plain !== 'help');
    assert.equal(kept.options.keepPython2, true);
    assert.equal(plain.options.keepPython2, false);
  });
});

describe('multiphase fix: walking', () => {
  const tempDir = useTempDir('multiphase-fix-walk-');
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });

  it('honours --exclude and skips build folders like check does', async () => {
    writeFileSync(join(dir, 'keep.c'), GOOD);
    writeFileSync(join(dir, 'skip.c'), GOOD);
    const { code, out } = await fix(['--exclude', 'skip.c', dir]);
    assert.equal(code, 0);
    assert.match(out, /keep\.c: spam: converted/);
    assert.doesNotMatch(out, /skip\.c/);
    assert.equal(readFileSync(join(dir, 'skip.c'), 'utf8'), GOOD);
  });
});

describe('multiphase fix: bytes', () => {
  const tempDir = useTempDir('multiphase-fix-bytes-');
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });

  it('keeps a UTF-8 byte-order mark and non-ASCII comments byte for byte', async () => {
    const file = join(dir, 'spam.c');
    const original = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`/* Jürgen */\n${GOOD}`, 'utf8')]);
    writeFileSync(file, original);
    const { code } = await fix([file]);
    assert.equal(code, 0);
    const after = readFileSync(file);
    assert.deepEqual([...after.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match(after.toString('utf8'), /\/\* Jürgen \*\/\n/);
    assert.match(after.toString('utf8'), /PyModuleDef_Init/);
  });

  it('converts a Latin-1 file and writes it back as Latin-1, saying so', async () => {
    const file = join(dir, 'spam.c');
    writeFileSync(file, Buffer.from(`/* Fran\xe7ois */\n${GOOD}`, 'latin1'));
    const { code, err } = await fix([file]);
    assert.equal(code, 0);
    assert.match(err, /spam\.c: not valid UTF-8; read and written as Latin-1/);
    const after = readFileSync(file);
    assert.ok(after.includes(Buffer.from([0x46, 0x72, 0x61, 0x6e, 0xe7])), 'the ç byte is still one byte');
    assert.match(after.toString('latin1'), /return PyModuleDef_Init\(&spam_def\);/);
  });
});
