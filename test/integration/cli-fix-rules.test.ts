// `multiphase fix --rules` end to end with the built dist/cli.js: the rules'
// own fixes are applied only when asked, one line per fix, and a second run
// finds nothing left.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HALF_CONVERTED } from './lsp/sources';
import { runCli, type CliRun } from '../support/cli';

function fix(cwd: string, ...args: string[]): CliRun {
  return runCli(cwd, ['fix', ...args]);
}

describe('CLI: fix --rules', () => {
  let tmp = '';
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'multiphase-fix-rules-'));
    writeFileSync(join(tmp, 'half.c'), HALF_CONVERTED.replace(/\n/g, '\r\n'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('leaves a multi-phase module alone without --rules', () => {
    const run = fix(tmp);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, '');
    assert.equal(readFileSync(join(tmp, 'half.c'), 'utf8'), HALF_CONVERTED.replace(/\n/g, '\r\n'));
  });

  it('applies every small fix with --rules, in the file\'s CRLF line ends, then has nothing left', () => {
    const run = fix(tmp, '--rules');
    assert.equal(run.status, 0);
    assert.deepEqual(run.stdout.trim().split('\n').map((line) => line.split(': ').slice(0, 3).join(': ')).sort(), [
      'half.c: half: fixed exec-decrefs-module',
      'half.c: half: fixed import-macro-in-exec',
      'half.c: half: fixed missing-gil-slot',
      'half.c: half: fixed missing-multiple-interpreters-slot',
      'half.c: half: fixed negative-m-size',
    ]);
    const text = readFileSync(join(tmp, 'half.c'), 'utf8');
    assert.doesNotMatch(text, /[^\r]\n/, 'every line still ends in CRLF');
    assert.match(text, /#ifdef Py_mod_gil\r\n    \{Py_mod_gil, Py_MOD_GIL_USED\},\r\n#endif\r\n/);
    assert.match(text, /\n    import_array1\(-1\);\r\n/);
    assert.match(text, /\.m_size = 0,/);
    assert.equal(fix(tmp, '--rules').stdout, '');
    assert.equal(readFileSync(join(tmp, 'half.c'), 'utf8'), text);
  });
});
