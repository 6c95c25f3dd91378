// The workspace folders and a per-file diagnostics cache for files on disk,
// keyed by size, mtime and settings generation: the client re-pulls
// workspace diagnostics every few seconds, and unchanged files must cost one
// stat, not a parse. When the stat changed but the bytes did not (a touch, a
// branch switched back and forth), the content hash keeps the old answer.
// With a cache folder, the answers also outlive the session (workspaceCache.ts).
import { LineIndex } from '../core/text/lines';
import { bytesMayEmbed, hostEnabled, hostKindForPath, hostRegions, neededLanguages, type HostKind } from '../core/embedded/hosts';
import { embeddedOptionsFrom } from '../core/settings';
import { analyzeHostText, loadNeededGrammars, type EmbeddedDocument } from './embeddedDocuments';
import { statSync, type Stats } from 'node:fs';
import { digest } from '../files/diskCache';
import { decodeSource, readSourceBytes } from '../files/sources';
import { sep } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { languageForPath, type LanguageId } from '../core/grammars';
import { isLanguageLoaded, loadLanguage } from '../core/parser';
import type { DocumentAnalysis, DocumentStore, OpenDocument } from './documents';
import { toDiagnostics } from './diagnostics';
import { withTransientAnalysis } from './fileAnalysis';
import type { SettingsStore } from './settings';
import { pathToUri, uriToPath } from './uris';
import { walkWorkspaceFolder } from './workspaceFiles';
import { bytesMayHoldFindings } from '../core/prefilter';
import { reportId, type WorkspaceCache, type WorkspaceCacheKey } from './workspaceCache';

export interface FileReport {
  uri: string;
  /** Set when the report comes from an open document. */
  version: number | null;
  resultId: string;
  diagnostics: Diagnostic[];
}

export interface DocumentReport extends FileReport {
  /** Every converter verdict in it was asked for this text. */
  exact: boolean;
}

interface CacheEntry {
  /** Size, mtime and settings generation; empty once the file watcher said it changed. */
  stamp: string;
  /** Hash of the bytes the report was made from, with the settings generation. */
  content: string;
  report: FileReport;
  /** The report may outlive the session: made from bytes, decoded, analysed without failure. */
  keep: boolean;
}

/** Reports kept across sessions: how to open them for a key, and where their log lines go. */
export interface KeptReports {
  open(key: WorkspaceCacheKey): WorkspaceCache | undefined;
  log(line: string): void;
}

export class WorkspaceIndex {
  private readonly folderPaths = new Set<string>();
  private readonly cache = new Map<string, CacheEntry>();
  /** Bumped when folders are added or removed: the kept reports are per set of folders. */
  private folderChanges = 0;
  private kept: { generation: number; folderChanges: number; cache: WorkspaceCache | undefined } | undefined;

  constructor(
    private readonly documents: DocumentStore,
    private readonly settings: SettingsStore,
    private readonly log: (message: string) => void,
    private readonly keptReports?: KeptReports,
  ) {}

  get folders(): string[] {
    return [...this.folderPaths];
  }

  addFolders(uris: readonly string[]): void {
    for (const uri of uris) {
      const path = uriToPath(uri);
      if (path) this.folderPaths.add(path);
    }
    this.folderChanges++;
  }

  removeFolders(uris: readonly string[]): void {
    for (const uri of uris) {
      const path = uriToPath(uri);
      if (path) this.folderPaths.delete(path);
    }
    this.folderChanges++;
  }

  contains(path: string): boolean {
    return this.folders.some((folder) => path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep));
  }

  /** Every C/C++ file of every folder that the exclude settings and .gitignore let through. */
  *files(): Generator<string> {
    const seen = new Set<string>();
    for (const folder of this.folderPaths) {
      for (const path of walkWorkspaceFolder(folder, this.settings.current.exclude, this.log, embeddedOptionsFrom(this.settings.current))) {
        if (seen.has(path)) continue; // nested workspace folders
        seen.add(path);
        yield path;
      }
    }
  }

  /** Diagnostics for an open document, from its cached (quick) analysis. */
  reportForDocument(document: OpenDocument): DocumentReport {
    return this.documentReport(document, document.analysis(this.settings.generation, this.settings.conversionOptions));
  }

  /** The same after asking the converter afresh; null when the document changed meanwhile. */
  async exactReportForDocument(document: OpenDocument): Promise<DocumentReport | null> {
    const version = document.version;
    const analysis = await document.exactAnalysis(this.settings.generation, this.settings.conversionOptions);
    if (document.version !== version || (analysis && !analysis.exact)) return null;
    return this.documentReport(document, analysis);
  }

  private documentReport(document: OpenDocument, analysis: DocumentAnalysis | null): DocumentReport {
    const diagnostics = analysis
      ? toDiagnostics(document.uri, document.version, analysis.text, analysis.lines, analysis.findings, this.settings.current)
      : [];
    // A parse cut short by the typing-time limit is not an answer: the exact pass owes one.
    const exact = analysis?.exact ?? !document.parseCutShort;
    return {
      uri: document.uri,
      version: document.version,
      resultId: `v${document.version}-s${this.settings.generation}${exact ? '' : '-quick'}`,
      diagnostics,
      exact,
    };
  }

  /** Load the grammar reportForPath needs for `path` (the C++ grammar loads only for a C++ file). */
  async prepare(path: string): Promise<void> {
    const lang = languageForPath(path);
    const host = lang ? undefined : hostKindForPath(path);
    const mayNeedCpp = host !== undefined && host !== 'py' && !isLanguageLoaded('cpp') && !this.documents.embedded.forPath(path);
    // A report that will come from a cache needs no grammar (a reopened workspace may never load the C++ one).
    if (((lang && !isLanguageLoaded(lang)) || mayNeedCpp) && this.answerIsKept(path)) return;
    if (lang && !isLanguageLoaded(lang)) await loadLanguage(lang);
    // A .md/.rst file may hold C++ blocks: read it (only such a document naming a module word) for the grammars it needs.
    if (mayNeedCpp) {
      const read = readSourceBytes(path);
      const source = read.kind === 'bytes' && bytesMayEmbed(read.content) ? decodeSource(read.content) : undefined;
      if (source?.kind === 'text') await loadNeededGrammars(source.text, host);
    }
    await this.documents.forPath(path)?.ensureParsed();
  }

  /** Whether reportForPath(path) would answer from a cache, without reading the file (peeks only). */
  private answerIsKept(path: string): boolean {
    if (this.documents.forPath(path)) return false;
    let stat: Stats;
    try {
      stat = statSync(path);
    } catch {
      return false;
    }
    return this.cache.get(path)?.stamp === this.stampOf(stat) || Boolean(this.persisted()?.vouches(path, stat));
  }

  /** The in-memory cache's key: size, mtime and settings generation. */
  private stampOf(stat: Stats): string {
    return `f${stat.size}-${stat.mtimeMs}-s${this.settings.generation}`;
  }

  /** Diagnostics for a path: from its open document if any, else from disk (cached). Call prepare(path) first. */
  reportForPath(path: string): FileReport | null {
    const open = this.documents.forPath(path);
    if (open) return this.reportForDocument(open);
    const openEmbedded = this.documents.embedded.forPath(path);
    if (openEmbedded) return this.reportForEmbedded(openEmbedded);
    const lang = languageForPath(path);
    const host = lang ? undefined : hostKindForPath(path);
    if (!lang && !host) return null;
    const persisted = this.persisted();
    let stat: Stats;
    try {
      stat = statSync(path);
    } catch {
      this.cache.delete(path);
      persisted?.forget(path);
      return null;
    }
    const generation = this.settings.generation;
    const stamp = this.stampOf(stat);
    const cached = this.cache.get(path);
    if (cached?.stamp === stamp) return cached.report;
    const uri = pathToUri(path);
    const kept = persisted?.take(path, stat);
    if (kept?.vouched) return this.remember(path, { stamp, content: `${kept.hash}-s${generation}`, report: { uri, version: null, ...kept.report }, keep: true });
    // The CLI's safe read: size limit, binary files, Latin-1 fallback.
    const readAt = Date.now();
    const read = readSourceBytes(path);
    if (read.kind === 'error') {
      persisted?.forget(path);
      return null;
    }
    const hash = read.kind === 'bytes' ? digest(read.content) : undefined;
    const content = hash ? `${hash}-s${generation}` : stamp;
    const reused = Boolean(hash) && cached?.content !== content && kept?.hash === hash;
    let entry: CacheEntry;
    if (cached?.content === content) entry = { ...cached, stamp };
    else if (reused && kept) entry = { stamp, content, report: { uri, version: null, ...kept.report }, keep: true };
    else {
      // Most files hold none of the prefilter's words: never decode those.
      const source = read.kind === 'bytes' ? ((host ? bytesMayEmbed(read.content) : bytesMayHoldFindings(read.content)) ? decodeSource(read.content) : null) : read;
      const answer = this.diagnoseDisk(path, uri, source, lang, host);
      if (!answer) return null;
      const { diagnostics, keep } = answer;
      entry = { stamp, content, report: { uri, version: null, resultId: reportId(diagnostics), diagnostics }, keep };
    }
    if (hash && entry.keep) persisted?.record(path, stat, readAt, hash, { resultId: entry.report.resultId, diagnostics: entry.report.diagnostics }, reused);
    return this.remember(path, entry);
  }

  private remember(path: string, entry: CacheEntry): FileReport {
    this.cache.set(path, entry);
    return entry.report;
  }

  /** The diagnostics of a file not open, read as `source` (null: no word any finding needs), and whether the answer may be kept. */
  private diagnoseDisk(path: string, uri: string, source: ReturnType<typeof decodeSource> | null, lang: LanguageId | undefined, host: HostKind | undefined): { diagnostics: Diagnostic[]; keep: boolean } | null {
    if (source?.kind === 'skipped') {
      this.log(`${path}: skipped (${source.reason})`);
      return { diagnostics: [], keep: false }; // said again in the next session
    }
    // A grammar prepare() did not load, as it saw a kept answer and the file changed since: no answer now rather than a wrong one kept (the next pull loads it).
    if (source?.kind === 'text' && lang && !isLanguageLoaded(lang)) return null;
    if (source?.kind === 'text' && host) {
      const embedded = embeddedOptionsFrom(this.settings.current);
      const found = host !== 'py' && hostEnabled(host, embedded) && !isLanguageLoaded('cpp') ? hostRegions(source.text, host) : undefined;
      if (found && !neededLanguages(found).every(isLanguageLoaded)) return null;
      const analysis = analyzeHostText(source.text, host, this.settings.conversionOptions, embedded, found);
      const diagnostics = analysis.findings.length ? toDiagnostics(uri, null, source.text, new LineIndex(source.text), analysis.findings, this.settings.current) : [];
      return { diagnostics, keep: !analysis.results.some((result) => !result.ok && result.internalError) };
    }
    if (source?.kind === 'text' && lang) {
      const text = source.text;
      const settings = this.settings.current;
      const outcome = withTransientAnalysis(text, lang, this.settings.conversionOptions, (analysis) => ({
        diagnostics: toDiagnostics(uri, null, text, analysis.lines, analysis.findings, settings),
        keep: analysis.internalErrors.length === 0,
      }));
      if (outcome.ok) return outcome.value;
      if (!outcome.generator) this.log(`${path}: ${outcome.reason}`);
      return { diagnostics: [], keep: Boolean(outcome.generator) };
    }
    return { diagnostics: [], keep: true };
  }

  /** The reports kept across sessions for the current folders and settings, if a cache folder is set. */
  private persisted(): WorkspaceCache | undefined {
    if (!this.keptReports) return undefined;
    const { generation } = this.settings;
    if (this.kept?.generation !== generation || this.kept.folderChanges !== this.folderChanges) {
      const key = { folders: this.folders, settings: this.settings.current, options: this.settings.conversionOptions };
      this.kept = { generation, folderChanges: this.folderChanges, cache: this.keptReports.open(key) };
    }
    return this.kept.cache;
  }

  /** A workspace scan walked `paths` to the end: keep their reports for the next session (written only when they changed). */
  scanCompleted(paths: Iterable<string>): void {
    const line = this.persisted()?.save(paths);
    if (line) this.keptReports?.log(line);
  }

  /** Diagnostics for an open .rst/.md/.py document, from its cached analysis. */
  reportForEmbedded(document: EmbeddedDocument): DocumentReport {
    const { analysis, text, lines } = document.analysis(this.settings.generation, this.settings.conversionOptions, embeddedOptionsFrom(this.settings.current));
    const diagnostics = analysis.findings.length ? toDiagnostics(document.uri, document.version, text, lines, analysis.findings, this.settings.current) : [];
    return { uri: document.uri, version: document.version, resultId: `v${document.version}-s${this.settings.generation}`, diagnostics, exact: true };
  }

  /** A file changed on disk: the next report re-reads it (and keeps the answer if the bytes are the same). */
  invalidate(path: string): void {
    const cached = this.cache.get(path);
    if (cached) cached.stamp = '';
    this.kept?.cache?.distrust(path);
  }
}
