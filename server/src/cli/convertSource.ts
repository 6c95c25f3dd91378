// `fix`'s work on one file's text: parse, convert, and with --rules apply the
// rules' own fixes. In the analysis bundle (dist/cliAnalysis.js), which fix
// loads only once a file holds a module word (see loadAnalysis.ts); fix.ts
// walks, reads, writes and reports. Plain data out.
import { applyRuleFixes, type AppliedFix } from '../core/applyFixes';
import { convertFileText } from '../core/convert/file';
import type { InternalError } from '../core/convert/index';
import type { ConversionOptions } from '../core/convert/options';
import { describeRefusals } from '../core/convert/refusalCatalogue';
import { convertEmbeddedText } from '../core/embedded/analyze';
import type { HostKind } from '../core/embedded/hosts';
import type { LanguageId } from '../core/grammars';
import { loadLanguage } from '../core/parser';
import { SILENCED_MODULE } from '../core/suppression';
import { useBaselineWasmCompiler } from '../baselineWasm';

export type ModuleOutcome = { ok: true; module: string; notes?: string[] } | { ok: false; module: string; refusal: string; internalError?: InternalError };

export interface ConvertedSource {
  /** The text after the conversion (and the rules' fixes). */
  text: string;
  results: ModuleOutcome[];
  /** Modules left alone by a `multiphase: ignore` comment, and the words that say so. */
  silenced: string[];
  silencedNote: string;
  applied: AppliedFix[];
}

/** A source file (`lang`) or a document embedding C (`host`). */
export async function convertSource(text: string, source: { lang: LanguageId } | { host: HostKind }, options: ConversionOptions, rules: boolean): Promise<ConvertedSource> {
  // fix converts few modules: the baseline wasm compiler is the cheaper one (see baselineWasm.ts).
  useBaselineWasmCompiler();
  const converted = 'lang' in source ? (await loadLanguage(source.lang), convertFileText(text, source.lang, options)) : (await loadLanguage('c'), await loadLanguage('cpp'), convertEmbeddedText(text, source.host, options));
  // The rules' own fixes go over the converted text (not into embedded C, whose edits would need the host's escaping).
  const fixed = rules && 'lang' in source ? applyRuleFixes(converted.text, source.lang, options) : { text: converted.text, applied: [] };
  return {
    text: fixed.text,
    applied: fixed.applied,
    silenced: converted.silenced,
    silencedNote: SILENCED_MODULE,
    results: converted.results.map((r) => (r.ok ? { ok: true, module: r.module, ...(r.notes ? { notes: r.notes } : {}) } : { ok: false, module: r.module, refusal: describeRefusals(r.reasons), ...(r.internalError ? { internalError: r.internalError } : {}) })),
  };
}
