// Walks paths for C/C++ sources the way a user expects of a linter: every
// .gitignore on the way down (and those above the start, up to the git
// root) is honoured, build/venv/node_modules folders are skipped, and
// `--exclude` globs add more. Paths named on the command line are always
// taken: a file given explicitly is yielded whatever its name.
import { existsSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import type picomatch from 'picomatch';
import { languageForPath } from '../core/grammars';
import { embedsC, type EmbeddedOptions } from '../core/embedded/hosts';
import { ancestorScopes, enter, folderScope, ignoredByGit, scopeHere, toSlashes, type ScopeHere } from './gitignore';

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

export { toSlashes };

/** `--exclude` patterns as one predicate over (path below the root, is a folder). */
export function excludeMatcher(patterns: readonly string[]): (relPath: string) => boolean {
  const excluded = entryExcluder(patterns);
  return (relPath) => excluded(basename(relPath), relPath);
}

/** The same, told the entry's name too, which the walker has in hand (no basename() per entry). */
function entryExcluder(patterns: readonly string[]): (name: string, relPath: string) => boolean {
  const byName = patterns.filter((p) => !p.includes('/'));
  const byPath = patterns.filter((p) => p.includes('/')).map((p) => p.replace(/^\.\//, ''));
  const nameMatch = byName.length ? globMatcher(byName) : undefined;
  const pathMatch = byPath.length ? globMatcher(byPath) : undefined;
  if (!nameMatch && !pathMatch) return () => false;
  return (name, relPath) => Boolean(nameMatch?.(name) || pathMatch?.(relPath));
}

/** picomatch is required only when there are globs: evaluating its module costs every other run start-up time. */
function globMatcher(globs: string[]): (path: string) => boolean {
  return (require('picomatch') as typeof picomatch)(globs, { dot: true });
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

const SKIP_REASON = 'build, cache or virtualenv folder';

/** readdir's name for a file that fs calls would find by `name` (which may ignore case). */
function sameName(entryName: string, name: string): boolean {
  return entryName.length === name.length && entryName.toLowerCase() === name;
}

/** A virtualenv (its pyvenv.cfg is there): asked of the file system, so that a link or an unsearchable folder counts as before. */
function isVenv(dir: string): boolean {
  return existsSync(join(dir, 'pyvenv.cfg'));
}

/** `name` inside the resolved folder `dir`, as resolve() would spell it. */
function below(dir: string, name: string): string {
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

/** A folder on the way down: as the user's path names it, resolved, and below the walked root (with slashes; '' at the root). */
interface Folder {
  path: string;
  resolved: string;
  rel: string;
}

/**
 * C/C++ sources under `paths`, depth first, in name order within a folder;
 * each path as given joined with the names below it.
 */
export function* walkSources(paths: readonly string[], options: WalkOptions = {}): Generator<string> {
  const excluded = entryExcluder(options.exclude ?? []);
  const isSource = (name: string): boolean => Boolean(languageForPath(name) || embedsC(name, options.embedded));
  // Overlapping paths (`src src/a.c`) reach a file twice: yield it once, so
  // nothing is reported, or converted, twice. One path cannot: links to
  // folders are not followed, so the walk below it meets each file once.
  const seen = paths.length > 1 ? new Set<string>() : undefined;
  const once = (resolved: () => string): boolean => {
    if (!seen) return true;
    const key = resolved();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  const fail = (path: string, err: unknown): void => {
    if (!options.onError) throw new Error(`${path}: ${message(err)}`);
    options.onError(path, message(err));
  };

  // A folder below the root is a virtualenv when it holds pyvenv.cfg: its own
  // listing says so (one stat confirms it), rather than a stat of every folder.
  function* walkDir(folder: Folder, scopes: readonly ScopeHere[], isRoot: boolean): Generator<string> {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder.path, { withFileTypes: true });
    } catch (err) {
      if (!isRoot && isVenv(folder.path)) options.onSkip?.(folder.path, SKIP_REASON);
      else fail(folder.path, err);
      return;
    }
    if (!isRoot && entries.some((e) => sameName(e.name, 'pyvenv.cfg')) && isVenv(folder.path)) {
      options.onSkip?.(folder.path, SKIP_REASON);
      return;
    }
    const own = entries.some((e) => sameName(e.name, '.gitignore')) ? folderScope(folder.path, folder.rel) : undefined;
    const here = own ? [...scopes, scopeHere(own)] : scopes;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const name = entry.name;
      const isDir = entry.isDirectory();
      if (!isDir && !isSource(name)) continue; // most names of a tree: no paths made for them
      const rel = folder.rel ? `${folder.rel}/${name}` : name;
      // Below the root the folder's path is join()'s own output, so appending is what join() would give.
      const full = isRoot ? join(folder.path, name) : folder.path + sep + name;
      // Symbolic links to files count; links to folders are not followed (no cycles).
      if (isDir) {
        if (SKIPPED_DIRS.has(name)) {
          if (name !== '.git') options.onSkip?.(full, SKIP_REASON);
          continue;
        }
        const reason = excluded(name, rel) ? '--exclude' : ignoredByGit(here, name, rel, true) ? '.gitignore' : undefined;
        // A virtualenv is named as one whatever else skips it.
        if (reason) options.onSkip?.(full, isVenv(full) ? SKIP_REASON : reason);
        else yield* walkDir({ path: full, resolved: below(folder.resolved, name), rel }, here.map((s) => enter(s, name)), false);
      } else if ((entry.isFile() || (entry.isSymbolicLink() && isFileTarget(full))) && !excluded(name, rel) && !ignoredByGit(here, name, rel, false) && once(() => below(folder.resolved, name))) {
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
    const resolved = resolve(path);
    if (isDir) yield* walkDir({ path, resolved, rel: '' }, ancestorScopes(resolved).map(scopeHere), true);
    else if (once(() => resolved)) yield path;
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
