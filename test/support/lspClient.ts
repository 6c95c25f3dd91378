// A small LSP client for tests and benchmarks: spawns `node dist/server.js
// --stdio`, speaks JSON-RPC through vscode-jsonrpc, and plays the editor's
// side — answers workspace/configuration from `settings`, applies
// workspace/applyEdit to its open documents and to files on disk, accepts
// progress tokens and registrations, and records what the server sends.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { SERVER_NODE_ARGS } from '../../client/src/serverRuntime';
// From the protocol package's own vscode-jsonrpc: the message types below must come from the same copy.
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-languageserver-protocol/node';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  WorkDoneProgressCreateRequest,
  type ApplyWorkspaceEditParams,
  type ApplyWorkspaceEditResult,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const REPO_ROOT = join(__dirname, '..', '..');
export const SERVER_PATH = join(REPO_ROOT, 'dist', 'server.js');

/** What a full-featured editor (like VS Code) tells the server. */
export function editorCapabilities(options: { pull?: boolean } = {}): ClientCapabilities {
  return {
    workspace: {
      configuration: true,
      applyEdit: true,
      workspaceFolders: true,
      didChangeConfiguration: { dynamicRegistration: true },
      workspaceEdit: { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } },
      diagnostics: options.pull ? { refreshSupport: true } : undefined,
    },
    window: { workDoneProgress: true, showMessage: {} },
    textDocument: {
      synchronization: { dynamicRegistration: false },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      codeAction: {
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
        disabledSupport: true,
        isPreferredSupport: true,
        dataSupport: true,
      },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      diagnostic: options.pull ? { dynamicRegistration: false, relatedDocumentSupport: false } : undefined,
    },
  };
}

/** A $/progress notification: work-done progress (`kind`) or a partial result (`items`). */
export interface ProgressEvent {
  token: string | number;
  value: { kind?: 'begin' | 'report' | 'end'; message?: string; percentage?: number; title?: string; cancellable?: boolean; items?: unknown[] };
}

interface DiagnosticsWaiter {
  uri: string;
  accept: (params: PublishDiagnosticsParams) => boolean;
  resolve: (params: PublishDiagnosticsParams) => void;
}

export class LspTestClient {
  readonly connection: MessageConnection;
  /** The `multiphase` section answered to workspace/configuration. */
  settings: unknown = {};
  readonly documents = new Map<string, TextDocument>();
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly messages: ShowMessageParams[] = [];
  readonly logs: string[] = [];
  readonly progress: ProgressEvent[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  /** Answer for the next applyEdit requests; by default apply and report success. */
  applyEditAnswer: (params: ApplyWorkspaceEditParams) => ApplyWorkspaceEditResult = (params) => {
    this.applyWorkspaceEdit(params.edit);
    return { applied: true };
  };
  private waiters: DiagnosticsWaiter[] = [];
  private stderr = '';

  private constructor(readonly process: ChildProcess) {
    this.connection = createMessageConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
    process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => this.settings));
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      this.appliedEdits.push(params);
      return this.applyEditAnswer(params);
    });
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    this.connection.onRequest('workspace/diagnostic/refresh', () => undefined);
    this.connection.onNotification('$/progress', (event: ProgressEvent) => this.progress.push(event));
    this.connection.onNotification(ShowMessageNotification.type, (params) => this.messages.push(params));
    this.connection.onNotification(LogMessageNotification.type, (params) => this.logs.push(params.message));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params);
      this.waiters = this.waiters.filter((waiter) => {
        if (waiter.uri !== params.uri || !waiter.accept(params)) return true;
        waiter.resolve(params);
        return false;
      });
    });
    this.connection.listen();
  }

  /** Start the server (default: the built bundle) with the node arguments the VS Code extension uses; `env` adds to this process's environment. */
  static spawn(serverPath = SERVER_PATH, env: NodeJS.ProcessEnv = {}): LspTestClient {
    return LspTestClient.spawnCommand(process.execPath, [...SERVER_NODE_ARGS, serverPath, '--stdio'], REPO_ROOT, env);
  }

  /** Start the server as an editor configured with `command args` would, in `cwd`. */
  static spawnCommand(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): LspTestClient {
    const child = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    return new LspTestClient(child);
  }

  get pid(): number {
    return this.process.pid!;
  }

  get serverStderr(): string {
    return this.stderr;
  }

  async initialize(options: { rootUri?: string | null; capabilities?: ClientCapabilities; initializationOptions?: unknown } = {}): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      workspaceFolders: options.rootUri ? [{ uri: options.rootUri, name: 'workspace' }] : null,
      capabilities: options.capabilities ?? editorCapabilities(),
      initializationOptions: options.initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async open(uri: string, text: string, languageId = 'c', version = 1): Promise<void> {
    this.documents.set(uri, TextDocument.create(uri, languageId, version, text));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** Send changes and keep the local copy in step; returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    const version = document.version + 1;
    this.documents.set(uri, TextDocument.update(document, changes, version));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  text(uri: string): string {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    return document.getText();
  }

  /** Resolves with the first publishDiagnostics for `uri` that `accept` takes (the latest one already received counts). */
  waitForDiagnostics(uri: string, accept: (params: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    const latest = this.diagnostics.get(uri);
    if (latest && accept(latest)) return Promise.resolve(latest);
    return this.nextDiagnostics(uri, accept, timeoutMs);
  }

  /** Like waitForDiagnostics, but ignores what has already arrived. */
  nextDiagnostics(uri: string, accept: (params: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms\n${this.stderr}`)), timeoutMs);
      this.waiters.push({
        uri,
        accept,
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params);
        },
      });
    });
  }

  async changeSettings(settings: unknown): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { multiphase: settings } });
  }

  /** Apply a workspace edit the way an editor would: to open documents, else to the file on disk. */
  applyWorkspaceEdit(edit: WorkspaceEdit): void {
    const perUri = new Map<string, TextEdit[]>();
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) perUri.set(uri, edits);
    for (const change of edit.documentChanges ?? []) {
      if (!('textDocument' in change)) throw new Error('file operations are not expected');
      const open = this.documents.get(change.textDocument.uri);
      if (open && change.textDocument.version !== null && change.textDocument.version !== open.version) {
        throw new Error(`edit for version ${change.textDocument.version} of ${change.textDocument.uri}, which is at ${open.version}`);
      }
      perUri.set(change.textDocument.uri, change.edits);
    }
    for (const [uri, edits] of perUri) {
      const open = this.documents.get(uri);
      if (open) {
        // Last edit first (of two at one point, the later one first), so each
        // range still means what it meant in the original text.
        const changes = edits
          .map((edit, index) => ({ edit, index, start: open.offsetAt(edit.range.start) }))
          .sort((a, b) => b.start - a.start || b.index - a.index)
          .map(({ edit }) => ({ range: edit.range, text: edit.newText }));
        void this.change(uri, changes);
      } else {
        const path = fileURLToPath(uri);
        const onDisk = TextDocument.create(uri, 'c', 0, readFileSync(path, 'utf8'));
        writeFileSync(path, TextDocument.applyEdits(onDisk, edits));
      }
    }
  }

  diagnosticsFor(uri: string): Diagnostic[] {
    return this.diagnostics.get(uri)?.diagnostics ?? [];
  }

  /** Polite shutdown; a server that died or hangs is killed after two seconds. */
  async shutdown(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.process.exitCode !== null || this.process.signalCode !== null) resolve();
      else this.process.once('exit', () => resolve());
    });
    const polite = (async () => {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
      await exited;
    })().catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)));
    await Promise.race([Promise.all([polite, exited]), exited.then(() => undefined), deadline]);
    clearTimeout(timer);
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill();
    this.connection.dispose();
  }
}

/**
 * Inside a mocha `describe`: a server started before its tests (with
 * `settings` answered from the first workspace/configuration) and shut down after.
 */
export function useServer(options: { rootUri?: string; settings?: unknown; capabilities?: ClientCapabilities; initializationOptions?: unknown } = {}): () => LspTestClient {
  let client: LspTestClient | undefined;
  before(async () => {
    client = LspTestClient.spawn();
    if (options.settings !== undefined) client.settings = options.settings;
    await client.initialize(options);
  });
  after(() => client?.shutdown());
  return () => {
    if (!client) throw new Error('the server starts in a before() hook');
    return client;
  };
}
