// The rules' own fixes applied to a file's text, for `multiphase fix --rules`:
// every finding whose fix is an edit (not a conversion, which the converter
// makes, nor one only applied on request), unless a `multiphase: ignore`
// comment silences it.
import { analyzeTree } from './analyze';
import type { ConversionOptions } from './convert/options';
import { applyEdits, fitsWith, type TextEdit } from './edits';
import type { RuleCode } from './findings';
import type { LanguageId } from './grammars';
import { parseText } from './parser';
import { isSuppressed } from './suppression';
import { LineIndex } from './text/lines';

export interface AppliedFix {
  code: RuleCode;
  module?: string;
  title: string;
}

export interface FixedText {
  text: string;
  applied: AppliedFix[];
}

export function applyRuleFixes(text: string, lang: LanguageId, options: ConversionOptions): FixedText {
  const applied: AppliedFix[] = [];
  let current = text;
  // Each round takes every fix that fits with the others; one that overlaps (two entries for a
  // one-line slot array) is found again on the fixed text. Bounded: each round fixes something.
  for (let round = 0; round < 8; round++) {
    const fixed = oneRound(current, lang, options);
    if (fixed.applied.length === 0) break;
    applied.push(...fixed.applied);
    current = fixed.text;
  }
  return { text: current, applied };
}

function oneRound(text: string, lang: LanguageId, options: ConversionOptions): FixedText {
  const tree = parseText(text, lang);
  try {
    const { model, findings } = analyzeTree(text, tree, lang, options);
    model.dispose();
    const lines = new LineIndex(text);
    const taken: TextEdit[] = [];
    const applied: AppliedFix[] = [];
    for (const finding of findings) {
      const fix = finding.fix;
      // A fix that makes a claim the code cannot show (gil-used-slot's audit) is the user's to pick, one at a time.
      if (fix?.kind !== 'edits' || fix.onlyOnRequest || isSuppressed(text, lines, finding.span.start, finding.code)) continue;
      if (!fitsWith(taken, fix.edits, text.length)) continue;
      taken.push(...fix.edits);
      applied.push({ code: finding.code, module: finding.module, title: fix.title });
    }
    return { text: taken.length ? applyEdits(text, taken) : text, applied };
  } finally {
    tree.delete();
  }
}
