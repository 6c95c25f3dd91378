// Finds the C/C++ sources of a workspace folder, honouring the user's exclude
// globs and every .gitignore on the way down, and says cheaply whether a
// file can hold a finding at all so most files are never parsed.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { languageForPath } from '../core/grammars';

interface GitignoreScope {
  base: string;
  rules: Ignore;
}

function toSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function loadGitignore(dir: string): GitignoreScope | undefined {
  try {
    return { base: dir, rules: ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8')) };
  } catch {
    return undefined;
  }
}

function ignoredByGit(scopes: readonly GitignoreScope[], path: string, isDir: boolean): boolean {
  for (const scope of scopes) {
    const rel = toSlashes(relative(scope.base, path));
    if (rel && scope.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/** Every C/C++ source under `folder`, depth first, in name order. */
export function* walkWorkspaceFolder(folder: string, exclude: readonly string[]): Generator<string> {
  const excluded = picomatch([...exclude], { dot: true });
  function* walk(dir: string, scopes: readonly GitignoreScope[]): Generator<string> {
    const own = loadGitignore(dir);
    const active = own ? [...scopes, own] : scopes;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable directory: nothing to report from it
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      const rel = toSlashes(relative(folder, full));
      if (entry.isDirectory()) {
        if (entry.name === '.git' || excluded(`${rel}/`) || ignoredByGit(active, full, true)) continue;
        yield* walk(full, active);
      } else if (entry.isFile() && languageForPath(entry.name) && !excluded(rel) && !ignoredByGit(active, full, false)) {
        yield full;
      }
    }
  }
  yield* walk(folder, []);
}

/**
 * Words without which no rule can fire: every module has a PyInit_ or a
 * PyModuleDef (slot arrays are PyModuleDef_Slot), and the two rules about
 * calls name PyState_* and PyUnstable_Module_SetGIL. Searching the raw bytes
 * is far cheaper than decoding and parsing the file.
 */
const PREFILTER_NEEDLES = ['PyInit_', 'PyModuleDef', 'PyState_', 'PyUnstable_Module_SetGIL'].map((word) => Buffer.from(word));

export function mayHoldFindings(content: Buffer): boolean {
  return PREFILTER_NEEDLES.some((needle) => content.includes(needle));
}
