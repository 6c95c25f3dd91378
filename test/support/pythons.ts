// Finds the CPython interpreters the compile-and-import tests build against:
// pyenv's 3.8-3.13, newest patch release of each.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Every minor version the converted code must keep working on. */
export const REQUIRED_MINORS = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13'] as const;

export interface PythonInstall {
  /** Full version, "3.13.0". */
  version: string;
  /** "3.13". */
  minor: string;
  executable: string;
  /** Directory holding Python.h. */
  includeDir: string;
  /** ".cpython-313-x86_64-linux-gnu.so". */
  extSuffix: string;
}

function pyenvRoot(): string {
  if (process.env.PYENV_ROOT) return process.env.PYENV_ROOT;
  try {
    return execFileSync('pyenv', ['root'], { encoding: 'utf8' }).trim();
  } catch {
    return join(homedir(), '.pyenv');
  }
}

/** "3.10.13" -> [3, 10, 13]; only plain releases (no "t", "-dev", "rc"). */
function releaseParts(name: string): [number, number, number] | undefined {
  const m = /^3\.(\d+)\.(\d+)$/.exec(name);
  return m ? [3, Number(m[1]), Number(m[2])] : undefined;
}

function describe(executable: string): { includeDir: string; extSuffix: string } | undefined {
  const script = 'import sysconfig,json;print(json.dumps([sysconfig.get_paths()["include"],sysconfig.get_config_var("EXT_SUFFIX")]))';
  try {
    // Python 2.7 has no EXT_SUFFIX: its extensions are plain .so files.
    const [includeDir, extSuffix] = JSON.parse(execFileSync(executable, ['-c', script], { encoding: 'utf8' })) as [string, string | null];
    return existsSync(join(includeDir, 'Python.h')) ? { includeDir, extSuffix: extSuffix ?? '.so' } : undefined;
  } catch {
    return undefined;
  }
}

let cached: PythonInstall[] | undefined;

/** Interpreters found, oldest first; at most one per required minor version. */
export function discoverPythons(): PythonInstall[] {
  if (cached) return cached;
  const versionsDir = join(pyenvRoot(), 'versions');
  const newest = new Map<string, { name: string; patch: number }>();
  for (const name of existsSync(versionsDir) ? readdirSync(versionsDir) : []) {
    const parts = releaseParts(name);
    if (!parts) continue;
    const minor = `3.${parts[1]}`;
    if (!(REQUIRED_MINORS as readonly string[]).includes(minor)) continue;
    const best = newest.get(minor);
    if (!best || parts[2] > best.patch) newest.set(minor, { name, patch: parts[2] });
  }
  const found: PythonInstall[] = [];
  for (const minor of REQUIRED_MINORS) {
    const pick = newest.get(minor);
    if (!pick) continue;
    const executable = join(versionsDir, pick.name, 'bin', 'python3');
    const info = existsSync(executable) ? describe(executable) : undefined;
    if (info) found.push({ version: pick.name, minor, executable, ...info });
  }
  cached = found;
  return found;
}

/**
 * pyenv's newest 2.7, for fixtures whose keepPython2 output must still build
 * and import there; undefined when pyenv has none.
 */
export function discoverPython2(): PythonInstall | undefined {
  const versionsDir = join(pyenvRoot(), 'versions');
  const names = (existsSync(versionsDir) ? readdirSync(versionsDir) : []).filter((n) => /^2\.7\.\d+$/.test(n));
  const name = names.sort((a, b) => Number(a.split('.')[2]) - Number(b.split('.')[2])).pop();
  if (!name) return undefined;
  const executable = join(versionsDir, name, 'bin', 'python2');
  const info = existsSync(executable) ? describe(executable) : undefined;
  return info ? { version: name, minor: '2.7', executable, ...info } : undefined;
}

export function missingMinors(found: readonly PythonInstall[]): string[] {
  return REQUIRED_MINORS.filter((minor) => !found.some((p) => p.minor === minor));
}

/**
 * CI sets MULTIPHASE_REQUIRE_ALL_PYTHONS=1: a missing interpreter is then a
 * failure. Locally it is a loud warning, so a partial setup still tests.
 */
export function assertInterpreters(found: readonly PythonInstall[]): void {
  const missing = missingMinors(found);
  if (missing.length === 0) return;
  const message = `compile-and-import: no CPython ${missing.join(', ')} found under pyenv (${pyenvRoot()}/versions); found ${found.map((p) => p.version).join(', ') || 'none'}`;
  if (process.env.MULTIPHASE_REQUIRE_ALL_PYTHONS === '1') throw new Error(`${message}. MULTIPHASE_REQUIRE_ALL_PYTHONS=1 requires all of ${REQUIRED_MINORS.join(', ')}.`);
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\nWARNING: ${message}.\nThese versions are NOT tested here; CI requires all six.\n${bar}\n`);
}

/**
 * Include directory of `pkg`'s C headers in `python` (numpy.get_include()),
 * or undefined when the package is not installed there.
 */
export function packageIncludeDir(python: PythonInstall, pkg: string): string | undefined {
  if (!/^\w+$/.test(pkg)) throw new Error(`bad package name ${pkg}`);
  try {
    return execFileSync(python.executable, ['-c', `import ${pkg};print(${pkg}.get_include())`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}
