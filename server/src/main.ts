// The multiphase language server. This file only wires the connection
// (stdio with --stdio, node IPC with --node-ipc; chosen by
// vscode-languageserver from argv) and registers the features, each of which
// lives in its own module under lsp/. Nothing may write to stdout: with
// --stdio it is the protocol channel; logging goes to connection.console.
import { useBaselineWasmCompiler } from './baselineWasm';
import { createConnection, ProposedFeatures, type InitializeResult } from 'vscode-languageserver/node';
import { loadLanguage } from './core/parser';
import { serverCapabilities } from './lsp/capabilities';
import { registerCodeActions } from './lsp/codeActions';
import { registerCommands } from './lsp/commands';
import { readClientSupport } from './lsp/clientSupport';
import { readServerOptions, type FeatureHooks, type ServerContext } from './lsp/context';
import { DocumentStore } from './lsp/documents';
import { registerHover } from './lsp/hover';
import { setInternalErrorLog } from './lsp/internalErrors';
import { registerPullDiagnostics } from './lsp/pullDiagnostics';
import { registerPushDiagnostics } from './lsp/pushDiagnostics';
import { SettingsStore } from './lsp/settings';
import { initialFolders, registerWorkspaceEvents } from './lsp/workspaceEvents';
import { WorkspaceCache } from './lsp/workspaceCache';
import { WorkspaceIndex } from './lsp/workspaceIndex';
import { VERSION } from './cli/version';

useBaselineWasmCompiler();
const connection = createConnection(ProposedFeatures.all);
const hooks: FeatureHooks[] = [];
setInternalErrorLog((line) => connection.console.error(line));

connection.onInitialize(async (params): Promise<InitializeResult> => {
  const client = readClientSupport(params.capabilities);
  const options = readServerOptions(params.initializationOptions);
  const documents = new DocumentStore(options.parseTimeoutMs);
  const settings = new SettingsStore(connection, client);
  const workspace = new WorkspaceIndex(documents, settings, (message) => connection.console.warn(message), {
    open: (key) => WorkspaceCache.open(key, { bundle: __filename, version: VERSION }),
    log: (line) => connection.console.info(line),
  });
  workspace.addFolders(initialFolders(params));
  const ctx: ServerContext = { connection, client, options, documents, settings, workspace };

  // The C grammar loads before the first document arrives; the C++ one when a C++ file first needs it.
  await loadLanguage('c');
  documents.listen(connection);
  const diagnosticsHooks = registerPushDiagnostics(ctx);
  registerPullDiagnostics(ctx);
  registerCodeActions(ctx);
  registerCommands(ctx);
  registerHover(ctx);
  const workspaceFolders = params.capabilities.workspace?.workspaceFolders === true;
  hooks.push(diagnosticsHooks, registerWorkspaceEvents(ctx, workspaceFolders, () => diagnosticsHooks.workspaceChanged?.()));
  connection.onInitialized(() => {
    settings.start();
    for (const hook of hooks) hook.initialized?.();
  });
  connection.console.info(`multiphase server ready (${workspace.folders.length} workspace folder(s), ${client.pullDiagnostics ? 'pull' : 'push'} diagnostics)`);
  return { capabilities: serverCapabilities(workspaceFolders), serverInfo: { name: 'multiphase' } };
});

// A failed promise somewhere (a client that rejects a request, a bug) is
// logged; it must not take the server down with the editor's session.
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));

connection.listen();
