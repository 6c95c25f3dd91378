// Diagnostics for files nobody opened: served by workspace/diagnostic to a
// pull client, pushed to a client without pull support.
import assert from 'node:assert/strict';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import type { WorkspaceDiagnosticReport, WorkspaceFullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { editorCapabilities, useServer } from '../../support/lspClient';
import { makeWorkspace, PLAIN_C, singlePhaseModule } from './sources';

const FILES = {
  'pkg/alpha.c': singlePhaseModule('alpha'),
  'pkg/plain.c': PLAIN_C,
  'pkg/cxx/beta.cpp': singlePhaseModule('beta'),
  'third_party/vendored.c': singlePhaseModule('vendored'),
  'out/copied.c': singlePhaseModule('copied'),
  '.gitignore': 'out/\n',
};

describe('LSP: workspace diagnostics', () => {
  describe('pull (workspace/diagnostic)', () => {
    const ws = makeWorkspace(FILES);
    const client = useServer({ settings: { exclude: ['third_party/**'] }, rootUri: ws.uri, capabilities: editorCapabilities({ pull: true }) });

    it('reports every single-phase module in the folder, honouring exclude and .gitignore', async () => {
      const report = await client().connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
      const full = report.items.filter((item): item is WorkspaceFullDocumentDiagnosticReport => item.kind === 'full');
      assert.deepEqual(full.map((item) => item.uri).sort(), [ws.fileUri('pkg/alpha.c'), ws.fileUri('pkg/cxx/beta.cpp')]);
      for (const item of full) {
        assert.equal(item.version, null);
        assert.ok(item.items.some((d) => d.code === 'single-phase-init' && d.source === 'multiphase'));
      }
      assert.equal(client().diagnostics.size, 0, 'nothing pushed to a pull client');
    });

    it('streams the reports as partial results when the client passes a token', async () => {
      client().progress.length = 0;
      const final = await client().connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [], partialResultToken: 'partial' });
      assert.deepEqual(final.items, []);
      const streamed = client()
        .progress.filter((p) => p.token === 'partial')
        .flatMap((p) => (p.value.items ?? []) as WorkspaceFullDocumentDiagnosticReport[]);
      assert.deepEqual(streamed.map((item) => item.uri).sort(), [ws.fileUri('pkg/alpha.c'), ws.fileUri('pkg/cxx/beta.cpp')]);
    });

    it('answers unchanged for files that did not change, and re-reads one that did', async () => {
      const first = await client().connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
      const previousResultIds = first.items.map((item) => ({ uri: item.uri, value: item.resultId! }));
      writeFileSync(ws.path('pkg/alpha.c'), PLAIN_C + '\n');
      await client().connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.fileUri('pkg/alpha.c'), type: 2 }] });
      const second = await client().connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds });
      const byUri = new Map(second.items.map((item) => [item.uri, item]));
      assert.equal(byUri.get(ws.fileUri('pkg/cxx/beta.cpp'))?.kind, 'unchanged');
      const alpha = byUri.get(ws.fileUri('pkg/alpha.c'));
      assert.equal(alpha?.kind, 'full');
      assert.deepEqual((alpha as WorkspaceFullDocumentDiagnosticReport).items, [], 'cleared');
    });

    it('keeps the answer for a file rewritten with the same bytes (new mtime, same content hash)', async () => {
      const first = await client().connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
      const beta = first.items.find((item) => item.uri === ws.fileUri('pkg/cxx/beta.cpp'));
      assert.ok(beta?.resultId);
      const path = ws.path('pkg/cxx/beta.cpp');
      writeFileSync(path, readFileSync(path));
      utimesSync(path, new Date(), new Date(Date.now() + 60_000));
      await client().connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: beta.uri, type: 2 }] });
      const second = await client().connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [{ uri: beta.uri, value: beta.resultId }] });
      assert.equal(second.items.find((item) => item.uri === beta.uri)?.kind, 'unchanged');
    });

    it('serves textDocument/diagnostic for an open document', async () => {
      // A new C buffer, not on disk, so no other test's files change; C, because a C++ document
      // opened before anything loaded the C++ grammar answers its first pull empty (a refresh follows).
      const uri = ws.fileUri('pkg/gamma.c');
      await client().open(uri, singlePhaseModule('gamma'));
      const report = await client().connection.sendRequest<{ kind: string; resultId: string; items: { code: string }[] }>('textDocument/diagnostic', { textDocument: { uri } });
      assert.equal(report.kind, 'full');
      assert.ok(report.items.some((d) => d.code === 'single-phase-init'));
      const again = await client().connection.sendRequest<{ kind: string }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: report.resultId });
      assert.equal(again.kind, 'unchanged');
    });
  });

  describe('push, for clients without pull support', () => {
    const ws = makeWorkspace(FILES);
    const client = useServer({ rootUri: ws.uri });

    it('publishes diagnostics for files that are not open', async () => {
      const alpha = await client().waitForDiagnostics(ws.fileUri('pkg/alpha.c'));
      assert.ok(alpha.diagnostics.some((d) => d.code === 'single-phase-init'));
      assert.equal(alpha.version, undefined);
      await client().waitForDiagnostics(ws.fileUri('pkg/cxx/beta.cpp'));
      await client().waitForDiagnostics(ws.fileUri('third_party/vendored.c'), (p) => p.diagnostics.length > 0);
      assert.equal(client().diagnostics.has(ws.fileUri('out/copied.c')), false, '.gitignore honoured');
    });

    it('clears them when a settings change excludes the files', async () => {
      // Its own starting point: both files' findings have arrived, whatever ran before.
      await client().waitForDiagnostics(ws.fileUri('pkg/alpha.c'), (p) => p.diagnostics.length > 0);
      await client().waitForDiagnostics(ws.fileUri('third_party/vendored.c'), (p) => p.diagnostics.length > 0);
      const cleared = client().nextDiagnostics(ws.fileUri('third_party/vendored.c'), (p) => p.diagnostics.length === 0);
      await client().changeSettings({ exclude: ['third_party/**'] });
      await cleared;
      assert.ok(client().diagnosticsFor(ws.fileUri('pkg/alpha.c')).length > 0, 'others stay');
    });
  });
});
