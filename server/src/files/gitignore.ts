// The .gitignore rules the walker applies: each ignore file (and
// .git/info/exclude) is one scope whose rules are relative to its own folder.
// The walker carries every path as a string below the walked root, so a
// scope turns that string into a path below its folder by cutting a known
// number of characters off the front, or putting a known head before it:
// no path.relative/resolve per entry. Each scope is asked only about the
// paths that hold one of its rules' keys (ignoreKeys.ts).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { IgnoreRules, type NameTest } from './ignoreRules';

/** The rules of one ignore file, placed in the walk. */
export interface IgnoreScope {
  rules: IgnoreRules;
  /** Put before a path below the walked root (after `cut`) to make it relative to the rules' folder: for files above the root. */
  head: string;
  /** Characters cut off the front of a path below the walked root: the rules' folder below the root, with its slash. */
  cut: number;
}

const ANYTHING: NameTest = () => true;

/** A scope as it stands in one folder of the walk. */
export interface ScopeHere {
  scope: IgnoreScope;
  /** Folders between the rules' folder and this one. */
  depth: number;
  /** Whether a name holds a key of the rules that can match in this folder. */
  keys: NameTest;
  /** This folder's own path (below the rules' folder) holds a key already: ask about every entry. */
  askAll: boolean;
}

export function toSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** A scope of the rules in `text`, placed as `head` and `cut` say. */
export function scopeOf(text: string, head: string, cut: number): IgnoreScope {
  return { rules: new IgnoreRules(text), head, cut };
}

function readScope(file: string, head: string, cut: number): IgnoreScope | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined; // no such file, or unreadable: no rules from it
  }
  return scopeOf(text, head, cut);
}

/** The scope of `<dir>/.gitignore`, where `dirRel` is dir below the walked root ('' for the root itself); undefined when there is no such file. */
export function folderScope(dir: string, dirRel: string): IgnoreScope | undefined {
  return readScope(join(dir, '.gitignore'), '', dirRel ? dirRel.length + 1 : 0);
}

/** .gitignore scopes that apply above `root` (resolved): .git/info/exclude, then from the git root down to root's parent. */
export function ancestorScopes(root: string): IgnoreScope[] {
  const chain: string[] = [];
  for (let d = root; ; d = dirname(d)) {
    chain.unshift(d);
    if (existsSync(join(d, '.git')) || dirname(d) === d) break;
  }
  const top = chain[0]!;
  if (!existsSync(join(top, '.git'))) return []; // not in a repository: only what we walk into
  const scope = (base: string, file: string): IgnoreScope[] => {
    const rootRel = toSlashes(relative(base, root));
    return [readScope(file, rootRel ? `${rootRel}/` : '', 0)].filter((s) => s !== undefined);
  };
  return [...scope(top, join(top, '.git', 'info', 'exclude')), ...chain.slice(0, -1).flatMap((d) => scope(d, join(d, '.gitignore')))];
}

/** A scope in the folder the walk is at: its own folder, or (for a scope above the root) the root, reached through its head. */
export function scopeHere(scope: IgnoreScope): ScopeHere {
  const top = scope.rules.top;
  const start: ScopeHere = { scope, depth: 0, keys: top ?? ANYTHING, askAll: !top };
  return scope.head ? scope.head.slice(0, -1).split('/').reduce((here, name) => enter(here, name), start) : start;
}

/**
 * The scope in the subfolder `name`. A key never spans a slash, so the
 * folders' names are looked at once, on the way down, and each entry's
 * name when it is met.
 */
export function enter(here: ScopeHere, name: string): ScopeHere {
  const keys = here.depth === 0 && !here.askAll ? here.scope.rules.below(name) : here.keys;
  return { scope: here.scope, depth: here.depth + 1, keys, askAll: here.askAll || keys(name) };
}

/**
 * Whether some scope's rules ignore the entry `name` at `rel` (below the
 * walked root). The rules see a folder with a trailing slash, so that `x/`
 * rules match it; the library checks the entry's parents too, so a file
 * below a folder ignored above the walked root is ignored.
 */
export function ignoredByGit(scopes: readonly ScopeHere[], name: string, rel: string, isDir: boolean): boolean {
  for (const { scope, keys, askAll } of scopes) {
    if (!askAll && !keys(name)) continue;
    const path = scope.head + (scope.cut ? rel.slice(scope.cut) : rel);
    if (scope.rules.ignores(isDir ? `${path}/` : path)) return true;
  }
  return false;
}
