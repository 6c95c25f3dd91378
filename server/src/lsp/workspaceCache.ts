// The workspace index's reports for files on disk, kept across server
// sessions: a server started again on the same folders (the user reopens the
// workspace) answers its first workspace/diagnostic pull with a walk and a
// stat per file, as a second `check` does (cli/resultCache.ts, whose rules
// these are). One cache file per set of workspace folders, settings that
// change a report, conversion options and build, in the cache folder of
// files/diskCache.ts, never in the workspace. A report is reused without
// reading the file only when the file's size, mtime, ctime and inode are
// those it had when it was read, and it was not written in the moments before
// that read (a later write in the same tick leaves the times unchanged);
// otherwise the file is read again and the report kept when the bytes hash as
// before. Reports of files that could not be read or decoded, and of analyses
// that failed or met a converter bug, are never kept. Each file's kept entry
// is asked once per session and key; after that the in-memory index and the
// file watcher decide, as they did before. Open documents never come from here.
import type { Stats } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver';
import type { ConversionOptions } from '../core/convert/options';
import type { MultiphaseSettings } from '../core/settings';
import { cacheSlot, digest, isRacy, readEntries, statKey, writeEntries, type CacheSlot } from '../files/diskCache';

const FORMAT = 1;

/** A file's report as the client sees it. */
export interface DiskReport {
  /** Made from the diagnostics, so that equal ids mean equal answers in any session (see reportId). */
  resultId: string;
  diagnostics: Diagnostic[];
}

interface Entry {
  /** size:mtime:ctime:inode when the file was read. */
  stat: string;
  /** The times were too close to the read (or the file watcher reported a change) to vouch for the bytes. */
  racy?: boolean;
  /** Digest of the bytes the report was made from. */
  hash: string;
  report: DiskReport;
}

/** A kept report handed to the index: `vouched` when the file's stat says it is unchanged. */
export interface KeptReport {
  report: DiskReport;
  hash: string;
  vouched: boolean;
}

/** Settings that decide which files are walked or what a command does, never what a file's report says. */
const NOT_IN_REPORTS: ReadonlySet<string> = new Set<keyof MultiphaseSettings>(['exclude', 'previewConvertAll']);

export interface WorkspaceCacheKey {
  folders: readonly string[];
  settings: MultiphaseSettings;
  options: ConversionOptions;
}

/** The running bundle and version: a new build of multiphase starts afresh (see buildStamp). */
export interface BuildIdentity {
  bundle: string;
  version: string;
}

/**
 * The id of a report with these diagnostics. A client that holds this id is
 * told "unchanged" and keeps what it shows, so the id must change whenever
 * the diagnostics do: a stamp of size, mtime and settings generation would
 * not (an edit that puts the mtime back; generation 2 of one session against
 * generation 2 of the next), a digest of the answer itself does.
 */
export function reportId(diagnostics: readonly Diagnostic[]): string {
  return `d${digest(JSON.stringify(diagnostics)).slice(0, 20)}`;
}

function isEntry(value: unknown): value is Entry {
  const entry = value as Partial<Entry> | null;
  return typeof entry?.stat === 'string' && typeof entry.hash === 'string' && typeof entry.report?.resultId === 'string' && Array.isArray(entry.report.diagnostics);
}

export class WorkspaceCache {
  /** Reports of the earlier session reused without reading the file, and after reading bytes that hashed as before. */
  private reusedByStat = 0;
  private reusedByContent = 0;
  /** Entries made or confirmed in this session. */
  private readonly next = new Map<string, Entry>();
  /** Which paths the cache file holds now, and whether `next` differs from what it holds. */
  private written: ReadonlySet<string>;
  private changed = false;
  private told = false;
  private unwritable = false;

  private constructor(
    private readonly slot: CacheSlot,
    /** The earlier session's entries not asked for yet. */
    private readonly previous: Map<string, unknown>,
  ) {
    this.written = new Set(previous.keys());
  }

  /** The kept reports for this key, or undefined when caching is off (an empty MULTIPHASE_CACHE_DIR) or impossible. */
  static open(key: WorkspaceCacheKey, build: BuildIdentity, env: NodeJS.ProcessEnv = process.env): WorkspaceCache | undefined {
    const reportSettings = Object.fromEntries(Object.entries(key.settings).filter(([name]) => !NOT_IN_REPORTS.has(name)));
    const slot = cacheSlot('workspace', [[...key.folders].sort(), reportSettings, key.options], FORMAT, build.bundle, build.version, env);
    return slot ? new WorkspaceCache(slot, new Map(Object.entries(readEntries<unknown>(slot)))) : undefined;
  }

  /** Whether take(path, stat) would vouch for the kept report (peeks only). */
  vouches(path: string, stat: Stats): boolean {
    const entry = this.previous.get(path);
    return isEntry(entry) && !entry.racy && entry.stat === statKey(stat);
  }

  /**
   * The earlier session's report of `path`, once: the entry leaves the
   * earlier set either way. A vouched one is kept for the next session as it is.
   */
  take(path: string, stat: Stats): KeptReport | undefined {
    const entry = this.previous.get(path);
    if (!this.previous.delete(path) || !isEntry(entry)) return undefined;
    const vouched = !entry.racy && entry.stat === statKey(stat);
    if (vouched) {
      this.reusedByStat++;
      this.next.set(path, entry);
    }
    return { report: entry.report, hash: entry.hash, vouched };
  }

  /**
   * Keep `report`, made from bytes with digest `hash` read after `stat` was
   * taken at `readAt`; `reused` when it is the earlier session's, for bytes that hashed the same.
   */
  record(path: string, stat: Stats, readAt: number, hash: string, report: DiskReport, reused = false): void {
    if (reused) this.reusedByContent++;
    const entry: Entry = { stat: statKey(stat), ...(isRacy(stat, readAt) ? { racy: true } : {}), hash, report };
    const before = this.next.get(path);
    if (before && before.stat === entry.stat && before.racy === entry.racy && before.hash === hash && before.report.resultId === report.resultId) return;
    this.next.set(path, entry);
    this.changed = true;
  }

  /** The file is gone or unreadable: keep nothing for it. */
  forget(path: string): void {
    this.previous.delete(path);
    if (this.next.delete(path)) this.changed = true;
  }

  /** The file watcher says the file changed: its stat no longer vouches for the kept report (its bytes still may). */
  distrust(path: string): void {
    const entry = this.previous.get(path);
    if (isEntry(entry)) this.previous.set(path, { ...entry, racy: true });
  }

  /**
   * A scan walked `seen` to its end: write the reports of those files (a file
   * not asked for meanwhile, as an open document, keeps its earlier entry),
   * when they differ from the cache file's. Returns a line for the log: how
   * much the first scan reused, or why the reports cannot be kept.
   */
  save(seen: Iterable<string>): string | undefined {
    const kept = new Map<string, Entry>();
    for (const path of seen) {
      const entry = this.next.get(path) ?? this.previous.get(path);
      if (isEntry(entry)) kept.set(path, entry);
    }
    const same = !this.changed && kept.size === this.written.size && [...kept.keys()].every((path) => this.written.has(path));
    if (!same && !this.unwritable) {
      const why = writeEntries(this.slot, Object.fromEntries(kept));
      if (why) {
        this.unwritable = true; // as no cache: not tried again on every pull
        return `Workspace reports not kept for the next session: ${why}`;
      }
      this.written = new Set(kept.keys());
      this.changed = false;
    }
    if (this.told) return undefined;
    this.told = true;
    return `Workspace reports kept from an earlier session: ${this.reusedByStat} reused without reading the file, ${this.reusedByContent} after reading bytes that had not changed; ${kept.size} kept for the next (${this.slot.name})`;
  }
}
