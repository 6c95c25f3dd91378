// The e2e test's baseline for "first diagnostic after opening a file": what
// an extension costs when it does nothing but publish. It activates on the
// same events as multiphase (so both start at the same moment) and, for a
// file named probe.c only, publishes one warning on the first line at once.
'use strict';
const vscode = require('vscode');

const PROBE = /(^|[\\/])probe\.c$/;

function activate(context) {
  const diagnostics = vscode.languages.createDiagnosticCollection('minimal-probe');
  context.subscriptions.push(diagnostics);
  const publish = (document) => {
    if (!PROBE.test(document.uri.path)) return;
    const range = new vscode.Range(0, 0, 0, Math.max(1, document.lineAt(0).text.length));
    const warning = new vscode.Diagnostic(range, 'minimal-probe: opened', vscode.DiagnosticSeverity.Warning);
    warning.source = 'minimal-probe';
    diagnostics.set(document.uri, [warning]);
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(publish));
  vscode.workspace.textDocuments.forEach(publish);
}

module.exports = { activate, deactivate() {} };
