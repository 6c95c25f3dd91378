// Analysis and conversion of the C embedded in a document: every region is
// analysed as a C file of its own (same rules, same converter verdicts),
// fragments are reported with what they miss, and findings and edits are
// carried back to the document's offsets.
import { runRules, type TextAnalysis } from '../analyze';
import { buildModel } from '../analysis/buildModel';
import type { ConversionResult } from '../convert';
import { convertFileText, type FileConversion } from '../convert/file';
import { DEFAULT_CONVERSION_OPTIONS, type ConversionOptions } from '../convert/options';
import { applyEdits, type TextEdit } from '../edits';
import type { Finding } from '../findings';
import type { LanguageId } from '../grammars';
import type { Span } from '../model';
import { parseText } from '../parser';
import { isFixable, makeFinding } from '../rules/rule';
import { isSuppressed } from '../suppression';
import { LineIndex } from '../text/lines';
import { convertRegion, piecesReason, regionReason, regionRefusal, type RegionConversion } from './convert';
import { regionOptions } from './assembledRegion';
import { refusal, type Refusal } from '../convert/refusalCatalogue';
import { fragmentFindings } from './fragments';
import { hostRegions, type HostKind, type HostRegions } from './hosts';
import { hostSpanOf, restorePlaceholders, type EmbeddedRegion } from './region';

/** One module's conversion result, with the document span of its region. */
export type EmbeddedResult = ConversionResult & { span: Span };

export interface EmbeddedAnalysis {
  findings: Finding[];
  /** Modules found in all regions. */
  modules: number;
  regions: number;
  /** Per region: what converting it gives, and the host edits of what converts. */
  results: EmbeddedResult[];
  edits: TextEdit[];
  /** The edits again, one group per region that converts (for editors that apply or preview them apart). */
  groups: RegionEdits[];
  silenced: string[];
}

export interface RegionEdits {
  /** The region in the document (for a template assembled from several strings, the one holding PyInit_). */
  span: Span;
  /** Every part of the document the region is made of (each string of an assembled template). */
  parts: Span[];
  modules: string[];
  edits: TextEdit[];
}

function mapFinding(region: EmbeddedRegion, { fix, ...finding }: Finding): Finding {
  const restore = (text: string): string => regionReason(region, text);
  // A conversion maps to the host document; an edit fix's offsets and text are the region's, so it is left out.
  const hostFix: Finding['fix'] = fix?.kind === 'conversion' ? { ...fix, module: restorePlaceholders(region, fix.module), ...(fix.refused ? { refused: fix.refused.map((r) => regionRefusal(region, r)) } : {}) } : undefined;
  return {
    ...finding,
    ...(hostFix ? { fix: hostFix } : {}),
    fixable: isFixable(hostFix),
    span: hostSpanOf(region, finding.span),
    message: restore(finding.message),
    related: finding.related.map((r) => ({ span: hostSpanOf(region, r.span), message: restore(r.message) })),
    ...(finding.module !== undefined ? { module: restorePlaceholders(region, finding.module) } : {}),
    ...(finding.refusal ? { refusal: finding.refusal.map((r) => regionRefusal(region, r)) } : {}),
  };
}

/** What a region's C text gives, before anything is mapped to the document (region offsets, stand-ins). */
interface RegionWork {
  converted: FileConversion;
  findings: Finding[];
  fragments: Finding[];
  modules: number;
}

/**
 * Region work by region text, options and template context: while a document
 * is edited, only the block or string being typed in is analysed again.
 */
const workCache = new Map<string, RegionWork>();
const WORK_CACHE_SIZE = 64;

function regionWork(region: EmbeddedRegion, requested: ConversionOptions): RegionWork {
  const options = regionOptions(region, requested);
  const extra = piecesReason(region);
  const key = JSON.stringify([region.kind, region.lang, options, extra ?? '', region.placeholders, region.text]);
  const known = workCache.get(key);
  if (known) {
    // Most recently used last, so the oldest is evicted first.
    workCache.delete(key);
    workCache.set(key, known);
    return known;
  }
  // One parse serves the conversion and then the rules (see convertFileText).
  const tree = parseText(region.text, region.lang);
  const model = buildModel(region.text, tree, region.lang);
  try {
    const converted = convertFileText(region.text, region.lang, options, model);
    const verdicts = new Map(converted.results.map((r) => [r.module, r]));
    const refusalFor = (module: { name: string }): Refusal[] => {
      const result = verdicts.get(module.name);
      if (result) return result.ok ? [] : [...result.reasons, ...(extra ? [extra] : [])];
      return extra ? [extra] : [];
    };
    const lines = new LineIndex(region.text);
    const unsilenced = (f: Finding): boolean => !isSuppressed(region.text, lines, f.span.start, f.code);
    const fragments = fragmentFindings(region, model);
    const work: RegionWork = { converted, findings: runRules(model, refusalFor, options).filter(unsilenced), fragments: fragments.filter(unsilenced), modules: model.modules.length };
    workCache.set(key, work);
    if (workCache.size > WORK_CACHE_SIZE) workCache.delete(workCache.keys().next().value!);
    return work;
  } finally {
    model.dispose();
    tree.delete();
  }
}

function analyzeRegion(host: string, region: EmbeddedRegion, options: ConversionOptions): { findings: Finding[]; modules: number; conversion: Omit<RegionConversion, 'results'> & { results: EmbeddedResult[] } } {
  const work = regionWork(region, options);
  const conversion = convertRegion(region, host, options, work.converted);
  // A fragment is a module that is not converted: `fix` says so, like any refusal,
  // placed where the fragment is reported, not at the start of its region.
  const refusals = work.fragments.map((f): EmbeddedResult => ({ ok: false, module: restorePlaceholders(region, f.module ?? 'a module'), reasons: (f.refusal ?? []).map((r) => regionRefusal(region, r)), span: hostSpanOf(region, f.span) }));
  const results = [...conversion.results.map((r) => ({ ...r, span: region.hostSpan })), ...refusals];
  const findings = [...work.findings, ...work.fragments].map((f) => mapFinding(region, f));
  return { findings, modules: work.modules, conversion: { ...conversion, results } };
}

/** Findings and conversions of every region of a document of kind `kind`; `found`: its regions, when the caller has them already. */
export function analyzeEmbeddedText(text: string, kind: HostKind, options: ConversionOptions = DEFAULT_CONVERSION_OPTIONS, readable: (lang: LanguageId) => boolean = () => true, found: HostRegions = hostRegions(text, kind)): EmbeddedAnalysis {
  const { unreadable } = found;
  // A caller whose grammars load lazily (the server) analyses what it can now, the rest once loaded.
  const regions = found.regions.filter((r) => readable(r.lang));
  const analysis: EmbeddedAnalysis = { findings: [], modules: 0, regions: regions.length, results: [], edits: [], groups: [], silenced: [] };
  for (const u of unreadable) {
    const why = refusal('embedded-unreadable', u.reason, u.span);
    analysis.findings.push(makeFinding('single-phase-init', u.span, `This string mentions a module init, but ${u.reason}; check it by hand.`, { refusal: [why] }));
    analysis.results.push({ ok: false, module: 'a module', reasons: [why], span: u.span });
  }
  for (const region of regions) {
    const one = analyzeRegion(text, region, options);
    analysis.findings.push(...one.findings);
    analysis.modules += one.modules;
    analysis.results.push(...one.conversion.results);
    analysis.edits.push(...one.conversion.edits);
    const modules = one.conversion.results.filter((r) => r.ok).map((r) => r.module);
    if (one.conversion.edits.length) analysis.groups.push({ span: region.hostSpan, parts: region.hostParts ?? [region.hostSpan], modules, edits: one.conversion.edits });
    analysis.silenced.push(...one.conversion.silenced);
  }
  analysis.findings.sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
  return analysis;
}

export interface EmbeddedFileConversion {
  text: string;
  /** Each module converted or refused, named with where it is (`spam (code block at line 81)`). */
  results: ConversionResult[];
  silenced: string[];
}

/** What `multiphase fix` does to a document: every region converted in place. */
export function convertEmbeddedText(text: string, kind: HostKind, options: ConversionOptions = DEFAULT_CONVERSION_OPTIONS): EmbeddedFileConversion {
  const analysis = analyzeEmbeddedText(text, kind, options);
  const lines = new LineIndex(text);
  const noun = kind === 'py' ? 'string' : 'code block';
  const results = analysis.results.map(({ span, ...r }): ConversionResult => ({ ...r, module: `${r.module} (${noun} at line ${lines.positionAt(span.start).line + 1})` }));
  return { text: analysis.edits.length ? applyEdits(text, analysis.edits) : text, results, silenced: analysis.silenced };
}

/** `analyzeText` for a document that embeds C: what `multiphase check` reports; `found`: its regions, when the caller has them already (to load only the grammars they need). */
export function analyzeEmbeddedFile(text: string, kind: HostKind, options?: ConversionOptions, found: HostRegions = hostRegions(text, kind)): TextAnalysis {
  const analysis = analyzeEmbeddedText(text, kind, options, undefined, found);
  return { findings: analysis.findings, modules: analysis.modules, parsed: analysis.regions > 0, lines: analysis.findings.length ? new LineIndex(text) : undefined };
}
