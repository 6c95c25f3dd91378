// `multiphase check` keeps results between runs (resultCache.ts): a second
// run must say exactly what a first run says, reuse only what it can vouch
// for, and run as well with a cache that is broken, unwritable or turned off.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, runCli, type CliRun } from '../support/cli';

const FIXTURES = join(__dirname, '..', '..', 'test-fixtures', 'check');


describe('check keeps results between runs (CLI)', () => {
  let tmp: string;
  let tree: string;
  let cacheDir: string;

  const check = (env: NodeJS.ProcessEnv, ...args: string[]): CliRun => runCli(tree, ['check', ...args], env);
  const cached = (...args: string[]): CliRun => check({ MULTIPHASE_CACHE_DIR: cacheDir }, ...args);
  /** Output without the times it reports. */
  const timeless = (text: string): string => text.replace(/ in \d+\.\d\d s$/m, '').replace(/time: [^,\n]*/, '');
  const reused = (run: CliRun): number => Number(/reused: (\d+)/.exec(run.stdout + run.stderr)?.[1] ?? NaN);
  const files = (run: CliRun): number => Number(/^files: (\d+)/m.exec(run.stdout + run.stderr)?.[1] ?? NaN);
  /** Sets a file's times an hour back: older than any run, so its stat can vouch for it. */
  const age = (path: string): void => utimesSync(path, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));

  before(() => assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` first (npm test does)`));
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'multiphase-cache-'));
    tree = join(tmp, 'tree');
    cacheDir = join(tmp, 'cache');
    mkdirSync(join(tree, 'src'), { recursive: true });
    copyFileSync(join(FIXTURES, 'single_positional.c'), join(tree, 'src', 'single.c'));
    copyFileSync(join(FIXTURES, 'two_modules.c'), join(tree, 'src', 'two.c'));
    writeFileSync(join(tree, 'src', 'helper.c'), 'static int add(int a, int b) { return a + b; }\n');
    writeFileSync(join(tree, 'README.md'), '# notes\n\nNo C here.\n');
    // As in a real tree, nothing was written in the moments before the run (see the racy case).
    for (const file of ['src/single.c', 'src/two.c', 'src/helper.c', 'README.md']) age(join(tree, file));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('says on a second run exactly what the first said, from the kept results', () => {
    const first = cached('--stats');
    const second = cached('--stats');
    assert.equal(first.status, 1, first.stderr);
    assert.equal(reused(first), 0);
    assert.equal(reused(second), files(first), second.stdout);
    assert.equal(second.status, first.status);
    assert.equal(timeless(second.stdout).replace(/reused: \d+/, ''), timeless(first.stdout).replace(/reused: \d+/, ''));
    assert.equal(second.stderr, first.stderr);
    assert.equal(readdirSync(cacheDir).length, 1, 'one cache file for the command line');
  });

  it('keeps results apart for options that change them (json carries module state)', () => {
    cached();
    const json = cached('--format', 'json', '--stats');
    assert.equal(reused(json), 0);
    const plain = check({ MULTIPHASE_CACHE_DIR: '' }, '--format', 'json');
    assert.equal(json.stdout, plain.stdout);
    assert.ok(json.stdout.includes('"state"'), 'json findings carry module state');
  });

  it('sees an edit that keeps the size and puts the mtime back (ctime and inode still differ)', () => {
    const path = join(tree, 'src', 'helper.c');
    age(path);
    const before = statSync(path);
    cached();
    const module = readFileSync(join(FIXTURES, 'single_positional.c'), 'utf8');
    const padded = module.length < before.size ? module.padEnd(before.size, ' ') : module;
    writeFileSync(path, padded);
    utimesSync(path, before.atime, before.mtime);
    const run = cached('--format', 'json');
    const plain = check({ MULTIPHASE_CACHE_DIR: '' }, '--format', 'json');
    assert.equal(run.stdout, plain.stdout);
    assert.ok(run.stdout.includes('src/helper.c'), 'the new module in helper.c is reported');
  });

  it('reuses a parsed result for the same bytes under a new mtime (a touch), and not for new bytes', () => {
    const path = join(tree, 'src', 'single.c');
    cached();
    const now = new Date();
    utimesSync(path, now, now);
    const touched = cached('--stats');
    assert.equal(reused(touched), files(touched), 'the touched module is reused by its bytes');
    writeFileSync(path, readFileSync(path, 'utf8').replace('PyInit_', 'PyInit_renamed_'));
    const edited = cached('--format', 'json', '--stats');
    assert.equal(reused(edited), 0, 'json is a command line of its own');
    const again = cached('--stats');
    assert.equal(reused(again), files(again) - 1, 'the edited file is analysed again');
    assert.match(again.stdout, /PyInit_renamed_/);
  });

  it('does not vouch for a file by its stat when it changed in the moments before the run', () => {
    writeFileSync(join(tree, 'src', 'helper.c'), 'static int sub(int a, int b) { return a - b; }\n');
    cached();
    const [name] = readdirSync(cacheDir);
    const entries = (JSON.parse(readFileSync(join(cacheDir, name!), 'utf8')) as { entries: Record<string, { racy?: boolean }> }).entries;
    assert.equal(entries['src/helper.c']?.racy, true, 'written just now');
    assert.ok(entries['src/two.c'], 'two.c is kept');
    assert.equal(entries['src/two.c'].racy, undefined, 'an hour old');
  });

  it('keeps a template and its includer together on a second run', () => {
    writeFileSync(join(tree, 'src', 'tpl.c'), readFileSync(join(FIXTURES, 'single_positional.c'), 'utf8'));
    writeFileSync(join(tree, 'src', 'md.c'), '#define MODULE_NAME md\n#include "tpl.c"\n');
    age(join(tree, 'src', 'tpl.c'));
    age(join(tree, 'src', 'md.c'));
    const first = cached('src/md.c');
    const second = cached('src/md.c', '--stats');
    assert.match(first.stderr, /tpl\.c: checked because src\/md\.c includes it/);
    assert.equal(second.stderr, first.stderr);
    assert.equal(timeless(second.stdout.replace(/\nfiles: .*\n$/, '\n')), timeless(first.stdout));
    assert.equal(reused(second), 2);
  });

  it('runs as without a cache when the cache file is broken, and mends it', () => {
    const first = cached('--stats');
    const [name] = readdirSync(cacheDir);
    writeFileSync(join(cacheDir, name!), '{"format": 1, "build": "trunc');
    const broken = cached('--stats');
    assert.equal(reused(broken), 0);
    assert.equal(timeless(broken.stdout), timeless(first.stdout));
    assert.equal(reused(cached('--stats')), files(first));
  });

  it('runs as without a cache when the cache folder cannot be written, and says why with --verbose', () => {
    const blocker = join(tmp, 'not-a-folder');
    writeFileSync(blocker, 'a file where the cache folder would be');
    const env = { MULTIPHASE_CACHE_DIR: join(blocker, 'cache') };
    const plain = check({ MULTIPHASE_CACHE_DIR: '' });
    const run = check(env);
    assert.equal(run.status, plain.status);
    assert.equal(timeless(run.stdout), timeless(plain.stdout));
    assert.equal(run.stderr, '');
    assert.match(check(env, '--verbose').stderr, /note: results not kept for the next run: /);
  });

  it('--no-cache and an empty MULTIPHASE_CACHE_DIR neither read nor write a cache', () => {
    cached();
    const [name] = readdirSync(cacheDir);
    const kept = readFileSync(join(cacheDir, name!), 'utf8');
    writeFileSync(join(tree, 'src', 'extra.c'), readFileSync(join(FIXTURES, 'single_positional.c')));
    const off = cached('--no-cache', '--stats');
    assert.doesNotMatch(off.stdout, /reused/);
    assert.equal(readFileSync(join(cacheDir, name!), 'utf8'), kept, '--no-cache leaves the cache as it was');
    const empty = check({ MULTIPHASE_CACHE_DIR: '' }, '--stats');
    assert.doesNotMatch(empty.stdout, /reused/);
    assert.equal(readdirSync(cacheDir).length, 1);
  });

  it('shares results between working folders when the paths are absolute, not when they are relative', () => {
    const other = join(tmp, 'elsewhere');
    mkdirSync(other);
    const from = (cwd: string, ...args: string[]): CliRun => runCli(cwd, ['check', '--stats', ...args], { MULTIPHASE_CACHE_DIR: cacheDir });
    const first = from(tree, tree);
    const second = from(other, tree);
    assert.equal(reused(second), files(first));
    assert.equal(timeless(second.stdout).replace(/reused: \d+/, ''), timeless(first.stdout).replace(/reused: \d+/, ''));
    assert.equal(reused(from(other, join('..', 'tree'))), 0, 'a relative path is printed relative to its working folder');
  });

  it('never writes into the checked tree', () => {
    const before = readdirSync(tree, { recursive: true }).sort();
    cached();
    cached();
    assert.deepEqual(readdirSync(tree, { recursive: true }).sort(), before);
  });
});
