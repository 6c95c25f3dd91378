// Loads the `.scm` queries shipped beside the bundle (dist/queries) or in the
// source tree, compiles each once per language, and caches it.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Query } from 'web-tree-sitter';
import type { LanguageId } from './grammars';
import { compileQuery } from './parser';

function queryDir(): string {
  const candidates = [join(__dirname, 'queries'), join(__dirname, '..', '..', '..', 'server', 'src', 'core', 'queries')];
  const found = candidates.find((dir) => existsSync(join(dir, 'calls.scm')));
  if (!found) throw new Error(`tree-sitter queries not found (looked in ${candidates.join(', ')})`);
  return found;
}

const sources = new Map<string, string>();

export function querySource(name: string): string {
  let source = sources.get(name);
  if (source === undefined) {
    source = readFileSync(join(queryDir(), `${name}.scm`), 'utf8');
    sources.set(name, source);
  }
  return source;
}

export function listQueries(): string[] {
  return readdirSync(queryDir())
    .filter((f) => f.endsWith('.scm'))
    .map((f) => f.slice(0, -4));
}

export function query(lang: LanguageId, name: string): Query {
  return compileQuery(lang, name, querySource(name));
}
