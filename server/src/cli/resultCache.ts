// `check`'s results kept across runs, so that a second check of a tree costs
// a walk and a stat per file, as ruff's cache makes its second run cheap.
// One cache file per command line (working folder, paths, options) and build
// of multiphase. A result is reused without reading the file only when the
// file's size, mtime, ctime and inode are those it had when it was read, and
// that was not in the same moments as the run that read it (a write in the
// same clock tick as a read leaves the times unchanged: git calls such entries
// "racily clean"). Otherwise the file is read again; a file that needs
// parsing is then reused when its bytes hash as before (a touch, a branch
// switched there and back). Unreadable files and internal errors are never
// kept: they are asked again.
import { statSync, type Stats } from 'node:fs';
import { cacheSlot, digest, isRacy, readEntries, statKey, writeEntries, type CacheSlot } from '../files/diskCache';
import { screenFile, type AnalyzeOptions, type FileResult } from './screenFile';
import { mayIncludeSources } from '../files/includedSources';
import { readSourceBytes } from '../files/sources';

const FORMAT = 1;

interface Entry {
  /** size:mtime:ctime:inode when the file was read. */
  stat: string;
  /** The times were too close to the read to vouch for the bytes. */
  racy?: boolean;
  /** Digest of the bytes a parsed file's result was made from. */
  hash?: string;
  /** The bytes may `#include` a source file: read them again for IncludedSources. */
  includes?: boolean;
  result: FileResult;
}

export interface CacheKey {
  /** The bundles of this build (their sizes and mtimes tell builds apart). */
  bundles: readonly string[];
  version: string;
  cwd: string;
  paths: readonly string[];
  /** Everything else that changes a result. */
  options: unknown;
}

export class ResultCache {
  /** Files reused this run. */
  reused = 0;
  private readonly next: Record<string, Entry> = {};
  /**
   * What the stat taken before each file was read says, for the entry stored
   * after: the key and racy flag only, since a whole fs.Stats (four Dates
   * with it) for every file of the tree was ~1.5 MB kept to the end of the run.
   */
  private readonly pending = new Map<string, { key: string; racy: boolean }>();
  /** Files whose bytes may include a source file, among those read this run. */
  private readonly including = new Set<string>();
  private readonly startedAt = Date.now();
  private changed = false;

  private constructor(
    private readonly slot: CacheSlot,
    private readonly previous: Record<string, Entry>,
  ) {}

  /** The cache for this command line, or undefined when caching is off or impossible. */
  static open(key: CacheKey, env: NodeJS.ProcessEnv = process.env): ResultCache | undefined {
    const slot = cacheSlot('check', [key.cwd, key.paths, key.options], FORMAT, key.bundles, key.version, env);
    return slot ? new ResultCache(slot, readEntries<Entry>(slot)) : undefined;
  }

  /**
   * screenFile, or the result kept from an earlier run: without reading the
   * file when its stat vouches for it, else after reading it when it needs
   * parsing and its bytes are those the result was made from. `onBytes` sees
   * the bytes of a file that may include sources, reused or not.
   */
  screen(file: string, options: AnalyzeOptions, onBytes?: (content: Buffer) => void): FileResult | { parse: Buffer } {
    const kept = this.reuse(file);
    if (kept) {
      const read = kept.readForIncludes && onBytes ? readSourceBytes(file) : undefined;
      if (read?.kind === 'bytes') onBytes!(read.content);
      return kept.result;
    }
    const screened = screenFile(file, options, (content) => {
      if (mayIncludeSources(file, content)) this.including.add(file);
      onBytes?.(content);
    });
    if ('parse' in screened) return this.reuseContent(file, screened.parse) ?? screened;
    this.store(file, screened);
    return screened;
  }

  /**
   * The kept result of `file` when its stat vouches that nothing changed, with
   * whether its bytes must still be read for the included sources. Otherwise
   * undefined, and the stat is remembered for the entry `store` makes.
   */
  private reuse(file: string): { result: FileResult; readForIncludes: boolean } | undefined {
    let stat: Stats;
    try {
      stat = statSync(file);
    } catch {
      return undefined; // the read that follows says what is wrong
    }
    const key = statKey(stat);
    const entry = this.previous[file];
    if (entry && !entry.racy && entry.stat === key) return this.keep(file, entry);
    this.pending.set(file, { key, racy: isRacy(stat, this.startedAt) });
    return undefined;
  }

  /** The kept result of a file that needs parsing when its bytes are those it was made from. */
  private reuseContent(file: string, bytes: Buffer): FileResult | undefined {
    const entry = this.previous[file];
    if (!entry?.hash || entry.hash !== digest(bytes)) return undefined;
    const seen = this.pending.get(file);
    return seen ? this.keep(file, { ...entry, stat: seen.key, racy: seen.racy }).result : undefined;
  }

  /** Keep `result` (a parsed one carries the digest of its bytes), made after screen() took the file's stat. */
  store(file: string, result: FileResult): void {
    const seen = this.pending.get(file);
    if (!seen || result.status === 'unreadable' || result.internalErrors || result.note?.startsWith('internal error')) return;
    const { digest: hash, ...kept } = result;
    this.next[file] = { stat: seen.key, ...(seen.racy ? { racy: true } : {}), ...(hash ? { hash } : {}), ...(this.including.has(file) ? { includes: true } : {}), result: kept };
    this.changed = true;
  }

  /** Write the entries of this run (only the files it saw); returns why not, if it could not. */
  save(): string | undefined {
    const dropped = Object.keys(this.previous).some((file) => !(file in this.next));
    if (!this.changed && !dropped) return undefined;
    return writeEntries(this.slot, this.next);
  }

  private keep(file: string, entry: Entry): { result: FileResult; readForIncludes: boolean } {
    this.reused++;
    if (entry !== this.previous[file]) this.changed = true;
    this.next[file] = entry;
    return { result: entry.result, readForIncludes: Boolean(entry.includes) };
  }
}
