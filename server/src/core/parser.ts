// Loads web-tree-sitter and the grammars once, and parses with a time limit.
// Trees live in wasm memory: callers must `tree.delete()` trees they replace.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Language, Parser, Query, type Tree } from 'web-tree-sitter';
import { WASM_FILES, type LanguageId } from './grammars';

let ready: Promise<void> | undefined;
const languages = new Map<LanguageId, Language>();
const parsers = new Map<LanguageId, Parser>();

/** Where a wasm file is: next to the bundle in dist/, else in node_modules. */
export function locateResource(file: string): string {
  const beside = join(__dirname, file);
  if (existsSync(beside)) return beside;
  const fromPackage: Record<string, string> = {
    'tree-sitter.wasm': 'web-tree-sitter/tree-sitter.wasm',
    'tree-sitter-c.wasm': 'tree-sitter-c/package.json',
    'tree-sitter-cpp.wasm': 'tree-sitter-cpp/package.json',
  };
  const spec = fromPackage[file];
  if (!spec) throw new Error(`unknown resource ${file}`);
  const resolved = require.resolve(spec);
  return spec.endsWith('package.json') ? join(dirname(resolved), file) : resolved;
}

/** Initialise the wasm runtime and both grammars; safe to call many times. */
export function initParser(): Promise<void> {
  ready ??= (async () => {
    await Parser.init({ locateFile: (name: string) => locateResource(name) });
    for (const lang of Object.keys(WASM_FILES) as LanguageId[]) {
      languages.set(lang, await Language.load(locateResource(WASM_FILES[lang])));
    }
  })();
  return ready;
}

export function getLanguage(lang: LanguageId): Language {
  const language = languages.get(lang);
  if (!language) throw new Error('initParser() must complete before parsing');
  return language;
}

export class ParseTimeoutError extends Error {}

/**
 * Parse `text`, reusing `oldTree` (already `edit`ed) when given. Parsing gives
 * up after `timeoutMs` so pathological input cannot hang a server.
 */
export function parseText(text: string, lang: LanguageId, oldTree?: Tree | null, timeoutMs = 2000): Tree {
  let parser = parsers.get(lang);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(getLanguage(lang));
    parsers.set(lang, parser);
  }
  const deadline = Date.now() + timeoutMs;
  const tree = parser.parse(text, oldTree ?? null, {
    progressCallback: () => Date.now() > deadline,
  });
  if (!tree) {
    parser.reset();
    throw new ParseTimeoutError(`parsing took longer than ${timeoutMs} ms`);
  }
  return tree;
}

/**
 * Parse only text[start, end) but keep whole-file offsets in the tree. Used to
 * re-read one function or declaration when the whole-file tree is confused by
 * macros elsewhere. Offsets and columns are JS string units, as in nodes.
 */
export function parseSlice(text: string, lang: LanguageId, start: number, end: number): Tree | null {
  return parseRanges(text, lang, [{ start, end }]);
}

/**
 * Parse several ordered, disjoint pieces of `text` as if they were adjacent,
 * keeping whole-file offsets: a function header and its body with the
 * `#else ... #endif` lines between them left out.
 */
export function parseRanges(text: string, lang: LanguageId, ranges: readonly { start: number; end: number }[]): Tree | null {
  const parser = new Parser();
  try {
    parser.setLanguage(getLanguage(lang));
    const deadline = Date.now() + 1000;
    return parser.parse(text, null, {
      includedRanges: ranges.map((r) => ({ startIndex: r.start, endIndex: r.end, startPosition: pointAt(text, r.start), endPosition: pointAt(text, r.end) })),
      progressCallback: () => Date.now() > deadline,
    });
  } finally {
    parser.delete();
  }
}

function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

const queryCache = new Map<string, Query>();

/** Compile a query once per language and cache it. */
export function compileQuery(lang: LanguageId, name: string, source: string): Query {
  const key = `${lang}:${name}`;
  let query = queryCache.get(key);
  if (!query) {
    query = new Query(getLanguage(lang), source);
    queryCache.set(key, query);
  }
  return query;
}
