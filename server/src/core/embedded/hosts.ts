// Which documents hold embedded C, and their regions: .rst and .md code
// blocks, .py string literals. Each kind can be turned off.
import { docRegions } from './docs';
import { pythonRegions, PYTHON_STRING_WORDS } from './pythonRegions';
import type { EmbeddedRegion } from './region';
import type { Span } from '../model';
import type { LanguageId } from '../grammars';
import { PREFILTER_WORDS, wordTests } from '../prefilter';

export type HostKind = 'rst' | 'md' | 'py';

export interface EmbeddedOptions {
  /** C/C++ code blocks in .rst and .md files. */
  docs: boolean;
  /** C in Python string literals. */
  pythonStrings: boolean;
}

export const DEFAULT_EMBEDDED_OPTIONS: Readonly<EmbeddedOptions> = Object.freeze({ docs: true, pythonStrings: true });

const HOST_SUFFIXES: [string, HostKind][] = [
  ['.rst', 'rst'],
  ['.rest', 'rst'],
  ['.md', 'md'],
  ['.markdown', 'md'],
  ['.py', 'py'],
  ['.pyi', 'py'],
];

export function hostKindForPath(path: string): HostKind | undefined {
  const lower = path.toLowerCase();
  // An indexed loop: the walker asks this of every file name in a fresh process, where find() and destructuring run slowest.
  for (let i = 0; i < HOST_SUFFIXES.length; i++) if (lower.endsWith(HOST_SUFFIXES[i]![0])) return HOST_SUFFIXES[i]![1];
  return undefined;
}

/** A document of a kind that may embed C, and that kind is turned on. */
export function embedsC(path: string, options: EmbeddedOptions | undefined): boolean {
  const kind = hostKindForPath(path);
  return kind !== undefined && options !== undefined && hostEnabled(kind, options);
}

/** LSP language ids of the hosts (`restructuredtext`, `markdown`, `python`). */
export function hostKindForLanguageId(languageId: string, path: string): HostKind | undefined {
  if (languageId === 'restructuredtext' || languageId === 'rst') return 'rst';
  if (languageId === 'markdown') return 'md';
  if (languageId === 'python') return 'py';
  return hostKindForPath(path);
}

export function hostEnabled(kind: HostKind, options: EmbeddedOptions): boolean {
  return kind === 'py' ? options.pythonStrings : options.docs;
}

/** Words without which a host holds nothing to report: a module init needs one of them. */
export const EMBEDDED_WORDS: readonly string[] = [...new Set<string>([...PREFILTER_WORDS, ...PYTHON_STRING_WORDS])];

const EMBEDDED_TESTS = wordTests(EMBEDDED_WORDS);

export const mayHoldEmbedded = EMBEDDED_TESTS.inText;

/** The same test on raw bytes: an ordinary Python file or document is never decoded. */
export const bytesMayEmbed = EMBEDDED_TESTS.inBytes;

export interface HostRegions {
  regions: EmbeddedRegion[];
  /** Literals that mention a module init but could not be read as C (an escape the map cannot carry). */
  unreadable: { span: Span; reason: string }[];
}

/** The regions worth analysing: those that mention a module init. */
export function hostRegions(text: string, kind: HostKind): HostRegions {
  if (!mayHoldEmbedded(text)) return { regions: [], unreadable: [] };
  if (kind !== 'py') return { regions: docRegions(text, kind).filter((r) => mayHoldEmbedded(r.text)), unreadable: [] };
  const found = pythonRegions(text);
  return { regions: found.regions, unreadable: found.unreadable.map((u) => ({ span: { start: u.literal.start, end: u.literal.end }, reason: u.reason })) };
}

/** The grammars a document's regions need (no parse: the regions are found by text). */
export function neededLanguages(found: HostRegions): LanguageId[] {
  return [...new Set(found.regions.map((r) => r.lang))];
}
