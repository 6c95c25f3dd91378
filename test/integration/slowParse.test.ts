// No result may depend on the clock. A clock double makes every parse look
// as if it ran for minutes (a machine under heavy load): `check` and `fix`
// must print and write exactly what they do with the real clock, and skip
// nothing. The language server may cut a parse short while the user types,
// but owes the full analysis once typing pauses.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '../../server/src/cli/check';
import { runFix } from '../../server/src/cli/fix';
import { DEFAULT_CONVERSION_OPTIONS } from '../../server/src/core/convert/options';
import { initParser, ParseTimeoutError, parseText, setParseClock } from '../../server/src/core/parser';
import { OpenDocument } from '../../server/src/lsp/documents';
import { captureOutput, type CapturedRun } from '../support/captureOutput';
import { singlePhaseModule } from './lsp/sources';

/** Every read of this clock is ten seconds after the previous one. */
function racingClock(): () => number {
  let now = 0;
  return () => (now += 10_000);
}

/** A generated lookup table (the shape of Unicode or precomputed tables) with a module after it. */
function tableWithModule(entries: number): string {
  const rows: string[] = [];
  for (let i = 0; i < entries; i += 16) {
    rows.push(`    ${Array.from({ length: 16 }, (_, j) => `0x${((i + j) * 2654435761 % 65536).toString(16).padStart(4, '0')}`).join(', ')},`);
  }
  return `/* Generated table: do not edit. */\nstatic const unsigned short lookup_table[${entries}] = {\n${rows.join('\n')}\n};\n\n${singlePhaseModule('table')}`;
}

function writeTree(root: string): void {
  const files: Record<string, string> = {
    'a/small.c': singlePhaseModule('small'),
    'b/table.c': tableWithModule(64 * 1024),
    'c/lookup.c': singlePhaseModule('lookup').replace('return PyLong_FromLong(2 * value);', 'return PyState_FindModule(&lookup_module);'),
    'd/plain.c': 'static int add(int a, int b) { return a + b; }\n',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
}

/** Run `command` with the real clock, then with the racing one. */
async function fastAndSlow(command: () => Promise<number>): Promise<{ fast: CapturedRun; slow: CapturedRun }> {
  const fast = await captureOutput(command);
  setParseClock(racingClock());
  try {
    return { fast, slow: await captureOutput(command) };
  } finally {
    setParseClock();
  }
}

describe('results do not depend on how long parsing takes', () => {
  let root: string;

  before(async () => {
    await initParser();
    root = mkdtempSync(join(tmpdir(), 'multiphase-slow-parse-'));
    writeTree(join(root, 'tree'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));
  afterEach(() => setParseClock());

  it('the clock double makes any parse with a time limit run out of time', () => {
    setParseClock(racingClock());
    assert.throws(() => parseText(tableWithModule(64 * 1024), 'c', null, 60_000), ParseTimeoutError);
  });

  it('check: the same findings, notes and exit status, and no file skipped', async () => {
    const tree = join(root, 'tree');
    // --no-cache: both runs must parse (in-process sources never use the cache, but say so).
    const { fast, slow } = await fastAndSlow(() => runCheck(['--no-cache', '--format', 'json', tree]));
    assert.deepEqual(slow, fast);
    assert.equal(fast.code, 1);
    assert.equal(fast.err, '', 'no notes: nothing skipped');
    const modules = (JSON.parse(fast.out) as { code: string; message: string }[]).filter((f) => f.code === 'single-phase-init').map((f) => /'(\w+)'/.exec(f.message)?.[1]);
    assert.deepEqual(modules.sort(), ['lookup', 'small', 'table']);
  });

  it('fix: the same output and the same files written', async () => {
    const fastTree = join(root, 'fix-fast');
    const slowTree = join(root, 'fix-slow');
    cpSync(join(root, 'tree'), fastTree, { recursive: true });
    cpSync(join(root, 'tree'), slowTree, { recursive: true });
    const fast = await captureOutput(() => runFix([fastTree]));
    setParseClock(racingClock());
    const slow = await captureOutput(() => runFix([slowTree]));
    setParseClock();
    assert.deepEqual({ ...slow, out: slow.out.replaceAll(slowTree, 'TREE') }, { ...fast, out: fast.out.replaceAll(fastTree, 'TREE') });
    assert.match(fast.out, /table\.c: table: converted/);
    assert.match(fast.out, /lookup\.c: lookup: /);
    for (const name of ['a/small.c', 'b/table.c', 'c/lookup.c', 'd/plain.c']) {
      assert.equal(readFileSync(join(slowTree, name), 'utf8'), readFileSync(join(fastTree, name), 'utf8'), name);
    }
    assert.match(readFileSync(join(slowTree, 'b/table.c'), 'utf8'), /PyModuleDef_Init\(&table_module\)/);
  });

  it('fix --diff: the same diff', async () => {
    const tree = join(root, 'tree');
    const { fast, slow } = await fastAndSlow(() => runFix(['--diff', tree]));
    assert.deepEqual(slow, fast);
    assert.match(fast.out, /\+\s+return PyModuleDef_Init\(&small_module\);/);
  });

  it('the server cuts a parse short while typing, and parses in full once typing pauses', async () => {
    setParseClock(racingClock());
    const document = new OpenDocument('file:///virtual/slow.c', undefined, 'c', 1, tableWithModule(4096), 1500);
    try {
      assert.equal(document.syntaxTree, null);
      assert.equal(document.parseCutShort, true);
      assert.equal(document.analysis(0, DEFAULT_CONVERSION_OPTIONS), null, 'no answer while the parse is owed');
      const exact = await document.exactAnalysis(0, DEFAULT_CONVERSION_OPTIONS);
      assert.ok(exact, 'the pause brings the full parse');
      assert.equal(document.parseCutShort, false);
      assert.deepEqual(exact.model.modules.map((m) => `${m.name}:${m.phase}`), ['table:single']);
      assert.ok(exact.findings.some((f) => f.code === 'single-phase-init'));
    } finally {
      document.dispose();
    }
  });
});
