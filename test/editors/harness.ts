// What the real-editor tier shares: the README's own snippets, the server
// installed the way the README says (npm pack + npm install -g, so the
// snippets' `multiphase-lsp` is on PATH), a temporary project holding one
// single-phase module, the editor run with a bound that only ends a hang,
// and the build-and-import check of what the editor saved.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mustRun } from '../e2e/harness/environment';
import { compileExtension, runFixtureChecks, type ProcessResult } from '../support/build';
import { REPO_ROOT } from '../support/lspClient';
import { discoverPythons, type PythonInstall } from '../support/pythons';
import { installGlobally, packServer } from '../support/serverPackage';
import { singlePhaseModule } from '../integration/lsp/sources';

/** What a driver script reports (see neovim-driver.lua, emacs-driver.el). */
export interface DriverResult {
  /** Names of the servers attached to the buffer. */
  attached?: string[];
  /** Rule codes shown before and after the conversion. */
  before?: string[];
  after?: string[];
  /** 1-based line, 0-based column of the cursor when code actions were asked for. */
  cursor?: [number, number];
  /** Titles of the code actions the editor offered there. */
  offered?: string[];
  /** Neovim: the summary :MultiphaseConvertAll printed. */
  convertAll?: { converted?: { file: string; module: string }[] };
  messages?: string[];
  message?: string;
  error?: string;
}

/** Where an editor tier cannot run: a failure in CI, a loud skip elsewhere. */
export function requireOrSkip(suite: Mocha.Context, missing: string | undefined): void {
  if (!missing) return;
  if (mustRun) throw new Error(`editor test cannot run: ${missing}`);
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\nSKIPPED: ${missing}.\nCI installs it and fails instead of skipping.\n${bar}\n`);
  suite.skip();
}

/** The output of `command args`, or undefined when it cannot run. */
export function tryRun(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    return execFileSync(command, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch {
    return undefined;
  }
}

/**
 * The ````lang` blocks of the README section whose heading matches `heading`,
 * joined; the section ends at the next heading of its level or above.
 */
export function readmeSnippet(heading: RegExp, lang: string): string {
  const lines = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8').split('\n');
  const start = lines.findIndex((line) => /^#{2,6} /.test(line) && heading.test(line));
  if (start < 0) throw new Error(`README has no heading matching ${heading}`);
  const level = /^#+/.exec(lines[start]!)![0].length;
  const blocks: string[] = [];
  let block: string[] | undefined;
  for (const line of lines.slice(start + 1)) {
    if (!block) {
      const next = /^(#+) /.exec(line);
      if (next && next[1]!.length <= level) break;
      if (line === '```' + lang) block = [];
    } else if (line === '```') {
      blocks.push(block.join('\n'));
      block = undefined;
    } else block.push(line);
  }
  if (blocks.length === 0) throw new Error(`README section ${heading} has no \`\`\`${lang} block`);
  return `${blocks.join('\n\n')}\n`;
}

let installed: string | undefined;

/** PATH with `multiphase-lsp` installed from this repository's npm pack in front (once per run). */
export function pathWithServer(): string {
  if (!installed) {
    const scratch = mkdtempSync(join(tmpdir(), 'multiphase-editors-npm-'));
    process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
    installed = installGlobally(packServer(join(scratch, 'pack')), join(scratch, 'prefix'));
  }
  return `${installed}:${process.env.PATH ?? ''}`;
}

export interface Project {
  root: string;
  /** The single-phase module's file the editor opens, and its module name. */
  file: string;
  module: string;
  original: string;
  /** A second single-phase module, in a file the editor does not open. */
  unopened: { file: string; module: string };
  /** Scratch space outside the project (editor state, results). */
  scratch: string;
}

/** A git project holding `<module>.c` and `src/<module>_other.c`, two single-phase modules. */
export function makeProject(module: string): Project {
  const scratch = mkdtempSync(join(tmpdir(), `multiphase-editor-${module}-`));
  const root = join(scratch, 'project');
  mkdirSync(root);
  execFileSync('git', ['init', '-q', root]);
  const original = singlePhaseModule(module);
  const file = join(root, `${module}.c`);
  writeFileSync(file, original);
  const unopened = { file: join(root, 'src', `${module}_other.c`), module: `${module}_other` };
  mkdirSync(join(root, 'src'));
  writeFileSync(unopened.file, singlePhaseModule(unopened.module));
  return { root, file, module, original, unopened, scratch };
}

/** Run an editor; `limitMs` only ends a hang (the driver's own waits are shorter). */
export function runEditor(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; limitMs: number }): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.limitMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output: `${output}${signal ? `\n(killed: ${signal})` : ''}` });
    });
  });
}

/** CPython 3.13 from pyenv, or why it is missing. */
export function python313(): PythonInstall | string {
  return discoverPythons().find((p) => p.minor === '3.13') ?? 'CPython 3.13 is not installed under pyenv';
}

/** Build the converted module against `python` and import it the PEP 489 way (fixture_runner.py, multi mode). */
export async function buildAndImport(project: Project, text: string, python: PythonInstall): Promise<ProcessResult> {
  const dir = join(project.scratch, 'build');
  const built = await compileExtension({ source: text, lang: 'c', moduleNames: [project.module], dir, python });
  if (!built.ok) return built;
  const smoke = join(project.scratch, 'smoke.py');
  writeFileSync(smoke, `import ${project.module}\nassert ${project.module}.twice(21) == 42\nassert ${project.module}.FACTOR == 2\n`);
  const onceGuard = text.includes('cannot load module more than once per process');
  return runFixtureChecks(python, 'multi', dir, smoke, [{ name: project.module, onceGuard }]);
}
