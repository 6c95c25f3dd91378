// `multiphase check` end to end: the built dist/cli.js on temporary trees.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { CATALOGUE, RULE_CODES } from '../../server/src/core/rules/catalogue';
import { CLI, runCli, type CliRun } from '../support/cli';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'test-fixtures', 'check');

function check(cwd: string, ...args: string[]): CliRun {
  return runCli(cwd, ['check', ...args]);
}

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  severity: string;
  message: string;
  fixable: boolean;
}

function fixture(name: string, dir: string, as = name): void {
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(FIXTURES, name), join(dir, as));
}

describe('multiphase check (CLI)', () => {
  let tmp: string;

  before(() => assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` first (npm test does)`));

  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'multiphase-check-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('--exit-zero prints the findings but exits 0', () => {
    fixture('single_positional.c', join(tmp, 'src'));
    const run = check(tmp, '--exit-zero');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /warning single-phase-init: /);
  });

  it('honours suppression comments on the line or the line above', () => {
    const source = [
      '#include <Python.h>',
      'static struct PyModuleDef spam_def = {PyModuleDef_HEAD_INIT, "spam", NULL,',
      '    -1 /* multiphase: ignore[negative-m-size] */, NULL};',
      'PyMODINIT_FUNC PyInit_spam(void) {',
      '    // multiphase: ignore',
      '    return PyModule_Create(&spam_def);',
      '}',
      '',
    ].join('\n');
    writeFileSync(join(tmp, 'spam.c'), source);
    const silenced = check(tmp, '--format', 'json');
    assert.equal(silenced.status, 0, silenced.stderr);
    assert.deepEqual(JSON.parse(silenced.stdout), []);
    // Naming another rule silences nothing.
    writeFileSync(join(tmp, 'spam.c'), source.replace('ignore[negative-m-size]', 'ignore[set-gil-call]').replace('    // multiphase: ignore\n', ''));
    const loud = JSON.parse(check(tmp, '--format', 'json').stdout) as JsonFinding[];
    assert.deepEqual(loud.map((f) => f.code).sort(), ['negative-m-size', 'single-phase-init']);
  });

  it('prints path:line:col: severity code: message and a summary, exit 1 on warnings', () => {
    fixture('single_positional.c', join(tmp, 'src'));
    const run = check(tmp);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^src\/single_positional\.c:23:5: warning negative-m-size: /m);
    assert.match(run.stdout, /^src\/single_positional\.c:30:12: warning single-phase-init: Module 'spam' uses single-phase initialization/m);
    assert.match(run.stdout, /1 file scanned, 1 module found, 2 findings in \d+\.\d\d s/);
    assert.match(run.stdout, /^ {2}single-phase-init: 1$/m);
  });

  it('exits 0 on a complete multi-phase module and on information-only findings', () => {
    fixture('multi_complete.c', tmp);
    fixture('missing_interpreters.c', tmp);
    const run = check(tmp);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /missing_interpreters\.c:10:25: information missing-multiple-interpreters-slot: /);
  });

  it('--format json: an array of findings with 1-based positions and exactly the documented keys', () => {
    fixture('exec_decref.c', tmp);
    const run = check(tmp, '--format', 'json', 'exec_decref.c');
    assert.equal(run.status, 1);
    const findings = JSON.parse(run.stdout) as JsonFinding[];
    assert.equal(findings.length, 3);
    for (const f of findings) {
      assert.deepEqual(Object.keys(f), ['file', 'line', 'column', 'endLine', 'endColumn', 'code', 'severity', 'message', 'fixable']);
    }
    assert.deepEqual(
      { ...findings[0], message: undefined },
      { file: 'exec_decref.c', line: 9, column: 9, endLine: 9, endColumn: 26, code: 'exec-decrefs-module', severity: 'error', message: undefined, fixable: true },
    );
    assert.deepEqual(findings.map((f) => f.fixable), [true, false, true]);
  });

  it('--format json: a single-phase-init finding carries the module state, limited to this file', () => {
    copyFileSync(join(ROOT, 'test-fixtures', 'convert', 'custom_error', 'input.c'), join(tmp, 'custom_error.c'));
    const run = check(tmp, '--format', 'json', 'custom_error.c');
    const findings = JSON.parse(run.stdout) as (JsonFinding & { state?: { summary: string; scope: string; items: { name: string; line: number; kind: string }[] } })[];
    const single = findings.find((f) => f.code === 'single-phase-init');
    assert.ok(single?.state, run.stdout);
    assert.equal(single.state.summary, 'immutable-after-init');
    assert.match(single.state.scope, /this file only/);
    assert.deepEqual(single.state.items.map((i) => [i.kind, i.name, i.line]), [['static', 'ParseError', 6]]);
    assert.ok(findings.filter((f) => f.code !== 'single-phase-init').every((f) => !('state' in f)));
  });

  it('--format sarif: SARIF 2.1.0 with the catalogue as rules and relative artifact paths', () => {
    fixture('state_lookup_single.c', join(tmp, 'pkg'));
    const run = check(tmp, '--format', 'sarif');
    assert.equal(run.status, 1);
    const log = JSON.parse(run.stdout) as Log;
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema ?? '', /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const run0 = log.runs[0]!;
    assert.equal(run0.tool.driver.name, 'multiphase');
    const rules = run0.tool.driver.rules ?? [];
    assert.deepEqual(rules.map((r) => r.id), RULE_CODES);
    for (const rule of rules) {
      assert.equal(rule.helpUri, CATALOGUE[rule.id as keyof typeof CATALOGUE].docs);
      assert.ok(rule.shortDescription?.text && rule.fullDescription?.text);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration?.level ?? ''));
    }
    const results = run0.results ?? [];
    assert.deepEqual(results.map((r) => r.ruleId).sort(), ['module-state-lookup', 'module-state-lookup', 'negative-m-size', 'single-phase-init']);
    for (const result of results) {
      assert.equal(rules[result.ruleIndex!]!.id, result.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(result.level ?? ''));
      assert.ok(result.message.text);
      const location = result.locations![0]!.physicalLocation!;
      assert.deepEqual(location.artifactLocation, { uri: 'pkg/state_lookup_single.c', uriBaseId: '%SRCROOT%' });
      assert.ok(location.region!.startLine! >= 1 && location.region!.startColumn! >= 1);
    }
    const single = results.find((r) => r.ruleId === 'single-phase-init')!;
    assert.equal(single.relatedLocations?.[0]?.physicalLocation?.region?.startLine, 4);
  });

  it('honours .gitignore (also above the checked folder) and skips build, venv and node_modules', () => {
    mkdirSync(join(tmp, '.git'));
    writeFileSync(join(tmp, '.gitignore'), 'generated/\n*.gen.c\n');
    for (const dir of ['src', 'src/generated', 'build', 'node_modules/pkg', '.venv', 'myenv', 'src/nested']) fixture('single_positional.c', join(tmp, dir), 'mod.c');
    writeFileSync(join(tmp, 'myenv', 'pyvenv.cfg'), 'home = /usr/bin\n');
    fixture('single_positional.c', join(tmp, 'src'), 'x.gen.c');
    writeFileSync(join(tmp, 'src', 'nested', '.gitignore'), 'mod.c\n');
    const run = check(tmp, '--format', 'json');
    assert.deepEqual([...new Set((JSON.parse(run.stdout) as JsonFinding[]).map((f) => f.file))], ['src/mod.c']);
    const below = check(join(tmp, 'src'), '--format', 'json');
    assert.deepEqual([...new Set((JSON.parse(below.stdout) as JsonFinding[]).map((f) => f.file))], ['mod.c']);
  });

  it('--exclude leaves out matching names and paths', () => {
    for (const dir of ['a', 'vendor/lib', 'b']) fixture('single_designated.c', join(tmp, dir), 'm.c');
    fixture('single_designated.c', join(tmp, 'b'), 'skip_me.c');
    const run = check(tmp, '--format', 'json', '--exclude', 'vendor', '--exclude', 'b/skip_*.c');
    assert.deepEqual([...new Set((JSON.parse(run.stdout) as JsonFinding[]).map((f) => f.file))], ['a/m.c', 'b/m.c']);
  });

  it('skips binary and huge files with a note, reads non-UTF-8 text as Latin-1, and checks the rest', () => {
    fixture('single_designated.c', tmp, 'good.c');
    writeFileSync(join(tmp, 'binary.c'), Buffer.from('PyInit_x\0\x01\x02'));
    writeFileSync(join(tmp, 'huge.c'), `/* PyInit_huge */\n${'int filler;\n'.repeat(500_000)}`);
    writeFileSync(join(tmp, 'latin1.c'), Buffer.from('/* caf\xe9 */ PyMODINIT_FUNC PyInit_latin(void) { return PyModule_Create(&d); }\n', 'latin1'));
    const run = check(tmp, '--format', 'json');
    assert.equal(run.status, 1);
    const findings = JSON.parse(run.stdout) as JsonFinding[];
    assert.deepEqual([...new Set(findings.map((f) => f.file))], ['good.c', 'latin1.c']);
    // Columns count characters: the é before the call is one.
    assert.deepEqual(findings.filter((f) => f.file === 'latin1.c').map((f) => [f.code, f.column]), [['single-phase-init', 55]]);
    assert.match(run.stderr, /binary\.c: skipped \(binary file/);
    assert.match(run.stderr, /huge\.c: skipped \(larger than 5 MB/);
    assert.match(run.stderr, /latin1\.c: not valid UTF-8; read as Latin-1/);
  });

  it('exits 2 with a message on stderr for an unreadable path, after checking the others', () => {
    fixture('single_designated.c', tmp, 'ok.c');
    const run = check(tmp, 'does-not-exist', 'ok.c');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /does-not-exist: no such file or directory/);
    assert.match(run.stdout, /ok\.c:14:19: warning single-phase-init/);
  });

  it('exits 2 on usage errors and 0 on --help', () => {
    const bad = check(tmp, '--format', 'xml');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--format must be one of text, json, sarif/);
    assert.equal(check(tmp, '--no-such-flag').status, 2);
    const help = check(tmp, '--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /usage: multiphase check/);
  });

  it('--verbose says which generated and binding-library files are skipped', () => {
    for (const name of ['cython_generated.c', 'pybind11_module.cpp', 'nanobind_module.cpp']) fixture(name, tmp);
    const run = check(tmp, '--verbose');
    assert.equal(run.status, 0);
    assert.match(run.stderr, /cython_generated\.c: skipped \(generated by Cython/);
    assert.match(run.stderr, /pybind11_module\.cpp: skipped \(built on pybind11/);
    assert.match(run.stderr, /nanobind_module\.cpp: skipped \(built on nanobind/);
    assert.equal(check(tmp).stderr, '', 'quiet without --verbose');
  });

  it('--stats prints files, bytes, time and the results reused from the last run; json stays parseable', () => {
    fixture('two_modules.c', tmp);
    const text = check(tmp, '--stats');
    assert.match(text.stdout, /^files: 1, bytes: \d+, time: \d+\.\d\d s, reused: 0$/m);
    assert.match(check(tmp, '--no-cache', '--stats').stdout, /^files: 1, bytes: \d+, time: \d+\.\d\d s$/m);
    const json = check(tmp, '--stats', '--format', 'json');
    assert.doesNotThrow(() => JSON.parse(json.stdout));
    assert.match(json.stderr, /^files: 1, bytes: \d+, time: /m);
  });

  it('gives the same findings with worker threads as without', () => {
    for (let i = 0; i < 30; i++) fixture(i % 2 ? 'single_positional.c' : 'exec_returns_pointer.c', join(tmp, `d${i % 3}`), `m${i}.c`);
    const serial = runCli(tmp, ['check', '--format', 'json'], { MULTIPHASE_WORKERS: '0' });
    const parallel = runCli(tmp, ['check', '--format', 'json'], { MULTIPHASE_WORKERS: '2' });
    assert.equal(parallel.status, 1);
    assert.equal((JSON.parse(serial.stdout) as JsonFinding[]).length, 15 * 2 + 15 * 3);
    assert.equal(parallel.stdout, serial.stdout);
  });
});
