// Settings through workspace/configuration: re-read on change, applied to
// diagnostics and fixes; invalid values give one message and the defaults.
import assert from 'node:assert/strict';
import { DiagnosticSeverity, MessageType, type CodeAction } from 'vscode-languageserver-protocol';
import { DEFAULT_SETTINGS, validateSettings } from '../../../server/src/core/settings';
import { LspTestClient } from '../../support/lspClient';
import { HALF_CONVERTED, singlePhaseModule } from './sources';

describe('LSP: settings', () => {
  let client: LspTestClient;
  const uri = 'file:///virtual/settings.c';

  before(async () => {
    client = LspTestClient.spawn();
    await client.initialize({ initializationOptions: { diagnosticsDebounceMs: 0 } });
    await client.open(uri, singlePhaseModule('configured'));
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 2);
  });

  after(() => client.shutdown());

  it('applies a per-rule severity change to open documents', async () => {
    const next = client.nextDiagnostics(uri);
    await client.changeSettings({ severity: { 'negative-m-size': 'off', 'single-phase-init': 'error' } });
    const { diagnostics } = await next;
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['single-phase-init', DiagnosticSeverity.Error]]);
  });

  it('writes the configured values in quick fixes', async () => {
    await client.changeSettings({ gil: 'used', minimumPythonVersion: '3.13' });
    const halfUri = 'file:///virtual/half_settings.c';
    await client.open(halfUri, HALF_CONVERTED);
    const { diagnostics } = await client.waitForDiagnostics(halfUri);
    const gil = diagnostics.find((d) => d.code === 'missing-gil-slot')!;
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: halfUri }, range: gil.range, context: { diagnostics: [gil] } });
    const fix = actions.find((a) => a.title.startsWith('Add {Py_mod_gil'));
    assert.equal(fix?.title, 'Add {Py_mod_gil, Py_MOD_GIL_USED} to half_slots');
    client.applyWorkspaceEdit(fix!.edit!);
    // Even with 3.13 as the minimum the slot keeps its #ifdef guard: a Py_LIMITED_API
    // passed by the build can still hide Py_mod_gil.
    assert.match(client.text(halfUri), /\{Py_mod_exec, half_exec\},\n#ifdef Py_mod_gil\n    \{Py_mod_gil, Py_MOD_GIL_USED\},\n#endif\n    \{0, NULL\}/);
  });

  it('reports invalid values once in window/showMessage, falls back to the defaults and keeps serving', async () => {
    await client.changeSettings({ severity: { 'negative-m-size': 'off' } });
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 1);
    client.messages.length = 0;
    // Defaults again: both findings, at their catalogue severities.
    const next = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 2);
    await client.changeSettings({ gil: 'sometimes', minimumPythonVersion: 3.8, severity: { 'single-phase-init': 'loud' }, exclude: 'build', previewConvertAll: 'yes' });
    const { diagnostics } = await next;
    assert.equal(client.messages.length, 1, 'one message for all the problems');
    const [message] = client.messages;
    assert.equal(message!.type, MessageType.Warning);
    for (const key of ['multiphase.gil', 'multiphase.minimumPythonVersion', 'multiphase.severity.single-phase-init', 'multiphase.exclude', 'multiphase.previewConvertAll']) {
      assert.ok(message!.message.includes(key), `${key} named in: ${message!.message}`);
    }
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [
      ['negative-m-size', DiagnosticSeverity.Warning],
      ['single-phase-init', DiagnosticSeverity.Warning],
    ]);
    // Re-reading the same invalid values does not repeat the message.
    await client.changeSettings({ gil: 'sometimes', minimumPythonVersion: 3.8, severity: { 'single-phase-init': 'loud' }, exclude: 'build', previewConvertAll: 'yes' });
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(hover, null, 'still answering requests');
    assert.equal(client.messages.length, 1);
    assert.equal(client.process.exitCode, null, 'server alive');
  });

  it('validates settings the same way without a server', () => {
    assert.deepEqual(validateSettings(undefined), { settings: { ...DEFAULT_SETTINGS }, errors: [] });
    const { settings, errors } = validateSettings({ multipleInterpreters: 'per_interpreter_gil', severity: { 'set-gil-call': 'error', nope: 'off' }, previewConvertAll: true });
    assert.equal(settings.multipleInterpreters, 'per_interpreter_gil');
    assert.equal(settings.previewConvertAll, true);
    assert.equal(settings.severity['set-gil-call'], 'error');
    assert.equal(settings.severity['single-phase-init'], DEFAULT_SETTINGS.severity['single-phase-init']);
    assert.deepEqual(errors, [
      `multiphase.severity: unknown rule code "nope" (known: ${Object.keys(DEFAULT_SETTINGS.severity).join(', ')}); ignored.`,
    ]);
  });
});
