// The command line is two bundles (server/src/cli/loadAnalysis.ts): a check
// whose results are all kept from the last run never loads the analysis
// bundle, and a new build of either bundle starts the result cache afresh.
// Runs a copy of the built dist/ whose analysis bundle the tests may replace.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const FIXTURES = join(ROOT, 'test-fixtures', 'check');
/** A time an hour back, in whole seconds: a file given it keeps exactly this mtime. */
const HOUR_AGO = Math.floor(Date.now() / 1000) - 3600;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

describe('the analysis bundle is loaded only to parse (CLI)', () => {
  let tmp: string;
  let tree: string;
  let dist: string;

  function check(...args: string[]): Run {
    const env = { ...process.env, MULTIPHASE_CACHE_DIR: join(tmp, 'cache') };
    const run = spawnSync(process.execPath, [join(dist, 'cli.js'), 'check', '--stats', ...args], { cwd: tree, encoding: 'utf8', timeout: 60_000, env });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }
  const reused = (run: Run): number => Number(/reused: (\d+)/.exec(run.stdout)?.[1] ?? NaN);
  const timeless = (text: string): string => text.replace(/ in \d+\.\d\d s$/m, '').replace(/time: [^,\n]*/, '').replace(/reused: \d+/, '');
  const setTime = (path: string, seconds: number): void => utimesSync(path, seconds, seconds);

  before(() => assert.ok(existsSync(join(DIST, 'cliAnalysis.js')), 'dist/cliAnalysis.js is missing: run `npm run build` first (npm test does)'));
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'multiphase-bundles-'));
    tree = join(tmp, 'tree');
    dist = join(tmp, 'dist');
    mkdirSync(join(tree, 'src'), { recursive: true });
    mkdirSync(dist);
    for (const name of readdirSync(DIST).filter((n) => /^cli(Analysis)?\.js$|\.wasm$/.test(n))) copyFileSync(join(DIST, name), join(dist, name));
    for (const name of ['cli.js', 'cliAnalysis.js']) setTime(join(dist, name), HOUR_AGO);
    copyFileSync(join(FIXTURES, 'single_positional.c'), join(tree, 'src', 'single.c'));
    writeFileSync(join(tree, 'src', 'helper.c'), 'static int add(int a, int b) { return a + b; }\n');
    for (const file of ['src/single.c', 'src/helper.c']) setTime(join(tree, file), HOUR_AGO);
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('a second run that reuses every result does not load it; one with a file to parse does', () => {
    const first = check();
    assert.equal(first.status, 1, first.stderr);
    // The same size and mtime, so the result cache takes it for the same build.
    const bundle = join(dist, 'cliAnalysis.js');
    const poisoned = `throw new Error('analysis bundle loaded');\n`;
    writeFileSync(bundle, poisoned.padEnd(statSync(bundle).size, ' '));
    setTime(bundle, HOUR_AGO);
    const second = check();
    assert.equal(reused(second), 2, second.stdout);
    assert.equal(second.status, first.status, second.stderr);
    assert.equal(timeless(second.stdout), timeless(first.stdout));
    assert.equal(second.stderr, first.stderr);
    writeFileSync(join(tree, 'src', 'other.c'), readFileSync(join(FIXTURES, 'two_modules.c')));
    const third = check();
    assert.equal(third.status, 2);
    assert.match(third.stderr, /analysis bundle loaded/);
  });

  it('a new build of the analysis bundle alone starts the cache afresh', () => {
    check();
    assert.equal(reused(check()), 2);
    setTime(join(dist, 'cliAnalysis.js'), HOUR_AGO + 60);
    const rebuilt = check();
    assert.equal(reused(rebuilt), 0, rebuilt.stdout);
    assert.equal(reused(check()), 2);
  });
});
