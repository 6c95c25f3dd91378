// Loads web-tree-sitter and the grammars once, and parses (with a time limit
// only where the language server asks for one).
// Trees live in wasm memory: callers must `tree.delete()` trees they replace.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { WASM_FILES, type LanguageId } from './grammars';
import { withLineFeeds } from './text/lineEndings';

let runtime: Promise<void> | undefined;
const loading = new Map<LanguageId, Promise<void>>();
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

/** The wasm runtime alone (web-tree-sitter), loaded once; loadLanguage awaits it before it compiles a grammar. */
export function loadRuntime(): Promise<void> {
  runtime ??= Parser.init({ locateFile: (name: string) => locateResource(name) });
  return runtime;
}

/**
 * The wasm runtime and the grammar of `lang`, each loaded once and only when
 * first asked for: a tree with no candidate C++ file never loads the C++
 * grammar, and one with no candidate file at all never starts wasm.
 */
export function loadLanguage(lang: LanguageId): Promise<void> {
  let load = loading.get(lang);
  if (!load) {
    load = loadRuntime().then(async () => {
      languages.set(lang, await Language.load(locateResource(WASM_FILES[lang])));
    });
    loading.set(lang, load);
  }
  return load;
}

/** True once `lang`'s grammar is loaded, so parseText can be called for it. */
export function isLanguageLoaded(lang: LanguageId): boolean {
  return languages.has(lang);
}

/** Load the runtime and the given grammars (all of them by default); safe to call many times. */
export async function initParser(langs: readonly LanguageId[] = Object.keys(WASM_FILES) as LanguageId[]): Promise<void> {
  await Promise.all(langs.map(loadLanguage));
}

export function getLanguage(lang: LanguageId): Language {
  const language = languages.get(lang);
  if (!language) throw new Error(`the ${lang} grammar is not loaded: await loadLanguage('${lang}') before parsing`);
  return language;
}

export class ParseTimeoutError extends Error {}

/**
 * The clock a parse limit reads. Only the language server's typing path sets a
 * limit; tests install a double whose time races ahead to simulate a machine
 * so loaded that every parse runs out of time.
 */
let parseClock: () => number = () => performance.now();

/** Replace the clock parse limits read (tests); no argument restores the real one. */
export function setParseClock(clock?: () => number): void {
  parseClock = clock ?? (() => performance.now());
}

/**
 * Parse `text`, reusing `oldTree` (already `edit`ed) when given. Without
 * `timeoutMs` the parse runs to its end, so no result depends on the clock:
 * the CLI, files on disk and conversions never pass one. The language server
 * passes one while the user types and redoes a parse it cut short once typing
 * pauses (lsp/documents.ts). A limit of 0 gives up at the first progress check.
 */
export function parseText(text: string, lang: LanguageId, oldTree?: Tree | null, timeoutMs?: number): Tree {
  let parser = parsers.get(lang);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(getLanguage(lang));
    parsers.set(lang, parser);
  }
  // Lone CRs as LFs (same offsets): tree-sitter ends preprocessor lines at LF only.
  text = withLineFeeds(text);
  if (timeoutMs === undefined) {
    const tree = parser.parse(text, oldTree ?? null);
    if (!tree) throw new Error('tree-sitter returned no tree without a time limit');
    return tree;
  }
  const started = parseClock();
  const tree = parser.parse(text, oldTree ?? null, {
    progressCallback: () => parseClock() - started >= timeoutMs,
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
    // No time limit: what the model finds must not depend on the machine's load.
    return parser.parse(text, null, {
      includedRanges: ranges.map((r) => ({ startIndex: r.start, endIndex: r.end, startPosition: pointAt(text, r.start), endPosition: pointAt(text, r.end) })),
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
