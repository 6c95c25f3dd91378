// Keeps the workspace index in step with the editor: folders added or
// removed, and C/C++ files created, changed or deleted on disk.
import { DidChangeWatchedFilesNotification, type InitializeParams } from 'vscode-languageserver';
import type { FeatureHooks, ServerContext } from './context';
import { uriToPath } from './uris';

// .rst/.md/.py too: they may embed C (see core/embedded).
const SOURCE_GLOB = '**/*.{c,h,cc,cpp,cxx,hpp,hh,hxx,c.src,h.src,rst,md,py}';

export function initialFolders(params: InitializeParams): string[] {
  if (params.workspaceFolders?.length) return params.workspaceFolders.map((folder) => folder.uri);
  if (params.rootUri) return [params.rootUri];
  return [];
}

/** `workspaceChanged` is called whenever diagnostics for files on disk may have changed. */
export function registerWorkspaceEvents(ctx: ServerContext, workspaceFoldersSupported: boolean, workspaceChanged: () => void): FeatureHooks {
  const { connection, workspace } = ctx;
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      const path = uriToPath(change.uri);
      if (path) workspace.invalidate(path);
    }
    if (changes.length) workspaceChanged();
  });
  return {
    initialized: () => {
      if (workspaceFoldersSupported) {
        connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
          workspace.removeFolders(removed.map((folder) => folder.uri));
          workspace.addFolders(added.map((folder) => folder.uri));
          workspaceChanged();
        });
      }
      if (ctx.client.watchedFilesRegistration) {
        void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: SOURCE_GLOB }] });
      }
    },
  };
}
