// The one entry point every caller uses: text (and a tree) in, findings out.
import type { Tree } from 'web-tree-sitter';
import { conversionOf } from './convert/memo';
import { DEFAULT_CONVERSION_OPTIONS, type ConversionOptions } from './convert/options';
import type { Finding } from './findings';
import type { Refusal } from './convert/refusalCatalogue';
import type { InternalError } from './convert';
import { buildModel } from './analysis/buildModel';
import type { LanguageId } from './grammars';
import { detectGenerator } from './analysis/generators';
import type { FileModel, Generator, ModuleInfo } from './model';
import { mayHoldFindings } from './prefilter';
import { parseText } from './parser';
import { RULES } from './rules';
import { isFixable, type RuleContext } from './rules/rule';
import { isSuppressed } from './suppression';
import { LineIndex } from './text/lines';

export interface Analysis {
  model: FileModel;
  findings: Finding[];
  /** Modules the converter failed on (a bug, shown to the user as such). */
  internalErrors: ModuleInternalError[];
}

export interface ModuleInternalError extends InternalError {
  module: string;
}

/** Why converting a module would be refused (empty: it converts). */
export type RefusalProvider = (module: ModuleInfo) => Refusal[];

/** The converter's own verdict (its result is kept with the model for code actions and commands). */
export function converterVerdicts(model: FileModel, options: ConversionOptions, internalErrors: ModuleInternalError[] = []): RefusalProvider {
  return (module) => {
    const result = conversionOf(model, module, options);
    if (!result.ok && result.internalError && !internalErrors.some((e) => e.module === module.name)) internalErrors.push({ module: module.name, ...result.internalError });
    return result.ok ? [] : result.reasons;
  };
}

/** Every rule over one model, each finding with its fix, in file order; `moduleState`: see RuleContext. */
export function runRules(model: FileModel, refusalFor: RefusalProvider, options: ConversionOptions, moduleState = true): Finding[] {
  const ctx: RuleContext = { model, options, refusalFor, moduleState };
  const findings: Finding[] = [];
  if (model.generator) return findings;
  for (const rule of Object.values(RULES)) {
    for (const finding of rule.check(ctx)) {
      const fix = rule.fix?.(ctx, finding);
      findings.push(fix ? { ...finding, fix, fixable: isFixable(fix) } : finding);
    }
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
  return findings;
}

/**
 * Analyse a parsed file, asking the converter for its verdicts.
 * `moduleState`: attach the module state to findings (see RuleContext).
 */
export function analyzeTree(text: string, tree: Tree, lang: LanguageId, options: ConversionOptions = DEFAULT_CONVERSION_OPTIONS, moduleState = true): Analysis {
  const model = buildModel(text, tree, lang);
  const internalErrors: ModuleInternalError[] = [];
  const findings = runRules(model, converterVerdicts(model, options, internalErrors), options, moduleState);
  return { model, findings, internalErrors };
}

export interface TextAnalysis {
  findings: Finding[];
  /** Set when the file was recognised as generated or binding-library code and skipped. */
  generator?: Generator;
  modules: number;
  /** False when the text mentions nothing a rule looks for, so it was never parsed. */
  parsed: boolean;
  /** The text's line index, when there are findings to place (built once, for suppression and positions). */
  lines?: LineIndex;
  internalErrors?: ModuleInternalError[];
}

/** Parse, analyse, free every tree. For callers that keep nothing. */
export function analyzeText(text: string, lang: LanguageId, options?: ConversionOptions, moduleState = true): TextAnalysis {
  const generator = detectGenerator(text);
  if (generator) return { findings: [], generator, modules: 0, parsed: false };
  if (!mayHoldFindings(text)) return { findings: [], modules: 0, parsed: false };
  const tree = parseText(text, lang);
  try {
    const { model, findings, internalErrors } = analyzeTree(text, tree, lang, options, moduleState);
    model.dispose();
    const lines = findings.length > 0 ? new LineIndex(text) : undefined;
    return {
      findings: lines ? findings.filter((f) => !isSuppressed(text, lines, f.span.start, f.code)) : findings,
      generator: model.generator,
      modules: model.modules.length,
      parsed: true,
      lines,
      ...(internalErrors.length ? { internalErrors } : {}),
    };
  } finally {
    tree.delete();
  }
}
