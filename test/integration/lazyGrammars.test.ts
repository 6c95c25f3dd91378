// Work that cannot produce a finding is not done: a file whose bytes hold no
// module word is never parsed, and a grammar is loaded only when a file that
// needs it is parsed. Run in a fresh process, since grammars stay loaded.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { singlePhaseModule } from './lsp/sources';

const ROOT = join(__dirname, '..', '..');

/** analyzeFiles over `dir` in a new process: which grammars it loaded, and what it found. */
function analyseInFreshProcess(dir: string): { c: boolean; cpp: boolean; modules: number; statuses: string[] } {
  const script = `
    const { analyzeFiles } = require('./server/src/cli/parallel.ts');
    const { isLanguageLoaded } = require('./server/src/core/parser.ts');
    const { walkSources } = require('./server/src/files/walk.ts');
    analyzeFiles([...walkSources([${JSON.stringify(dir)}], { embedded: { docs: true, pythonStrings: true } })]).then((results) => {
      process.stdout.write(JSON.stringify({
        c: isLanguageLoaded('c'), cpp: isLanguageLoaded('cpp'),
        modules: results.reduce((n, r) => n + r.modules, 0), statuses: results.map((r) => r.status),
      }));
    });`;
  const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as { c: boolean; cpp: boolean; modules: number; statuses: string[] };
}

describe('grammars load only for files that need a parse', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'multiphase-lazy-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'util.cpp'), 'namespace util { int twice(int x) { return 2 * x; } }\n');
    writeFileSync(join(dir, 'src', 'helpers.h'), '#include <Python.h>\nPyObject *make_list(void);\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a tree without any module word loads no grammar at all', () => {
    assert.deepEqual(analyseInFreshProcess(dir), { c: false, cpp: false, modules: 0, statuses: ['analysed', 'analysed'] });
  });

  it('a C module loads the C grammar only, though C++ files sit beside it', () => {
    writeFileSync(join(dir, 'src', 'spam.c'), singlePhaseModule('spam'));
    assert.deepEqual(analyseInFreshProcess(dir), { c: true, cpp: false, modules: 1, statuses: ['analysed', 'analysed', 'analysed'] });
  });

  it('a document whose code blocks are all C loads the C grammar only', () => {
    writeFileSync(join(dir, 'README.md'), `# spam\n\n\`\`\`c\n${singlePhaseModule('spam')}\`\`\`\n`);
    assert.deepEqual(analyseInFreshProcess(dir), { c: true, cpp: false, modules: 1, statuses: ['analysed', 'analysed', 'analysed'] });
  });

  it('a document with a C++ code block loads the C++ grammar for it', () => {
    writeFileSync(join(dir, 'README.md'), `# spam\n\n\`\`\`cpp\n${singlePhaseModule('spam')}\`\`\`\n`);
    assert.deepEqual(analyseInFreshProcess(dir), { c: false, cpp: true, modules: 1, statuses: ['analysed', 'analysed', 'analysed'] });
  });
});
