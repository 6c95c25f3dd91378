// Pushed diagnostics for open .rst/.md/.py documents (clients without pull
// support): after a debounce, for the version that is still current; on
// close, what the file on disk says (when it is in the workspace).
import type { ServerContext } from './context';
import type { EmbeddedDocument } from './embeddedDocuments';

export function registerEmbeddedPush(ctx: ServerContext): void {
  const { connection, documents, settings, workspace, options } = ctx;
  const timers = new Map<string, NodeJS.Timeout>();
  const cancel = (uri: string): void => {
    clearTimeout(timers.get(uri));
    timers.delete(uri);
  };
  const schedule = (document: EmbeddedDocument): void => {
    cancel(document.uri);
    const version = document.version;
    timers.set(
      document.uri,
      setTimeout(() => {
        timers.delete(document.uri);
        void settings.ready.then(() => {
          if (documents.embedded.get(document.uri) !== document || document.version !== version) return;
          const report = workspace.reportForEmbedded(document);
          void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: report.diagnostics });
        });
      }, options.diagnosticsDebounceMs),
    );
  };
  documents.embedded.onDidChangeContent(schedule);
  documents.embedded.onDidClose((document) => {
    cancel(document.uri);
    const report = document.path && workspace.contains(document.path) ? workspace.reportForPath(document.path) : null;
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: report?.diagnostics ?? [] });
  });
  // New settings may turn a kind off (or on): say so for every open document.
  settings.onDidChange(() => documents.embedded.all().forEach(schedule));
}
