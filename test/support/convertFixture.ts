// Drives the core the way `multiphase fix` does: analyse, convert each
// single-phase module, apply the edits. Modules are converted one at a time
// with a fresh analysis in between, so each edit set is judged against the
// text it was computed from.
import { analyzeTree } from '../../server/src/core/analyze';
import { convertModule, DEFAULT_STEPS, type ConversionResult, type ConversionSteps } from '../../server/src/core/convert';
import { describeRefusals } from '../../server/src/core/convert/refusalCatalogue';
import type { ConvertFixture } from './fixtures';
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
export function convertText(text: string, lang: LanguageId, options: ConversionOptions = DEFAULT_CONVERSION_OPTIONS, steps: ConversionSteps = DEFAULT_STEPS): ConversionRun {
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
        const result = convertModule(model, module, options, steps);
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

/** Converter failures in a run: each one fails the golden test, whatever the fixture expects. */
export function internalErrorsOf(run: ConversionRun): string[] {
  return run.results.flatMap((r) => (!r.ok && r.internalError ? [`${r.module}: ${r.internalError.stack ?? r.internalError.message}`] : []));
}

/**
 * What is wrong with a run of a fixture that must be refused: the text was
 * edited, a module is missing or accepted, or its reasons lack the expected
 * code. A converter failure is never an acceptable refusal.
 */
export function refusedFixtureProblems(fixture: ConvertFixture, run: ConversionRun): string[] {
  const problems = internalErrorsOf(run).map((e) => `internal error: ${e}`);
  if (run.output !== fixture.input) problems.push('a refused module was edited');
  for (const expected of fixture.refused) {
    const result = run.results.find((r) => r.module === expected.name);
    if (!result) problems.push(`the analysis found no single-phase module '${expected.name}' (found: ${run.results.map((r) => r.module).join(', ') || 'none'})`);
    else if (result.ok) problems.push(`'${expected.name}' must be refused, but the converter accepted it`);
    else if (!result.reasons.some((r) => r.code === expected.refusal)) problems.push(`'${expected.name}' refused with ${describeRefusals(result.reasons)}, not [${expected.refusal}]`);
  }
  return problems;
}

/** What is wrong with a run of a fixture that must convert (before comparing with the golden file). */
export function convertedFixtureProblems(fixture: ConvertFixture, run: ConversionRun): string[] {
  const problems = internalErrorsOf(run).map((e) => `internal error: ${e}`);
  for (const r of run.results) if (!r.ok && !r.internalError) problems.push(`'${r.module}' refused ${describeRefusals(r.reasons)}`);
  const converted = run.results.map((r) => r.module).sort();
  const wanted = fixture.converted.map((m) => m.name).sort();
  if (converted.join() !== wanted.join()) problems.push(`modules converted: ${converted.join(', ')}; expected ${wanted.join(', ')}`);
  return problems;
}
