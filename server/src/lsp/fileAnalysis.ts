// Analysis of a file that is not open: parse, analyse, hand the result to a
// callback, then free the model and the tree (wasm memory is not collected).
import { analyzeTree } from '../core/analyze';
import type { ConversionOptions } from '../core/convert/options';
import type { Finding } from '../core/findings';
import type { LanguageId } from '../core/grammars';
import type { FileModel } from '../core/model';
import { parseText } from '../core/parser';
import { LineIndex } from '../core/text/lines';

export interface TransientAnalysis {
  text: string;
  lines: LineIndex;
  model: FileModel;
  findings: Finding[];
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

export function withTransientAnalysis<T>(
  text: string,
  lang: LanguageId,
  options: ConversionOptions,
  parseTimeoutMs: number,
  use: (analysis: TransientAnalysis) => T,
): Outcome<T> {
  let tree;
  try {
    tree = parseText(text, lang, null, parseTimeoutMs);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  try {
    const { model, findings } = analyzeTree(text, tree, lang, options);
    try {
      return { ok: true, value: use({ text, lines: new LineIndex(text), model, findings }) };
    } finally {
      model.dispose();
    }
  } catch (error) {
    return { ok: false, reason: `analysis failed: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    tree.delete();
  }
}
