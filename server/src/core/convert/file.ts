// Converts every single-phase module of one file's text. Modules go one at a
// time, each against a fresh parse of the text the previous one left, so
// their edits can never collide.
import { buildModel } from '../analysis/buildModel';
import { applyEdits } from '../edits';
import type { LanguageId } from '../grammars';
import { parseText } from '../parser';
import { convertModule, type ConversionResult } from './index';
import type { ConversionOptions } from './options';
import { isModuleSilenced } from '../suppression';
import { LineIndex } from '../text/lines';
import type { FileModel } from '../model';

export interface FileConversion {
  text: string;
  /** One result per single-phase module, in file order. */
  results: ConversionResult[];
  /** Modules left alone because a `multiphase: ignore` comment silences them. */
  silenced: string[];
  /** Set when the file is generated code or built on a binding library. */
  generator?: string;
}

/**
 * `parsed`: the caller's model of `text`, used for the first round instead of
 * parsing again and left to the caller to dispose. A caller that runs the
 * rules too parses once: the converter never changes the model it reads (the
 * rules' own verdicts, memo.ts, rely on that as well).
 */
export function convertFileText(text: string, lang: LanguageId, options: ConversionOptions, parsed?: FileModel): FileConversion {
  const results: ConversionResult[] = [];
  const silenced: string[] = [];
  const done = new Set<string>();
  let current = text;
  // Each round converts at most one module; bounded by the number of modules.
  for (let round = 0; round < 64; round++) {
    const given = round === 0 ? parsed : undefined;
    const tree = given?.tree ?? parseText(current, lang);
    const model = given ?? buildModel(current, tree, lang);
    try {
      if (model.generator) return { text: current, results, silenced, generator: model.generator };
      const next = model.modules.find((m) => m.phase === 'single' && m.init && !done.has(m.init.name));
      if (!next) break;
      done.add(next.init!.name);
      if (isModuleSilenced(current, new LineIndex(current), next)) {
        silenced.push(next.name);
        continue;
      }
      const result = convertModule(model, next, options);
      results.push(result);
      if (result.ok) current = applyEdits(current, result.edits);
    } finally {
      if (!given) {
        model.dispose();
        tree.delete();
      }
    }
  }
  return { text: current, results, silenced };
}
