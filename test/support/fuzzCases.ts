// One fuzz case: a seeded mutation of a fixture, analysed and converted
// with default or random options, and everything it must satisfy. Shared by
// the fuzz test and its worker threads.
import { existsSync, readFileSync } from 'node:fs';
import type { Tree } from 'web-tree-sitter';
import { analyzeTree } from '../../server/src/core/analyze';
import { convertModule, DEFAULT_STEPS, type ConversionSteps } from '../../server/src/core/convert';
import { countParseErrors } from '../../server/src/core/convert/verify';
import { DEFAULT_CONVERSION_OPTIONS, OPTION_VALUES, type ConversionOptions } from '../../server/src/core/convert/options';
import { applyEdits, normalizeEdits } from '../../server/src/core/edits';
import type { LanguageId } from '../../server/src/core/grammars';
import { parseText } from '../../server/src/core/parser';
import { loadFixtures } from './fixtures';
import { mutate, seededRandom, type Random } from './mutations';

export const BASE_SEED = 0x6d756c74;
/** A case slower than this fails (the parser alone gives up at 2 s). */
export const CASE_BUDGET_MS = 3000;

export interface Seed {
  label: string;
  text: string;
  lang: LanguageId;
}

/** Every fixture input, and every golden output, as mutation seeds. */
export function seeds(): Seed[] {
  const out: Seed[] = [];
  for (const f of loadFixtures()) {
    out.push({ label: `${f.name}/input`, text: f.input, lang: f.lang });
    if (existsSync(f.expectedPath)) out.push({ label: `${f.name}/expected`, text: readFileSync(f.expectedPath, 'utf8'), lang: f.lang });
  }
  return out;
}

function withTree<T>(text: string, lang: LanguageId, use: (tree: Tree) => T): T {
  const tree = parseText(text, lang);
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}

/** Half the cases use the defaults; the rest a random mix of every option. */
function pickOptions(random: Random): ConversionOptions {
  if (random() < 0.5) return DEFAULT_CONVERSION_OPTIONS;
  const any = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  return {
    minimumPythonVersion: any(['3.8', '3.10', '3.12', '3.13', '3.14']),
    gil: any(OPTION_VALUES.gil),
    multipleInterpreters: any(OPTION_VALUES.multipleInterpreters),
    reinitGuard: any(OPTION_VALUES.reinitGuard),
    keepPython2: random() < 0.5,
  };
}

/** Everything one mutated text must satisfy; returns the problems found. */
export function checkText(text: string, lang: LanguageId, options: ConversionOptions, steps: ConversionSteps = DEFAULT_STEPS): string[] {
  return withTree(text, lang, (tree) => {
    const problems: string[] = [];
    const errorsBefore = countParseErrors(tree.rootNode);
    const { model, internalErrors } = analyzeTree(text, tree, lang, options);
    for (const e of internalErrors) problems.push(`${e.module}: the analysis met a converter failure: ${e.stack ?? e.message}`);
    try {
      for (const module of model.modules) {
        if (module.phase !== 'single') continue;
        const result = convertModule(model, module, options, steps);
        if (!result.ok) {
          if (result.internalError) problems.push(`${module.name}: the converter failed: ${result.internalError.stack ?? result.internalError.message}`);
          if (result.reasons.length === 0) problems.push(`${module.name}: refused without a reason`);
          continue;
        }
        try {
          normalizeEdits(result.edits, text.length);
        } catch (e) {
          problems.push(`${module.name}: bad edit set: ${(e as Error).message}`);
          continue;
        }
        const converted = applyEdits(text, result.edits);
        const errorsAfter = withTree(converted, lang, (t) => countParseErrors(t.rootNode));
        if (errorsAfter > errorsBefore) problems.push(`${module.name}: conversion raised parse errors from ${errorsBefore} to ${errorsAfter}`);
      }
    } finally {
      model.dispose();
    }
    return problems;
  });
}

/** Rebuild case `index` (same index, same text and options) and check it. */
export function describeCase(index: number, sources: readonly Seed[]): { where: string; text: string; lang: LanguageId; options: ConversionOptions } {
  const random = seededRandom(BASE_SEED + index);
  const source = sources[index % sources.length]!;
  const { text, applied } = mutate(source.text, random);
  const options = pickOptions(random);
  return { where: `case ${index} (${source.label}, ${applied.join('+')}, ${JSON.stringify(options)})`, text, lang: source.lang, options };
}

/** Failures of case `index`, each prefixed with where it came from. */
export function runCase(index: number, sources: readonly Seed[]): string[] {
  const { where, text, lang, options } = describeCase(index, sources);
  const failures: string[] = [];
  const started = Date.now();
  try {
    for (const problem of checkText(text, lang, options)) failures.push(`${where}: ${problem}`);
  } catch (e) {
    failures.push(`${where}: threw ${(e as Error).stack ?? String(e)}`);
  }
  const elapsed = Date.now() - started;
  if (elapsed > CASE_BUDGET_MS) failures.push(`${where}: took ${elapsed} ms`);
  return failures;
}
