// The server over node IPC, a parse that runs out of time, and verdicts that
// catch up once typing pauses.
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, InitializeRequest, type InitializeResult } from 'vscode-languageserver-protocol/node';
import { LspTestClient, SERVER_PATH } from '../../support/lspClient';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { singlePhaseModule } from './sources';

describe('LSP: transports and robustness', () => {
  it('speaks LSP over node IPC (--node-ipc), as the VS Code client starts it', async () => {
    const child = fork(SERVER_PATH, ['--node-ipc'], { silent: true });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const result: InitializeResult = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
      assert.deepEqual(result.capabilities.executeCommandProvider?.commands, ['multiphase.convertAll', 'multiphase.convertFile']);
    } finally {
      connection.dispose();
      child.kill();
    }
  });

  it('cuts a parse short at the typing-time limit, says so in the log, keeps serving, and parses in full once typing pauses', async () => {
    const client = LspTestClient.spawn();
    try {
      // A limit of 0 ms gives up at the parser's first progress check, whatever the machine's speed.
      await client.initialize({ initializationOptions: { diagnosticsDebounceMs: 0, parseTimeoutMs: 0, exactAnalysisDelayMs: 50 } });
      const big = Array.from({ length: 20 }, (_, i) => singlePhaseModule(`m${i}`)).join('\n');
      const uri = 'file:///virtual/too_slow.c';
      const first = client.nextDiagnostics(uri);
      await client.open(uri, big);
      assert.deepEqual((await first).diagnostics, []);
      assert.ok(client.logs.some((line) => line.includes('too_slow.c') && /longer than 0 ms; diagnostics follow once typing pauses/.test(line)), client.logs.join('\n'));
      const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
      assert.equal(hover, null);
      // The pause: the owed full parse runs without a limit and every module is reported.
      const full = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
      assert.equal(full.diagnostics.filter((d) => d.code === 'single-phase-init').length, 20);
    } finally {
      await client.shutdown();
    }
  });

  it('while typing, reuses the converter verdicts of the last exact analysis, and corrects them once typing pauses', async () => {
    const client = LspTestClient.spawn();
    try {
      await client.initialize({ initializationOptions: { diagnosticsDebounceMs: 0, exactAnalysisDelayMs: 50 } });
      const uri = 'file:///virtual/typing.c';
      const text = singlePhaseModule('typing');
      await client.open(uri, text);
      const opened = await client.waitForDiagnostics(uri);
      assert.ok(!opened.diagnostics.some((d) => /Not converted automatically/.test(d.message)), 'convertible at first');
      // A PyState_RemoveModule call makes the converter refuse the module.
      const line = text.split('\n').findIndex((l) => l.includes('return PyLong_FromLong(2 * value);'));
      const version = await client.change(uri, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '    (void)PyState_RemoveModule(&typing_module);\n' }]);
      const quick = await client.waitForDiagnostics(uri, (p) => p.version === version);
      assert.ok(quick.diagnostics.some((d) => d.code === 'module-state-lookup'), 'new findings at once');
      const exact = await client.nextDiagnostics(uri, (p) => p.version === version && p.diagnostics.some((d) => /Not converted automatically: \[state-lookup\]: /.test(d.message)));
      assert.equal(exact.version, version);
    } finally {
      await client.shutdown();
    }
  });

  it('on open, publishes the findings before asking the converter, and its verdict follows', async () => {
    const client = LspTestClient.spawn();
    try {
      await client.initialize({ initializationOptions: { diagnosticsDebounceMs: 0, exactAnalysisDelayMs: 50 } });
      const uri = 'file:///virtual/opened.c';
      const text = singlePhaseModule('opened').replace('return PyLong_FromLong(2 * value);', 'return PyLong_FromLong(PyState_RemoveModule(&opened_module));');
      const first = client.nextDiagnostics(uri);
      await client.open(uri, text);
      const quick = await first;
      assert.ok(quick.diagnostics.some((d) => d.code === 'single-phase-init' && !/Not converted automatically/.test(d.message)), 'the module is reported at once');
      assert.ok(quick.diagnostics.some((d) => d.code === 'module-state-lookup'));
      const exact = await client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => /Not converted automatically: .*PyState_RemoveModule/.test(d.message)));
      assert.equal(exact.version, quick.version);
    } finally {
      await client.shutdown();
    }
  });

  it('loads the C++ grammar when the first C++ document opens, and then publishes its findings', async () => {
    const client = LspTestClient.spawn();
    try {
      await client.initialize({ initializationOptions: { diagnosticsDebounceMs: 0 } });
      const uri = 'file:///virtual/first.cpp';
      await client.open(uri, `extern "C" {\n${singlePhaseModule('first')}}\n`, 'cpp');
      const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
      assert.ok(diagnostics.some((d) => d.code === 'single-phase-init'));
      assert.ok(!client.logs.some((line) => /not loaded/.test(line)), client.logs.join('\n'));
    } finally {
      await client.shutdown();
    }
  });

  it('serves a bare client (no capabilities at all): diagnostics, a quick fix as plain `changes`, and only the GIL information is left', async () => {
    const client = LspTestClient.spawn();
    try {
      await client.initialize({ capabilities: {} });
      const uri = 'file:///virtual/bare.c';
      await client.open(uri, singlePhaseModule('bare'));
      const { diagnostics } = await client.waitForDiagnostics(uri);
      const init = diagnostics.find((d) => d.code === 'single-phase-init')!;
      const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: init.range, context: { diagnostics: [init] } });
      const convert = actions.find((a) => a.isPreferred);
      assert.ok(convert?.edit?.changes?.[uri], 'edits keyed by URI');
      assert.equal(convert.edit.documentChanges, undefined);
      client.applyWorkspaceEdit(convert.edit);
      const after = await client.waitForDiagnostics(uri, (p) => (p.version ?? 0) > 1);
      // The converted module declares Py_MOD_GIL_USED: an information finding points to the audit.
      assert.deepEqual(after.diagnostics.map((d) => [d.code, d.severity]), [['gil-used-slot', 3]]);
    } finally {
      await client.shutdown();
    }
  });

  it('answers an unknown command or a missing argument with InvalidParams', async () => {
    const client = LspTestClient.spawn();
    try {
      await client.initialize({});
      await assert.rejects(client.connection.sendRequest('workspace/executeCommand', { command: 'multiphase.nope', arguments: [] }), /unknown command multiphase\.nope/);
      await assert.rejects(client.connection.sendRequest('workspace/executeCommand', { command: 'multiphase.convertFile', arguments: [] }), /needs a \{uri, version\} argument/);
    } finally {
      await client.shutdown();
    }
  });
});
