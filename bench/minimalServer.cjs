// The baseline language server: vscode-languageserver and nothing else. It
// publishes one fixed diagnostic for every opened or changed document, so
// the bench can set our start-up, keystroke and memory figures beside what
// the protocol, node and the library alone cost in the same run.
const { createConnection, TextDocumentSyncKind } = require('vscode-languageserver/node');

const connection = createConnection();
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
const publish = (uri, version) =>
  connection.sendDiagnostics({ uri, version, diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'baseline', severity: 2 }] });
connection.onDidOpenTextDocument(({ textDocument }) => publish(textDocument.uri, textDocument.version));
connection.onDidChangeTextDocument(({ textDocument }) => publish(textDocument.uri, textDocument.version));
connection.listen();
