// Where multiphase keeps results it may reuse in a later run, and how it
// reads and writes them. Never inside the user's tree (`check` must not write
// where it only reads): in the user's cache folder, as ruff and clangd keep
// theirs, or in MULTIPHASE_CACHE_DIR. A cache is only ever a shortcut: a file
// that cannot be read, parsed or written is the same as no cache, and a
// result made by another build of multiphase is never reused.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
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
 * bundle (or of each bundle a result depends on), with the version.
 * Undefined when not running from a bundle (the tests' TypeScript sources),
 * whose results could be stale after any edit.
 */
export function buildStamp(bundles: string | readonly string[], version: string): string | undefined {
  const stamps = [version];
  for (const bundle of typeof bundles === 'string' ? [bundles] : bundles) {
    if (!bundle.endsWith('.js')) return undefined;
    try {
      const stat = statSync(bundle);
      stamps.push(`${stat.size}:${stat.mtimeMs}`);
    } catch {
      return undefined;
    }
  }
  return stamps.join(':');
}

/** A short hex digest, for names of cache files and for file contents. */
export function digest(data: string | Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}

/**
 * A file whose mtime is this close to the moment it was read may have been
 * written again within the same clock tick, leaving its times unchanged (git
 * calls such entries "racily clean"): its stat cannot vouch for its bytes.
 */
const RACY_MS = 2000;

/** What vouches for a file's bytes without reading them: size, mtime, ctime (any write or rename moves it) and inode. */
export function statKey(stat: Stats): string {
  return `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}`;
}

/** Whether a file with this stat, read at `readAt` (ms since the epoch) or later, may change without its stat showing it. */
export function isRacy(stat: Stats, readAt: number): boolean {
  // A write after the read sets the mtime to a time later than the read, unless both fell in one tick.
  return stat.mtimeMs >= readAt - RACY_MS;
}

/** One cache file: where it lives, and the build and entry format its entries must have been written by. */
export interface CacheSlot {
  folder: string;
  name: string;
  build: string;
  format: number;
}

/**
 * The cache file of `kind` for `key` (everything that changes a result), or
 * undefined when caching is off or this is not a built bundle.
 */
export function cacheSlot(kind: string, key: unknown, format: number, bundle: string | readonly string[], version: string, env: NodeJS.ProcessEnv = process.env): CacheSlot | undefined {
  const folder = cacheFolder(env);
  const build = buildStamp(bundle, version);
  if (!folder || !build) return undefined;
  return { folder, name: `${kind}-${digest(JSON.stringify(key)).slice(0, 20)}.json`, build, format };
}

/** The entries kept in `slot` by this build in this format; none when the file is missing, broken or another build's. */
export function readEntries<Entry>(slot: CacheSlot): Record<string, Entry> {
  const loaded = readCacheFile(join(slot.folder, slot.name)) as { format?: unknown; build?: unknown; entries?: unknown } | undefined;
  const valid = loaded && loaded.format === slot.format && loaded.build === slot.build && typeof loaded.entries === 'object' && loaded.entries !== null;
  return valid ? (loaded.entries as Record<string, Entry>) : {};
}

/** Writes `entries` as the content of `slot` (atomically, see writeCacheFile); returns why not, if not. */
export function writeEntries(slot: CacheSlot, entries: Record<string, unknown>): string | undefined {
  return writeCacheFile(slot.folder, slot.name, { format: slot.format, build: slot.build, entries });
}

/** The parsed JSON of a cache file, or undefined when missing or unreadable. */
function readCacheFile(path: string): unknown {
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
function writeCacheFile(folder: string, name: string, value: unknown): string | undefined {
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
