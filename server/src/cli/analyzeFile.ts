// One file, start to finish: screened first (screenFile.ts), then decoded,
// parsed and analysed, with positions reported. In the analysis bundle
// (dist/cliAnalysis.js), loaded only when a file must be parsed.
import { analyzeText, type TextAnalysis } from '../core/analyze';
import { analyzeEmbeddedFile } from '../core/embedded/analyze';
import { hostKindForPath, hostRegions, neededLanguages, type HostKind } from '../core/embedded/hosts';
import { languageForPath, type LanguageId } from '../core/grammars';
import { LineIndex } from '../core/text/lines';
import { reportFindings } from './report';
import { decodeSource } from '../files/sources';
import { loadLanguage, loadRuntime } from '../core/parser';
import { beforeGrammarCompile } from '../baselineWasm';
import { digest } from '../files/diskCache';
import { generatorNote, screenFile, type AnalyzeOptions, type FileResult } from './screenFile';

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
