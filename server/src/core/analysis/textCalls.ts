// Calls found in the comment-free mask rather than the tree: for API calls
// that matter wherever they are spelled, including `#define` bodies (which the
// tree keeps as opaque text) and statements the parser gave up on.
import type { Span } from '../model';
import { matchBrace } from '../text/codeMask';
import { splitArgs } from './macros';

export interface TextCall {
  name: string;
  /** Name through the closing parenthesis. */
  span: Span;
  args: Span[];
}

export function textCalls(mask: string, names: readonly string[], from = 0, to = mask.length): TextCall[] {
  const out: TextCall[] = [];
  const re = new RegExp(`\\b(${names.join('|')})\\s*\\(`, 'g');
  re.lastIndex = from;
  for (let m = re.exec(mask); m && m.index < to; m = re.exec(mask)) {
    const open = m.index + m[0].length - 1;
    const close = matchBrace(mask, open);
    if (close === -1 || close >= to) continue;
    out.push({ name: m[1]!, span: { start: m.index, end: close + 1 }, args: splitArgs(mask, open, close) });
  }
  return out;
}

/**
 * `def` from an argument spelled `&def`, `&(def)` or `(PyModuleDef *)&def`. A
 * bare identifier is a pointer variable (`PyModuleDef *def = ...`), which
 * says nothing about which def it holds.
 */
export function defNameOfArgument(text: string): string | undefined {
  const stripped = text.replace(/\(\s*(?:struct\s+)?PyModuleDef\s*\*\s*\)/g, '').replace(/[\s()]/g, '');
  return /^&(\w+)$/.exec(stripped)?.[1];
}
