// The one place that records which grammar parses which file, and which
// versions of the wasm grammars we ship. web-tree-sitter 0.25 loads ABI 13-15:
// tree-sitter-c 0.24.1 is ABI 15, tree-sitter-cpp 0.23.4 is ABI 14.
export const GRAMMAR_VERSIONS = {
  'web-tree-sitter': '0.25.10',
  'tree-sitter-c': '0.24.1',
  'tree-sitter-cpp': '0.23.4',
} as const;

export type LanguageId = 'c' | 'cpp';

export const WASM_FILES: Record<LanguageId, string> = {
  c: 'tree-sitter-c.wasm',
  cpp: 'tree-sitter-cpp.wasm',
};

/** Suffixes we analyse, longest first so `.c.src` wins over `.src`. */
const SUFFIXES: [string, LanguageId][] = [
  ['.c.src', 'c'],
  ['.h.src', 'c'],
  ['.c', 'c'],
  ['.h', 'c'],
  ['.cc', 'cpp'],
  ['.cpp', 'cpp'],
  ['.cxx', 'cpp'],
  ['.hpp', 'cpp'],
  ['.hh', 'cpp'],
  ['.hxx', 'cpp'],
];

export function languageForPath(path: string): LanguageId | undefined {
  const lower = path.toLowerCase();
  // An indexed loop: the walker asks this of every file name in a fresh process, where for-of and destructuring run slowest.
  for (let i = 0; i < SUFFIXES.length; i++) if (lower.endsWith(SUFFIXES[i]![0])) return SUFFIXES[i]![1];
  return undefined;
}

/** LSP/VS Code language ids we accept, mapped to our grammar. */
export function languageForLanguageId(languageId: string, path: string): LanguageId | undefined {
  if (languageId === 'cpp' || languageId === 'cuda-cpp') return 'cpp';
  if (languageId === 'c') return 'c';
  return languageForPath(path);
}
