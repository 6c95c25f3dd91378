// What every feature module shares: the connection, what the client can do,
// the server's start-up options, and the stores. Built once in onInitialize.
import type { Connection, InitializeParams } from 'vscode-languageserver';
import type { ClientSupport } from './clientSupport';
import type { DocumentStore } from './documents';
import type { SettingsStore } from './settings';
import type { WorkspaceIndex } from './workspaceIndex';

/** Options a client may pass in `initializationOptions`. */
export interface ServerOptions {
  /** Delay between a change and its pushed diagnostics; 0 for benchmarks. */
  diagnosticsDebounceMs: number;
  /**
   * Longest a parse of an open document may take while the user types; a parse
   * cut short is redone without a limit once typing pauses (exactAnalysisDelayMs).
   */
  parseTimeoutMs: number;
  /** Pause in typing after which the exact analysis (converter verdicts asked afresh) runs. */
  exactAnalysisDelayMs: number;
  /** Longest wait, after an applied edit, for the editor to sync the documents it changed. */
  appliedEditWaitMs: number;
}

const DEFAULT_SERVER_OPTIONS: ServerOptions = { diagnosticsDebounceMs: 150, parseTimeoutMs: 1500, exactAnalysisDelayMs: 400, appliedEditWaitMs: 2000 };

export function readServerOptions(raw: InitializeParams['initializationOptions']): ServerOptions {
  const options = { ...DEFAULT_SERVER_OPTIONS };
  if (typeof raw !== 'object' || raw === null) return options;
  const given = raw as Record<string, unknown>;
  for (const key of Object.keys(options) as (keyof ServerOptions)[]) {
    const value = given[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) options[key] = value;
  }
  return options;
}

export interface ServerContext {
  connection: Connection;
  client: ClientSupport;
  options: ServerOptions;
  documents: DocumentStore;
  settings: SettingsStore;
  workspace: WorkspaceIndex;
}

/** What main.ts tells features about the session's life cycle. */
export interface FeatureHooks {
  /** The client sent `initialized`. */
  initialized?(): void;
  /** Workspace folders were added or removed, or files changed on disk. */
  workspaceChanged?(): void;
}
