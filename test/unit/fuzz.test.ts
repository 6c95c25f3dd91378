// Thousands of seeded mutations of the conversion fixtures (and of their
// golden outputs), converted with default or random options: analysis must
// never throw or hang, and every conversion the core offers on broken text
// must be a clean edit set that adds no parse error. A failure names its case index: the same index always
// rebuilds the same text (MULTIPHASE_FUZZ_CASE=<index> runs just that one).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import type { Node, Tree } from 'web-tree-sitter';
import { analyzeTree } from '../../server/src/core/analyze';
import { convertModule } from '../../server/src/core/convert';
import { DEFAULT_CONVERSION_OPTIONS, OPTION_VALUES, type ConversionOptions } from '../../server/src/core/convert/options';
import { applyEdits, normalizeEdits } from '../../server/src/core/edits';
import type { LanguageId } from '../../server/src/core/grammars';
import { initParser, parseText } from '../../server/src/core/parser';
import { loadFixtures } from '../support/fixtures';
import { mutate, seededRandom, type Random } from '../support/mutations';

// 5000 cases take about 10 s on two cores; raise locally with
// MULTIPHASE_FUZZ_COUNT to search harder.
const CASES = Number(process.env.MULTIPHASE_FUZZ_COUNT ?? 5000);
const ONLY_CASE = process.env.MULTIPHASE_FUZZ_CASE === undefined ? undefined : Number(process.env.MULTIPHASE_FUZZ_CASE);
const BASE_SEED = 0x6d756c74;
/** A case slower than this counts as a hang (the parser alone gives up at 2 s). */
const CASE_BUDGET_MS = 3000;

interface Seed {
  label: string;
  text: string;
  lang: LanguageId;
}

function seeds(): Seed[] {
  const out: Seed[] = [];
  for (const f of loadFixtures()) {
    out.push({ label: `${f.name}/input`, text: f.input, lang: f.lang });
    if (existsSync(f.expectedPath)) out.push({ label: `${f.name}/expected`, text: readFileSync(f.expectedPath, 'utf8'), lang: f.lang });
  }
  return out;
}

/**
 * ERROR and MISSING nodes, except ERROR nodes made only of preprocessor
 * lines: tree-sitter cannot read `#if`/`#endif` inside an initialiser list,
 * and the version-guarded slot array has them by design.
 */
function countParseErrors(root: Node): number {
  let count = 0;
  const stack: Node[] = root.hasError ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.isMissing) count++;
    else if (node.type === 'ERROR' && !/^(?:[ \t]*(?:#[^\r\n]*)?\r?(?:\n|$))+$/.test(node.text)) count++;
    else if (node.type === 'ERROR') continue;
    for (const child of node.children) if (child && (child.hasError || child.isMissing)) stack.push(child);
  }
  return count;
}

function withTree<T>(text: string, lang: LanguageId, use: (tree: Tree) => T): T {
  const tree = parseText(text, lang);
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}

/** Everything one mutated text must satisfy; returns the problems found. */
/** Half the cases use the defaults; the rest a random mix of every option. */
function pickOptions(random: Random): ConversionOptions {
  if (random() < 0.5) return DEFAULT_CONVERSION_OPTIONS;
  const any = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  return {
    minimumPythonVersion: any(['3.8', '3.10', '3.12', '3.13', '3.14']),
    gil: any(OPTION_VALUES.gil),
    multipleInterpreters: any(OPTION_VALUES.multipleInterpreters),
    reinitGuard: any(OPTION_VALUES.reinitGuard),
  };
}

function checkCase(text: string, lang: LanguageId, options: ConversionOptions): string[] {
  return withTree(text, lang, (tree) => {
    const problems: string[] = [];
    const errorsBefore = countParseErrors(tree.rootNode);
    const { model } = analyzeTree(text, tree, lang, options);
    try {
      for (const module of model.modules) {
        if (module.phase !== 'single') continue;
        const result = convertModule(model, module, options);
        if (!result.ok) {
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

describe('fuzz: mutated fixtures', function () {
  this.timeout(180_000);
  before(() => initParser());

  it('rebuilds the same mutated text from the same case index', () => {
    const source = seeds()[0]!;
    const first = mutate(source.text, seededRandom(BASE_SEED + 7));
    const again = mutate(source.text, seededRandom(BASE_SEED + 7));
    assert.deepEqual(again, first);
    assert.notEqual(first.text, source.text);
  });

  it(`analyses and converts ${ONLY_CASE ?? CASES} mutated files without throwing, hanging or breaking them`, () => {
    const sources = seeds();
    assert.ok(sources.length >= 20, 'fuzz needs the conversion fixtures');
    const failures: string[] = [];
    const indices = ONLY_CASE === undefined ? Array.from({ length: CASES }, (_, i) => i) : [ONLY_CASE];
    for (const index of indices) {
      const random = seededRandom(BASE_SEED + index);
      const source = sources[index % sources.length]!;
      const { text, applied } = mutate(source.text, random);
      const options = pickOptions(random);
      const where = `case ${index} (${source.label}, ${applied.join('+')}, ${JSON.stringify(options)})`;
      const started = Date.now();
      try {
        for (const problem of checkCase(text, source.lang, options)) failures.push(`${where}: ${problem}`);
      } catch (e) {
        failures.push(`${where}: threw ${(e as Error).stack ?? String(e)}`);
      }
      const elapsed = Date.now() - started;
      if (elapsed > CASE_BUDGET_MS) failures.push(`${where}: took ${elapsed} ms`);
    }
    assert.deepEqual(failures.slice(0, 15), [], `${failures.length} of ${indices.length} cases failed`);
  });
});
