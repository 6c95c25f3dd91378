// The VS Code side of multiphase. Deliberately thin: it starts the bundled
// language server (dist/server.js) and adds what only an editor can do —
// palette commands with a summary message, workspace-trust checks, and a
// status item. Diagnostics, quick fixes and conversions are all the server's.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { commandMiddleware, SERVER_COMMANDS } from './commands';
import { SERVER_NODE_ARGS } from './serverRuntime';
import { SinglePhaseStatus } from './status';

/** C sources, C++ sources and NumPy-style templated C (`*.c.src`, any language id). */
// (Plain-string patterns, so one value fits both vscode's and the LSP client's selector types.)
type SelectorEntry = { scheme: string; language: string } | { scheme: string; pattern: string };
export const DOCUMENT_SELECTOR: SelectorEntry[] = [
  { scheme: 'file', language: 'c' },
  { scheme: 'file', language: 'cpp' },
  { scheme: 'untitled', language: 'c' },
  { scheme: 'untitled', language: 'cpp' },
  { scheme: 'file', pattern: '**/*.c.src' },
  // Documents that may embed C: code blocks, and C in Python strings. The
  // server drops those naming no module word after one text search.
  { scheme: 'file', language: 'restructuredtext' },
  { scheme: 'file', language: 'markdown' },
  { scheme: 'file', language: 'python' },
];

/** Files whose changes on disk the server hears about, for its workspace-wide diagnostics. */
const WATCHED_FILES = '**/*.{c,h,cc,cpp,cxx,hpp,c.src,rst,md,py}';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Multi-phase Init');
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS, '--nolazy', '--inspect=6009'] } },
  };
  const fileWatcher = vscode.workspace.createFileSystemWatcher(WATCHED_FILES);
  context.subscriptions.push(fileWatcher);

  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    synchronize: { configurationSection: 'multiphase', fileEvents: fileWatcher },
    // The server registers multiphase.convertAll/convertFile as VS Code
    // commands itself (executeCommandProvider); the middleware wraps them with
    // the trust check and the summary message instead of registering the same
    // ids twice.
    middleware: { executeCommand: commandMiddleware(output) },
  };
  client = new LanguageClient('multiphase', 'Multi-phase Init', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('multiphase.showOutput', () => output.show(true)),
    new SinglePhaseStatus(DOCUMENT_SELECTOR),
  );

  // Awaited so that a palette command which activated the extension finds the
  // server's commands registered when activation resolves.
  await client.start();
  warnIfCommandsMissing(client, output);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** A server without our commands is a packaging mistake; say so once in the log. */
function warnIfCommandsMissing(languageClient: LanguageClient, output: vscode.OutputChannel): void {
  const offered = languageClient.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
  const missing = SERVER_COMMANDS.filter((command) => !offered.includes(command));
  if (missing.length > 0) output.appendLine(`[client] the server does not offer: ${missing.join(', ')}`);
}
