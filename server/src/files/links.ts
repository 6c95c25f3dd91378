// The one rule for symbolic links, shared by `multiphase fix` and the
// language server: a file is edited only where it really is. A link whose
// target (after resolving every link on the way) lies inside the paths given
// (or the workspace folders) is edited at its target, and stays a link; a
// link that leads outside them is reported and never edited.
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, sep } from 'node:path';

/** `path` with every link resolved, or undefined when it does not exist. */
export function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** Whether `path` is `folder` or below it (both already real, absolute paths). */
export function isWithin(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * The real folders a CLI run may edit in: each folder given, and for a file
 * given, the folder that holds it (so a file named by a link leading
 * elsewhere is still outside).
 */
export function editableRoots(paths: readonly string[]): string[] {
  const roots: string[] = [];
  for (const path of paths) {
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      continue; // reported by the walk
    }
    const root = realPath(isDir ? path : dirname(path));
    if (root) roots.push(root);
  }
  return roots;
}

export type Placement =
  /** Edit `real`, the file itself (for a link, its target). */
  | { ok: true; real: string; link: boolean }
  | { ok: false; reason: string };

/** Where an edit of `path` must go, or why it must not be made. */
export function placeEdit(path: string, roots: readonly string[], rootsName: string): Placement {
  let link = false;
  try {
    link = lstatSync(path).isSymbolicLink();
  } catch {
    return { ok: false, reason: 'it no longer exists' };
  }
  const real = realPath(path);
  if (!real) return { ok: false, reason: 'a link to a file that does not exist' };
  if (roots.some((root) => isWithin(real, root))) return { ok: true, real, link };
  return { ok: false, reason: link ? `a symbolic link to ${real}, outside ${rootsName}` : `it resolves to ${real}, outside ${rootsName}` };
}
