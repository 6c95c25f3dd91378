// The one entry point every caller uses: text (and a tree) in, findings out.
import type { Tree } from 'web-tree-sitter';
import { convertModule } from './convert';
import { DEFAULT_CONVERSION_OPTIONS, type ConversionOptions } from './convert/options';
import type { Finding } from './findings';
import { buildModel } from './analysis/buildModel';
import type { LanguageId } from './grammars';
import { detectGenerator } from './analysis/generators';
import type { FileModel, Generator, ModuleInfo } from './model';
import { mayHoldFindings } from './prefilter';
import { parseText } from './parser';
import { RULES } from './rules';
import type { RuleContext } from './rules/rule';

export interface Analysis {
  model: FileModel;
  findings: Finding[];
}

export function analyzeTree(text: string, tree: Tree, lang: LanguageId, options: ConversionOptions = DEFAULT_CONVERSION_OPTIONS): Analysis {
  const model = buildModel(text, tree, lang);
  const refusals = new Map<ModuleInfo, string[]>();
  const ctx: RuleContext = {
    model,
    refusalFor(module) {
      let reasons = refusals.get(module);
      if (!reasons) {
        const result = convertModule(model, module, options);
        reasons = result.ok ? [] : result.reasons;
        refusals.set(module, reasons);
      }
      return reasons;
    },
  };
  const findings: Finding[] = [];
  if (!model.generator) for (const rule of Object.values(RULES)) findings.push(...rule(ctx));
  findings.sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
  return { model, findings };
}

export interface TextAnalysis {
  findings: Finding[];
  /** Set when the file was recognised as generated or binding-library code and skipped. */
  generator?: Generator;
  modules: number;
  /** False when the text mentions nothing a rule looks for, so it was never parsed. */
  parsed: boolean;
}

/** Parse, analyse, free every tree. For callers that keep nothing. */
export function analyzeText(text: string, lang: LanguageId, options?: ConversionOptions): TextAnalysis {
  const generator = detectGenerator(text);
  if (generator) return { findings: [], generator, modules: 0, parsed: false };
  if (!mayHoldFindings(text)) return { findings: [], modules: 0, parsed: false };
  const tree = parseText(text, lang);
  try {
    const { model, findings } = analyzeTree(text, tree, lang, options);
    model.dispose();
    return { findings, generator: model.generator, modules: model.modules.length, parsed: true };
  } finally {
    tree.delete();
  }
}
