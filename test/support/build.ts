// Compiles a fixture against one interpreter and runs the Python-side checks
// in it. The CI machine has two cores, so callers run these through
// `runLimited` with two workers.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PythonInstall } from './pythons';

/**
 * A suite's build folder, for use inside `describe`: made before its tests,
 * removed after them unless MULTIPHASE_KEEP_BUILDS=1 (to look at the builds).
 */
export function suiteBuildRoot(prefix: string): { readonly path: string } {
  let path = '';
  before(() => {
    path = mkdtempSync(join(tmpdir(), prefix));
  });
  after(() => {
    if (path && process.env.MULTIPHASE_KEEP_BUILDS !== '1') rmSync(path, { recursive: true, force: true });
  });
  return {
    get path(): string {
      return path;
    },
  };
}

export const BUILD_WORKERS = Math.max(1, Math.min(2, cpus().length));

export interface ProcessResult {
  ok: boolean;
  output: string;
}

function run(file: string, args: string[], timeoutMs: number): Promise<ProcessResult> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`.trim();
      resolve({ ok: !error, output: error && !output ? String(error) : output });
    });
  });
}

/** Run `tasks` with at most `workers` in flight; results keep task order. */
export async function runLimited<T>(tasks: readonly (() => Promise<T>)[], workers = BUILD_WORKERS): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, tasks.length) }, worker));
  return results;
}

export interface BuildRequest {
  /** The C or C++ text to build. */
  source: string;
  lang: 'c' | 'cpp';
  /** Module names the file defines; the first names the shared object. */
  moduleNames: readonly string[];
  /** Empty directory this build owns. */
  dir: string;
  python: PythonInstall;
  /** Extra header directories (a package's C API). */
  includeDirs?: readonly string[];
  /** Macros the build defines (`-DNAME=VALUE`), as setup.py define_macros do. */
  defines?: readonly string[];
  /** Further compiler flags (e.g. -Wextra). */
  flags?: readonly string[];
}

// -Werror: a converted file that warns (unused label, unused variable,
// missing prototype of the exec function) is not what a maintainer writes.
// No -std: the compilers' defaults (gnu17, gnu++17) are what setuptools uses.
const COMMON_FLAGS = ['-shared', '-fPIC', '-O0', '-Wall', '-Werror'];

/**
 * Write `source` into `dir`, compile it into `<first module><EXT_SUFFIX>`
 * and link the file under every other module name, so each `PyInit_<name>`
 * the file defines can be imported by that name.
 */
export async function compileExtension(req: BuildRequest): Promise<ProcessResult> {
  rmSync(req.dir, { recursive: true, force: true });
  mkdirSync(req.dir, { recursive: true });
  const sourcePath = join(req.dir, req.lang === 'cpp' ? 'module.cpp' : 'module.c');
  writeFileSync(sourcePath, req.source);
  const [first, ...others] = req.moduleNames;
  const target = `${first}${req.python.extSuffix}`;
  const compiler = req.lang === 'cpp' ? 'g++' : 'gcc';
  const result = await run(compiler, [...COMMON_FLAGS, `-I${req.python.includeDir}`, ...(req.includeDirs ?? []).map((d) => `-I${d}`), ...(req.defines ?? []).map((d) => `-D${d}`), ...(req.flags ?? []), '-o', join(req.dir, target), sourcePath], 120_000);
  if (result.ok) for (const name of others) symlinkSync(target, join(req.dir, `${name}${req.python.extSuffix}`));
  return { ok: result.ok, output: result.output ? `${compiler} (Python ${req.python.version}):\n${result.output}` : '' };
}

export interface ModuleExpectation {
  name: string;
  onceGuard: boolean;
  replay?: boolean;
}

const RUNNER = join(__dirname, 'fixture_runner.py');

/** Import the built modules, run the smoke script and the PEP 489 checks. */
export function runFixtureChecks(
  python: PythonInstall,
  mode: 'single' | 'multi',
  buildDir: string,
  smokePath: string,
  modules: readonly ModuleExpectation[],
): Promise<ProcessResult> {
  // -X dev: debug memory allocator hooks, so a wrong DECREF shows up as a crash.
  return run(python.executable, ['-X', 'dev', '-X', 'faulthandler', RUNNER, mode, buildDir, smokePath, JSON.stringify(modules)], 60_000);
}

/**
 * Python 2.7 has no PEP 489 and no importlib machinery to check it with:
 * import the built module by name and run the smoke script (written to run
 * on 2.7 and 3).
 */
export function runSmokeOnly(python: PythonInstall, buildDir: string, smokePath: string): Promise<ProcessResult> {
  const script = 'import sys;sys.path.insert(0,sys.argv[1]);exec(compile(open(sys.argv[2]).read(),sys.argv[2],"exec"),{"__name__":"__main__"})';
  return run(python.executable, ['-c', script, buildDir, smokePath], 60_000);
}
