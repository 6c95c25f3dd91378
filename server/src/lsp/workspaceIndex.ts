// The workspace folders and a per-file diagnostics cache for files on disk,
// keyed by size, mtime and settings generation: the client re-pulls
// workspace diagnostics every few seconds, and unchanged files must cost one
// stat, not a parse. When the stat changed but the bytes did not (a touch, a
// branch switched back and forth), the content hash keeps the old answer.
import { LineIndex } from '../core/text/lines';
import { bytesMayEmbed, hostKindForPath } from '../core/embedded/hosts';
import { embeddedOptionsFrom } from '../core/settings';
import { analyzeHostText, loadNeededGrammars, type EmbeddedDocument } from './embeddedDocuments';
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { decodeSource, readSourceBytes } from '../files/sources';
import { sep } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { languageForPath } from '../core/grammars';
import { isLanguageLoaded, loadLanguage } from '../core/parser';
import type { DocumentAnalysis, DocumentStore, OpenDocument } from './documents';
import { toDiagnostics } from './diagnostics';
import { withTransientAnalysis } from './fileAnalysis';
import type { SettingsStore } from './settings';
import { pathToUri, uriToPath } from './uris';
import { walkWorkspaceFolder } from './workspaceFiles';
import { bytesMayHoldFindings } from '../core/prefilter';

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
}

export class WorkspaceIndex {
  private readonly folderPaths = new Set<string>();
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly documents: DocumentStore,
    private readonly settings: SettingsStore,
    private readonly log: (message: string) => void,
  ) {}

  get folders(): string[] {
    return [...this.folderPaths];
  }

  addFolders(uris: readonly string[]): void {
    for (const uri of uris) {
      const path = uriToPath(uri);
      if (path) this.folderPaths.add(path);
    }
  }

  removeFolders(uris: readonly string[]): void {
    for (const uri of uris) {
      const path = uriToPath(uri);
      if (path) this.folderPaths.delete(path);
    }
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
    if (lang && !isLanguageLoaded(lang)) await loadLanguage(lang);
    // A .md/.rst file may hold C++ blocks: read it (only such a document naming a module word) for the grammars it needs.
    const host = lang ? undefined : hostKindForPath(path);
    if (host && host !== 'py' && !isLanguageLoaded('cpp') && !this.documents.embedded.forPath(path)) {
      const read = readSourceBytes(path);
      const source = read.kind === 'bytes' && bytesMayEmbed(read.content) ? decodeSource(read.content) : undefined;
      if (source?.kind === 'text') await loadNeededGrammars(source.text, host);
    }
    await this.documents.forPath(path)?.ensureParsed();
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
    let stamp: string;
    try {
      const stat = statSync(path);
      stamp = `f${stat.size}-${stat.mtimeMs}-s${this.settings.generation}`;
    } catch {
      this.cache.delete(path);
      return null;
    }
    const cached = this.cache.get(path);
    if (cached?.stamp === stamp) return cached.report;
    const uri = pathToUri(path);
    const report: FileReport = { uri, version: null, resultId: stamp, diagnostics: [] };
    // The CLI's safe read: size limit, binary files, Latin-1 fallback.
    const read = readSourceBytes(path);
    if (read.kind === 'error') return null;
    const content = read.kind === 'bytes' ? `${createHash('sha1').update(read.content).digest('base64')}-s${this.settings.generation}` : stamp;
    if (cached?.content === content) {
      cached.stamp = stamp;
      return cached.report;
    }
    // Most files hold none of the prefilter's words: never decode those.
    const source = read.kind === 'bytes' ? ((host ? bytesMayEmbed(read.content) : bytesMayHoldFindings(read.content)) ? decodeSource(read.content) : null) : read;
    if (source?.kind === 'skipped') this.log(`${path}: skipped (${source.reason})`);
    else if (source?.kind === 'text' && host) {
      const analysis = analyzeHostText(source.text, host, this.settings.conversionOptions, embeddedOptionsFrom(this.settings.current));
      if (analysis.findings.length) report.diagnostics = toDiagnostics(uri, null, source.text, new LineIndex(source.text), analysis.findings, this.settings.current);
    } else if (source?.kind === 'text' && lang) {
      const text = source.text;
      const settings = this.settings.current;
      const outcome = withTransientAnalysis(text, lang, this.settings.conversionOptions, (analysis) =>
        toDiagnostics(uri, null, text, analysis.lines, analysis.findings, settings),
      );
      if (outcome.ok) report.diagnostics = outcome.value;
      else if (!outcome.generator) this.log(`${path}: ${outcome.reason}`);
    }
    this.cache.set(path, { stamp, content, report });
    return report;
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
  }
}
