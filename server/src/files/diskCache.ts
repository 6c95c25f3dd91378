// Where multiphase keeps results it may reuse in a later run, and how it
// reads and writes them. Never inside the user's tree (`check` must not write
// where it only reads): in the user's cache folder, as ruff and clangd keep
// theirs, or in MULTIPHASE_CACHE_DIR. A cache is only ever a shortcut: a file
// that cannot be read, parsed or written is the same as no cache, and a
// result made by another build of multiphase is never reused.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Cache files not written for this long are removed when another is written. */
const STALE_AFTER_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The cache folder: MULTIPHASE_CACHE_DIR, else $XDG_CACHE_HOME/multiphase,
 * else ~/.cache/multiphase. MULTIPHASE_CACHE_DIR set to an empty string
 * turns caching off.
 */
export function cacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.MULTIPHASE_CACHE_DIR;
  if (configured !== undefined) return configured === '' ? undefined : configured;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'multiphase');
  try {
    return join(homedir(), '.cache', 'multiphase');
  } catch {
    return undefined; // no home folder (a sandboxed user): no cache
  }
}

/**
 * Which build of multiphase this is: the size and mtime of the running
 * bundle, with the version. Undefined when not running from a bundle (the
 * tests' TypeScript sources), whose results could be stale after any edit.
 */
export function buildStamp(bundle: string, version: string): string | undefined {
  if (!bundle.endsWith('.js')) return undefined;
  try {
    const stat = statSync(bundle);
    return `${version}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/** A short hex digest, for names of cache files and for file contents. */
export function digest(data: string | Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}

/** The parsed JSON of a cache file, or undefined when missing or unreadable. */
export function readCacheFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Writes `value` as `name` in `folder` in one step (a temporary file renamed
 * over it), so a concurrent run reads the old file or the new one, never a
 * torn one. Old cache files are removed on the way. Returns why not, if not.
 */
export function writeCacheFile(folder: string, name: string, value: unknown): string | undefined {
  const temporary = join(folder, `${name}.${process.pid}.tmp`);
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(temporary, JSON.stringify(value));
    renameSync(temporary, join(folder, name));
  } catch (err) {
    removeQuietly(temporary);
    return err instanceof Error ? err.message : String(err);
  }
  removeStale(folder);
  return undefined;
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Not there to remove (`force` still throws when a parent is not a folder).
  }
}

function removeStale(folder: string): void {
  const now = Date.now();
  try {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (now - statSync(path).mtimeMs > STALE_AFTER_MS) unlinkSync(path);
    }
  } catch {
    // Another run removed it first, or the folder is shared read-only: nothing lost.
  }
}
