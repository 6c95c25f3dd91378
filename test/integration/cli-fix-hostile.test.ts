// `multiphase fix` on hostile trees, end to end with the built dist/cli.js:
// unwritable folders, planted temporary-file links, symbolic links out of
// the tree, read-only files and versions without multi-phase init. Every
// test checksums every file under its temporary root (the tree and the
// files outside it) before and after, and names exactly what may change.
// Permission tests run as `nobody` (root ignores file permissions): as
// root the test drops privileges with setpriv, as anyone else it runs as itself.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { singlePhaseModule } from './lsp/sources';
import { changedEntries, snapshot } from '../support/treeSnapshot';

/** `fix` output without its behaviour notes (one `note:` line each, tested in fix.test.ts): these tests are about which files are written. */
function withoutNotes(stdout: string): string {
  return stdout
    .split('\n')
    .filter((line) => !/^[^:]+: [^:]+: note: /.test(line))
    .join('\n');
}

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const REQUIRE_ALL = Boolean(process.env.CI) || process.env.MULTIPHASE_REQUIRE_ALL_PYTHONS === '1';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

interface Unprivileged {
  /** What runs a command as the user (empty: we already are one). */
  prefix: string[];
  uid: number;
  gid: number;
  /** A copy of dist/ the user can read (the checkout may sit in root's home). */
  cli: string;
}

/** How to run the CLI as an unprivileged user, or why it cannot be done. */
function unprivileged(distCopy: string): Unprivileged | string {
  if (process.getuid?.() !== 0) return { prefix: [], uid: process.getuid?.() ?? -1, gid: process.getgid?.() ?? -1, cli: CLI };
  const setpriv = spawnSync('setpriv', ['--version'], { encoding: 'utf8' });
  if (setpriv.status !== 0) return 'setpriv (util-linux) is not installed, and root ignores file permissions';
  const uid = Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) return 'there is no user nobody';
  cpSync(join(ROOT, 'dist'), distCopy, { recursive: true });
  spawnSync('chmod', ['-R', 'a+rX', distCopy]);
  const user: Unprivileged = { prefix: ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'], uid, gid, cli: join(distCopy, 'cli.js') };
  const probe = spawnSync(user.prefix[0]!, [...user.prefix.slice(1), process.execPath, user.cli, '--version'], { encoding: 'utf8' });
  if (probe.status !== 0) return `nobody cannot run ${process.execPath} ${user.cli}: ${probe.stderr.trim() || `exit ${probe.status}`}`;
  return user;
}

function fix(cwd: string, args: readonly string[], prefix: readonly string[] = [], cli = CLI): Run {
  const command = [...prefix, process.execPath, cli, 'fix', ...args];
  const run = spawnSync(command[0]!, command.slice(1), { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

const CONVERTED = (name: string): RegExp => new RegExp(`return PyModuleDef_Init\\(&${name}_module\\);`);

describe('multiphase fix on hostile input (CLI)', () => {
  let root: string;

  before(() => assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` first (npm test does)`));
  beforeEach(() => {
    // Real path: the link rule compares resolved paths, and tmpdir() may itself be a link.
    root = realpathSync(mkdtempSync(join(tmpdir(), 'multiphase-hostile-')));
    chmodSync(root, 0o755); // nobody must reach the tree
  });
  afterEach(() => {
    spawnSync('chmod', ['-R', 'u+rwX', root]);
    rmSync(root, { recursive: true, force: true });
  });

  describe('as an unprivileged user', () => {
    let user: Unprivileged;
    let distCopy: string;
    before(function () {
      distCopy = mkdtempSync(join(tmpdir(), 'multiphase-dist-'));
      chmodSync(distCopy, 0o755);
      const found = unprivileged(distCopy);
      if (typeof found === 'string') {
        // CI must run these: a missing setpriv there is a failure, not a skip.
        if (REQUIRE_ALL) assert.fail(`cannot drop to an unprivileged user: ${found}`);
        this.skip();
      }
      user = found;
    });
    after(() => rmSync(distCopy, { recursive: true, force: true }));

    /** Hand `paths` to the unprivileged user. */
    const own = (...paths: string[]): void => {
      for (const path of paths) chownSync(path, user.uid, user.gid);
    };

    it('item 1: an unwritable folder gives one error line for its file, the run goes on, exit 2', () => {
      write(join(root, 'ro', 'a.c'), singlePhaseModule('alpha'));
      write(join(root, 'rw', 'z.c'), singlePhaseModule('zeta'));
      write(join(root, 'outside', 'keep.c'), singlePhaseModule('keep'));
      own(join(root, 'ro', 'a.c'), join(root, 'rw'), join(root, 'rw', 'z.c'));
      chmodSync(join(root, 'ro'), 0o555);
      const before = snapshot(root);
      const run = fix(root, ['ro', 'rw'], user.prefix, user.cli);
      assert.equal(run.stderr, 'multiphase fix: ro/a.c: not written: permission denied\n');
      assert.equal(withoutNotes(run.stdout), 'rw/z.c: zeta: converted\n', 'no "converted" for ro/a.c');
      assert.equal(run.status, 2);
      assert.deepEqual(changedEntries(before, snapshot(root)), ['rw/z.c'], 'only rw/z.c changed; no temporary file left anywhere');
      assert.match(readFileSync(join(root, 'rw', 'z.c'), 'utf8'), CONVERTED('zeta'));
    });

    it('item 6: read-only files are skipped with a note (exit 1) unless --force, which keeps their mode', () => {
      write(join(root, 'tree', 'locked.c'), singlePhaseModule('locked'));
      write(join(root, 'tree', 'open.c'), singlePhaseModule('open'));
      write(join(root, 'tree', 'theirs.c'), singlePhaseModule('theirs'));
      write(join(root, 'outside', 'keep.c'), singlePhaseModule('keep'));
      own(join(root, 'tree'), join(root, 'tree', 'locked.c'), join(root, 'tree', 'open.c'));
      chmodSync(join(root, 'tree', 'locked.c'), 0o444);
      // theirs.c: root's, 0644: the user may not write it, though the folder would let a rename replace it.
      const before = snapshot(root);
      const run = fix(root, ['tree'], user.prefix, user.cli);
      assert.equal(
        run.stderr,
        'note: tree/locked.c: skipped (read-only, mode 0444; --force rewrites it)\nnote: tree/theirs.c: skipped (read-only for you, no write permission; --force rewrites it)\n',
      );
      assert.equal(withoutNotes(run.stdout), 'tree/open.c: open: converted\n');
      assert.equal(run.status, 1);
      const middle = snapshot(root);
      assert.deepEqual(changedEntries(before, middle), ['tree/open.c']);

      const forced = fix(root, ['--force', 'tree'], user.prefix, user.cli);
      assert.equal(forced.stderr, '');
      assert.equal(withoutNotes(forced.stdout), 'tree/locked.c: locked: converted\ntree/theirs.c: theirs: converted\n');
      assert.equal(forced.status, 0);
      const after = snapshot(root);
      assert.deepEqual(changedEntries(middle, after), ['tree/locked.c', 'tree/theirs.c']);
      assert.equal(after.get('tree/locked.c')?.mode, 0o444, 'mode kept');
      assert.equal(after.get('tree/theirs.c')?.mode, 0o644, 'mode kept');
      assert.match(readFileSync(join(root, 'tree', 'locked.c'), 'utf8'), CONVERTED('locked'));
    });
  });

  it('item 2: a link planted under the old temporary name is neither followed nor replaced (as root)', () => {
    write(join(root, 'tree', 'm.c'), singlePhaseModule('spam'));
    write(join(root, 'outside', 'victim.c'), 'int secret = 42;\n');
    chmodSync(join(root, 'outside', 'victim.c'), 0o600);
    chmodSync(join(root, 'tree', 'm.c'), 0o640);
    // The shell plants the link under its own pid, then becomes the CLI: the
    // name the old code used for its temporary file (.m.c.multiphase-<pid>.tmp).
    const script = `ln -s ../outside/victim.c "tree/.m.c.multiphase-$$.tmp" && exec "$0" "$1" fix tree`;
    const before = snapshot(root);
    const run = spawnSync('sh', ['-c', script, process.execPath, CLI], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.stderr, '');
    assert.equal(withoutNotes(run.stdout), 'tree/m.c: spam: converted\n');
    assert.equal(run.status, 0);
    const after = snapshot(root);
    const planted = [...after.keys()].filter((path) => path.startsWith('tree/.m.c.multiphase-'));
    assert.equal(planted.length, 1, 'the planted link is still there, untouched');
    assert.equal(after.get(planted[0]!)?.link, '../outside/victim.c');
    assert.deepEqual(changedEntries(before, after), [planted[0]!, 'tree/m.c'].sort(), 'victim.c unchanged, content and mode');
    assert.equal(after.get('outside/victim.c')?.mode, 0o600);
    assert.equal(after.get('tree/m.c')?.link, undefined, 'm.c is still a regular file');
    assert.equal(after.get('tree/m.c')?.mode, 0o640, 'mode kept');
    assert.match(readFileSync(join(root, 'tree', 'm.c'), 'utf8'), CONVERTED('spam'));
  });

  it('item 4: a link out of the tree is reported and not edited; a link inside is edited at its target and stays a link (as root)', () => {
    write(join(root, 'shared', 'm.c'), singlePhaseModule('shared'));
    write(join(root, 'tree', 'sub', 'target.c'), singlePhaseModule('inner'));
    symlinkSync('../shared/m.c', join(root, 'tree', 'm.c'));
    symlinkSync('sub/target.c', join(root, 'tree', 'link_in.c'));
    const before = snapshot(root);
    const run = fix(root, ['tree']);
    assert.equal(run.stderr, `note: tree/m.c: skipped (a symbolic link to ${join(root, 'shared', 'm.c')}, outside the paths given)\n`);
    assert.equal(withoutNotes(run.stdout), 'tree/link_in.c: inner: converted\n');
    assert.equal(run.status, 1);
    const after = snapshot(root);
    assert.deepEqual(changedEntries(before, after), ['tree/sub/target.c']);
    assert.equal(after.get('tree/m.c')?.link, '../shared/m.c');
    assert.equal(after.get('tree/link_in.c')?.link, 'sub/target.c', 'the inside link stays a link');
    assert.match(readFileSync(join(root, 'tree', 'sub', 'target.c'), 'utf8'), CONVERTED('inner'));

    // Named on the command line, the link still leads out of its folder.
    const named = fix(root, ['tree/m.c']);
    assert.equal(named.stderr, `note: tree/m.c: skipped (a symbolic link to ${join(root, 'shared', 'm.c')}, outside the paths given)\n`);
    assert.equal(withoutNotes(named.stdout), '');
    assert.equal(named.status, 1);
    assert.deepEqual(changedEntries(after, snapshot(root)), []);
  });

  it('item 6 as root too: a chmod 444 file is skipped with a note unless --force', () => {
    write(join(root, 'tree', 'locked.c'), singlePhaseModule('locked'));
    chmodSync(join(root, 'tree', 'locked.c'), 0o444);
    const before = snapshot(root);
    const run = fix(root, ['tree']);
    assert.equal(run.stderr, 'note: tree/locked.c: skipped (read-only, mode 0444; --force rewrites it)\n');
    assert.equal(withoutNotes(run.stdout), '');
    assert.equal(run.status, 1);
    assert.deepEqual(changedEntries(before, snapshot(root)), []);
    const forced = fix(root, ['--force', 'tree']);
    assert.equal(withoutNotes(forced.stdout), 'tree/locked.c: locked: converted\n');
    assert.equal(forced.status, 0);
    assert.deepEqual(changedEntries(before, snapshot(root)), ['tree/locked.c']);
    assert.equal(snapshot(root).get('tree/locked.c')?.mode, 0o444);
  });

  it('item 7: --min-python below 3.5 is a usage error (exit 2) and nothing is written', () => {
    write(join(root, 'tree', 'm.c'), singlePhaseModule('spam'));
    const before = snapshot(root);
    for (const version of ['3.4', '3.0', '3.1']) {
      const run = fix(root, ['--min-python', version, 'tree']);
      assert.equal(run.status, 2, version);
      assert.equal(withoutNotes(run.stdout), '');
      assert.ok(
        run.stderr.startsWith(`multiphase fix: --min-python must be 3.5 or later: multi-phase init (PEP 489) does not exist in ${version}\n\nusage: multiphase fix`),
        run.stderr,
      );
      assert.deepEqual(changedEntries(before, snapshot(root)), []);
    }
    const oldest = fix(root, ['--min-python', '3.5', 'tree']);
    assert.equal(withoutNotes(oldest.stdout), 'tree/m.c: spam: converted\n');
    assert.equal(oldest.status, 0);
  });

  it('item 5: lone-CR line endings: check places findings on their lines, fix converts to the golden bytes, mixed endings are refused', () => {
    const fixtureDir = join(ROOT, 'test-fixtures', 'convert', 'cr_module');
    write(join(root, 'tree', 'cr.c'), readFileSync(join(fixtureDir, 'input.c'), 'utf8'));
    const mixed = singlePhaseModule('mixed').replace(/\n/g, '\r').replace('#include <Python.h>\r', '#include <Python.h>\n');
    write(join(root, 'tree', 'mixed.c'), mixed);
    const checked = spawnSync(process.execPath, [CLI, 'check', 'tree/cr.c'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    assert.match(checked.stdout, /^tree\/cr\.c:31:5: warning negative-m-size: /m);
    assert.match(checked.stdout, /^tree\/cr\.c:38:19: warning single-phase-init: /m);
    const before = snapshot(root);
    const run = fix(root, ['tree']);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^tree\/cr\.c: cr_module: converted$/m);
    assert.match(run.stdout, /^tree\/mixed\.c: mixed: refused \[mixed-line-ends\]: /m);
    assert.equal(run.status, 1);
    assert.deepEqual(changedEntries(before, snapshot(root)), ['tree/cr.c']);
    const written = readFileSync(join(root, 'tree', 'cr.c'));
    assert.deepEqual(written, readFileSync(join(fixtureDir, 'expected.c')), 'the compiled golden file, byte for byte');
    assert.ok(!written.includes(0x0a), 'no LF written into a CR file');
  });

  it('`// multiphase: ignore` on the module creation leaves that module alone (exit 0) and converts the others', () => {
    const silenced = singlePhaseModule('quiet').replace('    PyObject *m = PyModule_Create(', '    // multiphase: ignore\n    PyObject *m = PyModule_Create(');
    assert.notEqual(silenced, singlePhaseModule('quiet'), 'the comment was placed');
    write(join(root, 'tree', 'quiet.c'), silenced);
    write(join(root, 'tree', 'loud.c'), singlePhaseModule('loud'));
    const before = snapshot(root);
    const run = fix(root, ['tree']);
    assert.equal(run.stderr, '');
    assert.equal(withoutNotes(run.stdout), 'tree/loud.c: loud: converted\ntree/quiet.c: quiet: left alone: silenced by a "multiphase: ignore" comment\n');
    assert.equal(run.status, 0);
    assert.deepEqual(changedEntries(before, snapshot(root)), ['tree/loud.c']);
  });
});
