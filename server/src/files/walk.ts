// Walks paths for C/C++ sources the way a user expects of a linter: every
// .gitignore on the way down (and those above the start, up to the git
// root) is honoured, build/venv/node_modules folders are skipped, and
// `--exclude` globs add more. Paths named on the command line are always
// taken: a file given explicitly is yielded whatever its name.
import { existsSync, readFileSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { languageForPath } from '../core/grammars';
import { embedsC, type EmbeddedOptions } from '../core/embedded/hosts';

/** Folder names never worth walking: build output, virtualenvs, caches, VCS. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'build',
  '_build',
  'dist',
  '.venv',
  'venv',
  '.env',
  '__pycache__',
  '.tox',
  '.nox',
  '.eggs',
  '.mypy_cache',
  '.pytest_cache',
  'site-packages',
]);

export interface WalkOptions {
  /** Globs to leave out: without a `/` they match any file or folder name, with one the path below the walked root. */
  exclude?: readonly string[];
  /** Called for a path that cannot be read, and the walk goes on; without it the walk throws. */
  onError?: (path: string, message: string) => void;
  /** Called for a folder skipped by name, .gitignore or --exclude (for --verbose). */
  onSkip?: (path: string, reason: string) => void;
  /** Also yield the documents that may embed C (.rst/.md code blocks, .py strings), as far as these allow. */
  embedded?: EmbeddedOptions;
}

interface IgnoreScope {
  /** Folder the rules are relative to. */
  base: string;
  rules: Ignore;
}

export function toSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** `--exclude` patterns as one predicate over (path below the root, is a folder). */
export function excludeMatcher(patterns: readonly string[]): (relPath: string) => boolean {
  const byName = patterns.filter((p) => !p.includes('/'));
  const byPath = patterns.filter((p) => p.includes('/')).map((p) => p.replace(/^\.\//, ''));
  const nameMatch = byName.length ? picomatch(byName, { dot: true }) : undefined;
  const pathMatch = byPath.length ? picomatch(byPath, { dot: true }) : undefined;
  return (relPath) => Boolean(nameMatch?.(basename(relPath)) || pathMatch?.(relPath));
}

function loadIgnoreFile(base: string, file: string): IgnoreScope | undefined {
  try {
    return { base, rules: ignore().add(readFileSync(file, 'utf8')) };
  } catch {
    return undefined; // no such file, or unreadable: no rules from it
  }
}

/** .gitignore scopes that apply above `dir`: from the git root down to dir's parent. */
function ancestorScopes(dir: string): IgnoreScope[] {
  const chain: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    chain.unshift(d);
    if (existsSync(join(d, '.git')) || dirname(d) === d) break;
  }
  const top = chain[0]!;
  if (!existsSync(join(top, '.git'))) return []; // not in a repository: only what we walk into
  const scopes: IgnoreScope[] = [];
  const exclude = loadIgnoreFile(top, join(top, '.git', 'info', 'exclude'));
  if (exclude) scopes.push(exclude);
  for (const d of chain.slice(0, -1)) {
    const scope = loadIgnoreFile(d, join(d, '.gitignore'));
    if (scope) scopes.push(scope);
  }
  return scopes;
}

function ignoredByGit(scopes: readonly IgnoreScope[], path: string, isDir: boolean): boolean {
  for (const scope of scopes) {
    // `path` and every base are resolved: a base that is a proper prefix gives the relative path by slicing.
    const rel = toSlashes(path.startsWith(scope.base + sep) ? path.slice(scope.base.length + 1) : relative(scope.base, path));
    if (rel && !rel.startsWith('..') && scope.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

function message(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err) {
    const code = String((err as { code: unknown }).code);
    if (code === 'ENOENT') return 'no such file or directory';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'ENOTDIR') return 'not a directory';
  }
  return err instanceof Error ? err.message : String(err);
}

/**
 * C/C++ sources under `paths`, depth first, in name order within a folder;
 * each path as given joined with the names below it.
 */
export function* walkSources(paths: readonly string[], options: WalkOptions = {}): Generator<string> {
  const excluded = excludeMatcher(options.exclude ?? []);
  // Overlapping paths (`src src/a.c`) reach a file twice: yield it once, so
  // nothing is reported, or converted, twice.
  const seen = new Set<string>();
  /** `key`: the path resolved. */
  const once = (key: string): boolean => {
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  const fail = (path: string, err: unknown): void => {
    if (!options.onError) throw new Error(`${path}: ${message(err)}`);
    options.onError(path, message(err));
  };

  /** `absDir`: `dir` resolved; `relDir`: `dir` below `root`, with slashes ('' for the root). */
  function* walkDir(root: string, dir: string, scopes: readonly IgnoreScope[], absDir = resolve(dir), relDir = ''): Generator<string> {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      fail(dir, err);
      return;
    }
    const own = loadIgnoreFile(absDir, join(dir, '.gitignore'));
    const active = own ? [...scopes, own] : scopes;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      // A listed name holds no separator and is never `.` or `..`: the resolved and relative paths are joined, not computed again.
      const abs = absDir.endsWith(sep) ? absDir + entry.name : absDir + sep + entry.name;
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      // Symbolic links to files count; links to folders are not followed (no cycles).
      const isFile = entry.isFile() || (entry.isSymbolicLink() && isFileTarget(full));
      if (entry.isDirectory()) {
        const reason = SKIPPED_DIRS.has(entry.name) || existsSync(join(full, 'pyvenv.cfg')) ? 'build, cache or virtualenv folder' : excluded(rel) ? '--exclude' : ignoredByGit(active, abs, true) ? '.gitignore' : undefined;
        if (reason && entry.name !== '.git') options.onSkip?.(full, reason);
        else yield* walkDir(root, full, active, abs, rel);
      } else if (isFile && (languageForPath(entry.name) || embedsC(entry.name, options.embedded)) && !excluded(rel) && !ignoredByGit(active, abs, false) && once(abs)) {
        yield full;
      }
    }
  }

  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (err) {
      fail(path, err);
      continue;
    }
    if (isDir) yield* walkDir(path, path, ancestorScopes(path));
    else if (once(resolve(path))) yield path;
  }
}

function isFileTarget(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false; // dangling link
  }
}

/**
 * Every source under `paths` for a subcommand: unreadable paths and (with
 * `verbose`) skipped folders are noted on stderr as `multiphase <command>`
 * says them; `unreadable` tells the caller to exit 2.
 */
export function collectSources(command: string, paths: readonly string[], options: { exclude: readonly string[]; verbose: boolean; embedded?: EmbeddedOptions }): { files: string[]; unreadable: boolean } {
  let unreadable = false;
  const note = (line: string): void => void process.stderr.write(`${line}\n`);
  const files = [
    ...walkSources(paths, {
      exclude: options.exclude,
      embedded: options.embedded,
      onError: (path, problem) => {
        unreadable = true;
        note(`multiphase ${command}: ${path}: ${problem}`);
      },
      onSkip: options.verbose ? (path, reason) => note(`${path}: skipped (${reason})`) : undefined,
    }),
  ];
  return { files, unreadable };
}
