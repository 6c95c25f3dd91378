// Drives the core the way `multiphase fix` does: analyse, convert each
// single-phase module, apply the edits. Modules are converted one at a time
// with a fresh analysis in between, so each edit set is judged against the
// text it was computed from.
import { analyzeTree } from '../../server/src/core/analyze';
import { convertModule, type ConversionResult } from '../../server/src/core/convert';
import { DEFAULT_CONVERSION_OPTIONS, type ConversionOptions } from '../../server/src/core/convert/options';
import { applyEdits } from '../../server/src/core/edits';
import type { Finding, RuleCode } from '../../server/src/core/findings';
import type { LanguageId } from '../../server/src/core/grammars';
import { initParser, parseText } from '../../server/src/core/parser';

export interface ConversionRun {
  output: string;
  /** One result per single-phase module, in the order they were tried. */
  results: ConversionResult[];
}

export { initParser };

/** Convert every single-phase module of `text` that the converter accepts. */
export function convertText(text: string, lang: LanguageId, options: ConversionOptions = DEFAULT_CONVERSION_OPTIONS): ConversionRun {
  const results: ConversionResult[] = [];
  const tried = new Set<string>();
  let output = text;
  for (;;) {
    const tree = parseText(output, lang);
    const { model } = analyzeTree(output, tree, lang, options);
    let changed = false;
    try {
      for (const module of model.modules) {
        if (module.phase !== 'single' || tried.has(module.name)) continue;
        tried.add(module.name);
        const result = convertModule(model, module, options);
        results.push(result);
        if (result.ok && result.edits.length > 0) {
          output = applyEdits(output, result.edits);
          changed = true;
          break;
        }
      }
    } finally {
      model.dispose();
      tree.delete();
    }
    if (!changed) return { output, results };
  }
}

/** Findings a correctly converted module must no longer have. */
export const CONVERTED_MUST_NOT_REPORT: readonly RuleCode[] = [
  'single-phase-init',
  'negative-m-size',
  'missing-gil-slot',
  'missing-multiple-interpreters-slot',
];

export interface Reanalysis {
  findings: Finding[];
  modules: { name: string; phase: 'single' | 'multi' }[];
}

export function reanalyze(text: string, lang: LanguageId): Reanalysis {
  const tree = parseText(text, lang);
  try {
    const { model, findings } = analyzeTree(text, tree, lang);
    const modules = model.modules.map((m) => ({ name: m.name, phase: m.phase }));
    model.dispose();
    return { findings, modules };
  } finally {
    tree.delete();
  }
}
