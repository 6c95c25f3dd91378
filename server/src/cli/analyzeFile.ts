// One file, start to finish: read it safely, analyse it, report positions.
// The raw bytes are searched first: a file none of whose bytes spell a word
// some rule needs is never decoded or parsed, and its grammar never loaded.
// Plain data out, so a worker thread can post the result to the main thread.
import { analyzeText, type TextAnalysis } from '../core/analyze';
import { analyzeEmbeddedFile } from '../core/embedded/analyze';
import { bytesMayEmbed, DEFAULT_EMBEDDED_OPTIONS, hostEnabled, hostKindForPath, hostRegions, neededLanguages, type EmbeddedOptions, type HostKind } from '../core/embedded/hosts';
import { languageForPath, type LanguageId } from '../core/grammars';
import { LineIndex } from '../core/text/lines';
import { reportFindings, type ReportedFinding } from './report';
import { binarySkip, byteForm, decodeSource, readSourceBytes } from '../files/sources';
import { detectGenerator } from '../core/analysis/generators';
import { loadLanguage, loadRuntime } from '../core/parser';
import { beforeGrammarCompile } from '../baselineWasm';
import { bytesMayHoldFindings } from '../core/prefilter';
import { digest } from '../files/diskCache';

export interface FileResult {
  file: string;
  /** analysed (perhaps with no findings), skipped with a note, or unreadable (exit 2). */
  status: 'analysed' | 'skipped' | 'unreadable';
  /** Why it was skipped or unreadable, or (analysed) which generator made it. */
  note?: string;
  /** Analysed, but its bytes are not UTF-8: read as Latin-1. */
  latin1?: boolean;
  bytes: number;
  modules: number;
  findings: ReportedFinding[];
  /** The converter failed on these modules (a bug): printed on stderr, exit 3. */
  internalErrors?: string[];
  /** Digest of the bytes that were parsed (with AnalyzeOptions.digest), for the result cache. */
  digest?: string;
}

export interface AnalyzeOptions {
  /** Recognise generated and binding-library files even without a module word (only --verbose prints that note). */
  generatorNotes?: boolean;
  /** Which documents embedding C are read (all, by default). */
  embedded?: EmbeddedOptions;
  /** Attach module state to single-phase-init findings (only --format json prints it). */
  moduleState?: boolean;
  /** Give the digest of the bytes a parsed result was made from (the result cache keeps it). */
  digest?: boolean;
}

/**
 * What can be said without parsing: the final result for a file that is
 * unreadable, skipped or holds no module word (most files), else `parse`
 * with its bytes. `onBytes` sees the bytes of every file read, so a caller
 * can search them for more (included sources) without reading them again.
 */
export function screenFile(file: string, options: AnalyzeOptions = {}, onBytes?: (content: Buffer) => void): FileResult | { parse: Buffer } {
  const result: FileResult = { file, status: 'skipped', bytes: 0, modules: 0, findings: [] };
  const host = languageForPath(file) ? undefined : hostKindForPath(file);
  if (host && !hostEnabled(host, options.embedded ?? DEFAULT_EMBEDDED_OPTIONS)) return { ...result, note: `${host === 'py' ? 'C in Python strings' : 'C code blocks in documentation'} turned off` };
  if (!languageForPath(file) && !host) return { ...result, note: 'not a C/C++ source' };
  const read = readSourceBytes(file);
  if (read.kind === 'error') return { ...result, status: 'unreadable', note: read.message };
  if (read.kind === 'skipped') return { ...result, bytes: read.bytes, note: read.reason };
  const content = read.content;
  onBytes?.(content);
  if (host ? bytesMayEmbed(content) : bytesMayHoldFindings(content)) return { parse: content };
  result.bytes = content.length;
  if (options.generatorNotes) {
    // Decoded only for --verbose's note on generated and binding-library files.
    const source = decodeSource(content);
    if (source.kind === 'skipped') return { ...result, note: source.reason };
    const generator = detectGenerator(source.text);
    return { ...result, status: 'analysed', ...(source.encoding === 'latin1' ? { latin1: true } : {}), ...(generator ? { note: generatorNote(generator) } : {}) };
  }
  // No rule can fire without one of the words: say what a decode would have said, and stop.
  const form = byteForm(content);
  if (form === 'binary') return { ...result, note: binarySkip(content).reason };
  return { ...result, status: 'analysed', ...(form === 'latin1' ? { latin1: true } : {}) };
}

export async function analyzeFile(file: string, options: AnalyzeOptions = {}): Promise<FileResult> {
  const screened = screenFile(file, options);
  if (!('parse' in screened)) return screened;
  const lang = languageForPath(file);
  const result: FileResult = { file, status: 'skipped', bytes: screened.parse.length, modules: 0, findings: [], ...(options.digest ? { digest: digest(screened.parse) } : {}) };
  const source = decodeSource(screened.parse);
  if (source.kind === 'skipped') return { ...result, note: source.reason };
  if (source.encoding === 'latin1') result.latin1 = true;
  try {
    const analysis = lang ? (await loadGrammar(lang), analyzeText(source.text, lang, undefined, options.moduleState ?? true)) : await analyzeEmbedded(source.text, hostKindForPath(file)!);
    result.status = 'analysed';
    result.modules = analysis.modules;
    if (analysis.generator) result.note = generatorNote(analysis.generator);
    if (analysis.internalErrors) result.internalErrors = analysis.internalErrors.map((e) => `${e.module}: ${e.stack ?? e.message}`);
    // A copy, as a worker's result is (postMessage clones): a message built
    // from a name sliced out of the text would otherwise keep the whole text
    // alive as long as the result (to the end of the run, and in the cache).
    if (analysis.findings.length) result.findings = structuredClone(reportFindings(file, analysis.lines ?? new LineIndex(source.text), analysis.findings));
  } catch (err) {
    // One file must not end the run: say what happened and go on.
    result.note = `internal error: ${err instanceof Error ? err.message : String(err)}`;
  }
  return result;
}

/**
 * The grammar of `lang`, compiled after the runtime: up to 8 MB to parse the
 * runtime may be optimised and the grammar not (see baselineWasm.ts).
 */
async function loadGrammar(lang: LanguageId): Promise<void> {
  await loadRuntime();
  beforeGrammarCompile();
  await loadLanguage(lang);
}

/** A document's embedded C, with the grammars its regions need loaded first (found by text, without a parse). */
async function analyzeEmbedded(text: string, kind: HostKind): Promise<TextAnalysis> {
  const found = hostRegions(text, kind);
  for (const lang of neededLanguages(found)) await loadGrammar(lang);
  return analyzeEmbeddedFile(text, kind, undefined, found);
}

function generatorNote(generator: string): string {
  return generator === 'cython' ? 'generated by Cython, which emits its own multi-phase init' : `built on ${generator}, which owns module initialisation`;
}
