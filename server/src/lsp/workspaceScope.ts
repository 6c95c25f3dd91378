// Which files the server may propose edits for: only files that really lie
// inside a workspace folder once the URI is percent-decoded and normalised
// and every symbolic link is resolved (files/links.ts: the rule `multiphase
// fix` follows too). A crafted URI (another root, `..`, `%2e%2e`) or a link
// leading out of the workspace is refused with a reason the caller logs and
// returns; a link that stays inside is edited at its target.
import { placeEdit, realPath } from '../files/links';
import { uriToPath } from './uris';

/** `path`: the real path to read and edit (absent for a buffer with no file behind it). */
export type EditScope = { ok: true; path?: string } | { ok: false; reason: string };

/** The workspace folders with their links resolved; folders that do not exist are left out. */
export function workspaceRoots(folders: readonly string[]): string[] {
  return folders.map(realPath).filter((path): path is string => path !== undefined);
}

/** The real path of the file `uri` names, if it lies inside one of `roots`. */
export function fileInWorkspace(uri: string, roots: readonly string[]): { ok: true; path: string } | { ok: false; reason: string } {
  const path = uriToPath(uri);
  if (!path) return { ok: false, reason: 'not the URI of a local file' };
  if (roots.length === 0) return { ok: false, reason: 'no workspace folder is open' };
  const place = placeEdit(path, roots, 'the workspace folders');
  return place.ok ? { ok: true, path: place.real } : { ok: false, reason: place.reason };
}

/**
 * Whether code actions may edit an open document: a buffer with no file
 * behind it (untitled:) only changes the buffer; with no workspace folder
 * open (a single file), the file the editor opened is the workspace; else
 * the file must lie inside one of the `folders` (as the client gave them).
 */
export function documentEditable(uri: string, folders: readonly string[]): EditScope {
  if (!uri.startsWith('file:') || folders.length === 0) return { ok: true };
  return fileInWorkspace(uri, workspaceRoots(folders));
}
