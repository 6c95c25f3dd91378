// Checksums of every entry under a folder (files, links, folders), so a test
// can say exactly which paths a command changed and prove it touched nothing else.
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface EntryState {
  mode: number;
  /** sha256 of a file's bytes. */
  sha256?: string;
  /** A symbolic link's target, as written. */
  link?: string;
  directory?: boolean;
}

/** Every path below `root` (relative, with '/') and its state. */
export function snapshot(root: string): Map<string, EntryState> {
  const entries = new Map<string, EntryState>();
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = lstatSync(path);
      const key = relative(root, path).split('\\').join('/');
      const mode = stat.mode & 0o7777;
      if (stat.isSymbolicLink()) entries.set(key, { mode, link: readlinkSync(path) });
      else if (stat.isDirectory()) {
        entries.set(key, { mode, directory: true });
        visit(path);
      } else entries.set(key, { mode, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') });
    }
  };
  visit(root);
  return entries;
}

/** Paths added, removed or changed (content, link target or mode) between two snapshots, sorted. */
export function changedEntries(before: ReadonlyMap<string, EntryState>, after: ReadonlyMap<string, EntryState>): string[] {
  const changed = new Set<string>();
  for (const [path, state] of before) if (JSON.stringify(after.get(path)) !== JSON.stringify(state)) changed.add(path);
  for (const path of after.keys()) if (!before.has(path)) changed.add(path);
  return [...changed].sort();
}
