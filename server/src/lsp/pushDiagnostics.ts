// Pushed diagnostics (textDocument/publishDiagnostics) for clients without
// pull support: open documents after a debounce, dropped when a newer version
// arrives; files that are not open from a background workspace scan.
import type { FeatureHooks, ServerContext } from './context';
import type { OpenDocument } from './documents';
import { interleaved } from './scheduling';
import { SettleTimer } from './settle';
import type { FileReport } from './workspaceIndex';
import { registerEmbeddedPush } from './embeddedPush';

/** How many files the background scan analyses before letting requests in. */
const SCAN_SLICE = 16;

export function registerPushDiagnostics(ctx: ServerContext): FeatureHooks {
  const { connection, documents, settings, workspace, options } = ctx;
  /** Cancels the publish waiting for each document. */
  const pending = new Map<string, () => void>();
  /** URIs of files not open that currently show pushed diagnostics. */
  const publishedFromDisk = new Set<string>();
  let scanGeneration = 0;

  function cancelPending(uri: string): void {
    pending.get(uri)?.();
    pending.delete(uri);
  }

  /** What was last sent per open document, so the exact pass only speaks when it differs. */
  const lastSent = new Map<string, string>();
  const isCurrent = (document: OpenDocument, version: number): boolean => documents.get(document.uri) === document && document.version === version;

  function send(document: OpenDocument, report: FileReport): void {
    publishedFromDisk.delete(document.uri);
    lastSent.set(document.uri, JSON.stringify(report.diagnostics));
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: report.diagnostics });
  }

  const exactPass = new SettleTimer(options.exactAnalysisDelayMs, (document, version) => {
    void workspace.exactReportForDocument(document).then((report) => {
      if (!report || !isCurrent(document, version)) return;
      if (lastSent.get(document.uri) !== JSON.stringify(report.diagnostics)) send(document, report);
    });
  });

  async function publish(document: OpenDocument, version: number): Promise<void> {
    await settings.ready;
    // A newer version (or a close) arrived meanwhile: its own publish will follow.
    if (!isCurrent(document, version)) return;
    const report = workspace.reportForDocument(document);
    send(document, report);
    if (!report.exact) exactPass.schedule(document);
  }

  function schedule(document: OpenDocument): void {
    cancelPending(document.uri);
    exactPass.cancel(document.uri);
    const version = document.version;
    const run = (): void => {
      pending.delete(document.uri);
      void publish(document, version);
    };
    const delay = options.diagnosticsDebounceMs;
    if (delay > 0) {
      const timer = setTimeout(run, delay);
      pending.set(document.uri, () => clearTimeout(timer));
    } else {
      const immediate = setImmediate(run);
      pending.set(document.uri, () => clearImmediate(immediate));
    }
  }

  /** Publish diagnostics for every workspace file that is not open; restarts when called again. */
  async function scanWorkspace(): Promise<void> {
    const generation = ++scanGeneration;
    await settings.ready;
    const stillPublished = new Set<string>();
    const walked: string[] = [];
    const superseded = (): boolean => generation !== scanGeneration;
    for await (const path of interleaved(workspace.files(), SCAN_SLICE, superseded)) {
      walked.push(path);
      if (documents.forPath(path)) continue;
      await workspace.prepare(path);
      if (superseded()) return;
      const report = workspace.reportForPath(path);
      if (!report || report.diagnostics.length === 0) continue;
      stillPublished.add(report.uri);
      void connection.sendDiagnostics({ uri: report.uri, diagnostics: report.diagnostics });
    }
    if (superseded()) return;
    workspace.scanCompleted(walked);
    for (const uri of publishedFromDisk) {
      if (!stillPublished.has(uri) && !documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    publishedFromDisk.clear();
    for (const uri of stillPublished) publishedFromDisk.add(uri);
  }

  if (ctx.client.pullDiagnostics) {
    // The client pulls; tell it to pull again when the answers would change.
    settings.onDidChange(() => {
      if (ctx.client.diagnosticRefresh) connection.languages.diagnostics.refresh();
    });
    return {
      workspaceChanged: () => {
        if (ctx.client.diagnosticRefresh) connection.languages.diagnostics.refresh();
      },
    };
  }

  documents.onDidChangeContent(schedule);
  registerEmbeddedPush(ctx);
  documents.onDidClose((document) => {
    cancelPending(document.uri);
    exactPass.cancel(document.uri);
    lastSent.delete(document.uri);
    // The file on disk may differ from the closed buffer: show what is on disk, if it is in the workspace.
    const path = document.path;
    const onDisk = path && workspace.contains(path) ? workspace.prepare(path).then(() => workspace.reportForPath(path)?.diagnostics ?? []) : Promise.resolve([]);
    void onDisk.then((diagnostics) => {
      if (documents.get(document.uri)) return; // opened again meanwhile
      if (diagnostics.length) publishedFromDisk.add(document.uri);
      void connection.sendDiagnostics({ uri: document.uri, diagnostics });
    });
  });
  settings.onDidChange(() => {
    for (const document of documents.all()) schedule(document);
    void scanWorkspace();
  });
  return { initialized: () => void scanWorkspace(), workspaceChanged: () => void scanWorkspace() };
}
