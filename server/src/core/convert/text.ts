// Line-aware text helpers for building edits: removing a statement takes its
// whole line when it stands alone, so the converted code has no blank holes.
import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../edits';
import type { Span } from '../span';

// Kept importable from here: the converter's passes walk trees with it.
export { descendants } from '../analysis/nodes';

export function lineStartOf(text: string, offset: number): number {
  // lastIndexOf clamps a negative start to 0 and would find a newline there.
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the line break ending the line holding `offset` (or text end). */
export function lineEndOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl === -1) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** Offset just past the line break ending the line holding `offset`. */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

/** Leading whitespace of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** Nothing but a comment or whitespace between `from` and the end of its line. */
function restOfLineIsBlank(text: string, mask: string, from: number): boolean {
  return mask.slice(from, lineEndOf(text, from)).trim() === '';
}

/**
 * Edit deleting text[start, end): the whole line(s) when nothing else but
 * whitespace or a comment shares them, else the span and the blanks after it.
 */
export function removeSpan(text: string, mask: string, start: number, end: number): TextEdit {
  const lineStart = lineStartOf(text, start);
  if (text.slice(lineStart, start).trim() === '' && restOfLineIsBlank(text, mask, end)) {
    return { start: lineStart, end: nextLineStart(text, end), newText: '' };
  }
  let stop = end;
  while (stop < text.length && (text[stop] === ' ' || text[stop] === '\t')) stop++;
  return { start, end: stop, newText: '' };
}

/**
 * Delete whole lines text[start, end) at file level; when blank lines sit on
 * both sides, one of them goes too so no double gap is left.
 */
export function removeLines(text: string, start: number, end: number): TextEdit {
  let stop = end;
  const above = start > 0 ? text.slice(lineStartOf(text, start - 1), start) : '';
  const below = text.slice(stop, nextLineStart(text, stop));
  if (above.trim() === '' && below.trim() === '' && stop < text.length) stop = nextLineStart(text, stop);
  return { start, end: stop, newText: '' };
}

export function removeNode(text: string, mask: string, node: Node): TextEdit {
  return removeSpan(text, mask, node.startIndex, node.endIndex);
}

/**
 * Edit replacing a statement by several lines at its indentation. `lines`
 * must be non-empty; the first takes the statement's place.
 */
export function replaceWithLines(text: string, node: Node, lines: string[], eol: string): TextEdit {
  const indent = indentAt(text, node.startIndex);
  return { start: node.startIndex, end: node.endIndex, newText: lines.join(eol + indent) };
}

/** Apply edits that all fall inside text[start, end) to that slice. */
export function applyInside(text: string, start: number, end: number, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let last = start;
  for (const e of sorted) {
    if (e.start < last || e.end > end) throw new Error(`edit ${e.start}-${e.end} overlaps or leaves ${start}-${end}`);
    out += text.slice(last, e.start) + e.newText;
    last = e.end;
  }
  return out + text.slice(last, end);
}

/** Strip casts and parentheses: `(PyObject *)(m)` -> the `m` node. */
export function unwrapExpression(node: Node | null): Node | null {
  let n = node;
  for (let guard = 0; n && guard < 10; guard++) {
    if (n.type === 'parenthesized_expression') n = n.namedChildren.find((c) => c && c.type !== 'comment') ?? null;
    else if (n.type === 'cast_expression') n = n.childForFieldName('value');
    else return n;
  }
  return n;
}

export function isNullExpression(node: Node | null): boolean {
  const n = unwrapExpression(node);
  if (!n) return false;
  if (n.type === 'null' || n.type === 'nullptr') return true;
  return (n.type === 'number_literal' && n.text === '0') || (n.type === 'identifier' && (n.text === 'NULL' || n.text === 'nullptr'));
}

/** Children that carry code (comments skipped). */
export function codeChildren(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
}

export function identifierIn(text: string, name: string): boolean {
  return new RegExp(`\\b${name}\\b`).test(text);
}

/** One edit covering everything between the common prefix and suffix of two texts. */
export function wholeChange(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < before.length - start && tail < after.length - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { start, end: before.length - tail, newText: after.slice(start, after.length - tail) };
}

/**
 * Spans of the top-level comma-separated arguments from just after a call's
 * `(` to its `)`, over a mask. Empty ones are kept: a macro's argument may be
 * empty, and positions must match its parameters. Undefined at a `;` (not a
 * call) or without a closing `)`.
 */
export function callArgumentSpans(mask: string, from: number): Span[] | undefined {
  const spans: Span[] = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < mask.length; i++) {
    const c = mask[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    else if (c === ')' || (c === ',' && depth === 0)) {
      spans.push({ start, end: i });
      if (c === ')') return spans;
      start = i + 1;
    } else if (c === ';') return undefined;
  }
  return undefined;
}
