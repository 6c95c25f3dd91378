// The client features the server adapts to. Its own module so the stores
// (settings, workspace edits) can read it without importing the context that
// holds them.
import type { ClientCapabilities } from 'vscode-languageserver';

/** The client features the server adapts to, read once from `initialize`. */
export interface ClientSupport {
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  configuration: boolean;
  dynamicConfigurationRegistration: boolean;
  workDoneProgress: boolean;
  documentChanges: boolean;
  changeAnnotations: boolean;
  codeActionDisabled: boolean;
  watchedFilesRegistration: boolean;
  markdownHover: boolean;
}

export function readClientSupport(caps: ClientCapabilities): ClientSupport {
  return {
    pullDiagnostics: caps.textDocument?.diagnostic !== undefined,
    diagnosticRefresh: caps.workspace?.diagnostics?.refreshSupport === true,
    configuration: caps.workspace?.configuration === true,
    dynamicConfigurationRegistration: caps.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    workDoneProgress: caps.window?.workDoneProgress === true,
    documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true,
    changeAnnotations: caps.workspace?.workspaceEdit?.changeAnnotationSupport !== undefined,
    codeActionDisabled: caps.textDocument?.codeAction?.disabledSupport === true,
    watchedFilesRegistration: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    markdownHover: caps.textDocument?.hover?.contentFormat?.includes('markdown') ?? false,
  };
}
