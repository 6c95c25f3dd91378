// What the server tells the client it can do.
import { CodeActionKind, TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver';
import { FIX_ALL_KIND } from './codeActions';
import { COMMANDS } from './commands';

export function serverCapabilities(workspaceFolders: boolean): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    diagnosticProvider: { identifier: 'multiphase', interFileDependencies: false, workspaceDiagnostics: true },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
    executeCommandProvider: { commands: COMMANDS },
    hoverProvider: true,
    workspace: workspaceFolders ? { workspaceFolders: { supported: true, changeNotifications: true } } : undefined,
  };
}
