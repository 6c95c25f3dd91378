// A document whose lines end in lone CRs (classic Mac OS): diagnostics on
// the right lines, and every edit the server sends (the conversion and the
// smaller quick fixes) writes the document's own CRs, never an LF.
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { useServer } from '../../support/lspClient';
import { HALF_CONVERTED, singlePhaseModule } from './sources';

function editsOf(action: CodeAction): TextEdit[] {
  const changes = action.edit?.documentChanges ?? [];
  return changes.flatMap((change) => ('edits' in change ? change.edits : []));
}

describe('LSP: lone-CR line endings', () => {
  const server = useServer({ initializationOptions: { diagnosticsDebounceMs: 0 } });

  async function actions(uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return server().connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
  }

  it('places the single-phase finding on its line and converts with CRs only', async () => {
    const client = server();
    const uri = 'file:///virtual/cr_spam.c';
    const text = singlePhaseModule('spam').replace(/\n/g, '\r');
    await client.open(uri, text);
    const published = await client.waitForDiagnostics(uri);
    const finding = published.diagnostics.find((d) => d.code === 'single-phase-init');
    assert.ok(finding, published.diagnostics.map((d) => d.code).join(', '));
    const line = text.split('\r').findIndex((l) => l.includes('PyModule_Create('));
    assert.equal(finding.range.start.line, line);
    const convert = (await actions(uri, finding)).find((a) => a.title === "Convert 'spam' to multi-phase initialization (PEP 489)");
    assert.ok(convert?.edit, 'the conversion is offered');
    const edits = editsOf(convert);
    assert.ok(edits.some((edit) => edit.newText.includes('\r')));
    assert.deepEqual(edits.filter((edit) => edit.newText.includes('\n')), [], 'no LF in any edit');
    client.applyWorkspaceEdit(convert.edit);
    assert.ok(!client.text(uri).includes('\n'));
    assert.match(client.text(uri), /return PyModuleDef_Init\(&spam_module\);/);
  });

  it('a smaller quick fix (missing Py_mod_gil) writes CRs too', async () => {
    const client = server();
    const uri = 'file:///virtual/cr_half.c';
    await client.open(uri, HALF_CONVERTED.replace(/\n/g, '\r'));
    const published = await client.waitForDiagnostics(uri);
    const missing = published.diagnostics.find((d) => d.code === 'missing-gil-slot');
    assert.ok(missing, published.diagnostics.map((d) => d.code).join(', '));
    const fix = (await actions(uri, missing)).find((a) => /^Add \{Py_mod_gil, Py_MOD_GIL_USED\}/.test(a.title));
    assert.ok(fix, 'the fix is offered');
    const edits = editsOf(fix);
    assert.ok(edits.length > 0 && edits.some((edit) => edit.newText.includes('\r')));
    assert.deepEqual(edits.filter((edit) => edit.newText.includes('\n')), []);
  });
});
