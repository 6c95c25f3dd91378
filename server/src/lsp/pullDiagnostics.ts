// Pulled diagnostics: textDocument/diagnostic for one open document, and
// workspace/diagnostic for every C/C++ file in the workspace folders, so the
// Problems list shows every single-phase module without opening its file.
import {
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type DocumentDiagnosticReport,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { ServerContext } from './context';
import { interleaved } from './scheduling';
import { SettleTimer } from './settle';

/** Files diagnosed between two looks at the cancellation token. */
const CANCEL_CHECK_EVERY = 32;


export function registerPullDiagnostics(ctx: ServerContext): void {
  const { connection, documents, settings, workspace } = ctx;
  // A quick answer while typing; once typing pauses, the exact analysis runs
  // and the client is asked to pull again if it changed anything.
  const exactPass = new SettleTimer(ctx.options.exactAnalysisDelayMs, (document, version) => {
    if (documents.get(document.uri) !== document || document.version !== version) return;
    const quick = JSON.stringify(workspace.reportForDocument(document).diagnostics);
    void workspace.exactReportForDocument(document).then((exact) => {
      if (exact && JSON.stringify(exact.diagnostics) !== quick && ctx.client.diagnosticRefresh) connection.languages.diagnostics.refresh();
    });
  });

  connection.languages.diagnostics.on(async (params): Promise<DocumentDiagnosticReport> => {
    await settings.ready;
    const document = documents.get(params.textDocument.uri);
    const embedded = document ? undefined : documents.embedded.get(params.textDocument.uri);
    if (embedded) {
      const report = workspace.reportForEmbedded(embedded);
      if (params.previousResultId === report.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId: report.resultId, items: report.diagnostics };
    }
    if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const report = workspace.reportForDocument(document);
    if (!report.exact) exactPass.schedule(document);
    if (params.previousResultId === report.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: report.resultId, items: report.diagnostics };
  });

  connection.languages.diagnostics.onWorkspace(async (params, token: CancellationToken, _workDone, resultProgress): Promise<WorkspaceDiagnosticReport> => {
    await settings.ready;
    const previous = new Map(params.previousResultIds.map((entry) => [entry.uri, entry.value]));
    let items: WorkspaceDocumentDiagnosticReport[] = [];
    // With a partial-result token (vscode-languageserver hands us its reporter and
    // strips it from params) the Problems list fills while we work; the final answer is then empty.
    const flush = (): void => {
      if (!resultProgress || items.length === 0) return;
      resultProgress.report({ items });
      items = [];
    };
    const reported = new Set<string>();
    const walked: string[] = [];
    let sinceFlush = 0;
    for await (const path of interleaved(workspace.files(), CANCEL_CHECK_EVERY, () => token.isCancellationRequested)) {
      if (++sinceFlush >= CANCEL_CHECK_EVERY) {
        sinceFlush = 0;
        flush();
      }
      walked.push(path);
      await workspace.prepare(path);
      const report = workspace.reportForPath(path);
      if (!report) continue;
      reported.add(report.uri);
      const before = previous.get(report.uri);
      if (before === report.resultId) {
        items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri: report.uri, version: report.version, resultId: report.resultId });
      } else if (report.diagnostics.length > 0 || before !== undefined) {
        // Files with nothing to say are left out unless the client holds an older answer for them.
        items.push({ kind: DocumentDiagnosticReportKind.Full, uri: report.uri, version: report.version, resultId: report.resultId, items: report.diagnostics });
      }
    }
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'workspace diagnostics cancelled');
    workspace.scanCompleted(walked);
    // Files the client knew that are gone or now excluded: clear them.
    for (const [uri] of previous) {
      if (!reported.has(uri) && !documents.get(uri)) items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, items: [] });
    }
    flush();
    return { items };
  });
}
