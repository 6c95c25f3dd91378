// Just enough of a Python file's structure to follow where a template's
// pieces come from: logical lines (brackets and string literals joined),
// `def` headers with their parameters and bodies, and the statements that
// give a name its text (`x = ...`, `x += ...`, `return ...`), each with the
// blocks it sits in. Anything this reader does not understand is left to the
// caller as "computed" text, never guessed at.
import type { PyLiteral } from './pythonStrings';

export interface LogicalLine {
  /** First non-blank character. */
  start: number;
  /** End of the line's code (before the line break ending it). */
  end: number;
  indent: number;
}

export interface PyParam {
  name: string;
  /** Host span of the default value, if any. */
  default?: { start: number; end: number };
}

export interface PyFunction {
  name: string;
  params: PyParam[];
  /** The `def` line. */
  header: LogicalLine;
  /** Offsets the body covers (its lines). */
  bodyStart: number;
  bodyEnd: number;
  bodyIndent: number;
}

export type BlockKind = 'if' | 'loop' | 'try' | 'with' | 'def' | 'other';

export interface PyStatement {
  kind: 'assign' | 'augment' | 'return';
  /** Assigned name (assign, augment). */
  target?: string;
  line: LogicalLine;
  /** The expression's span. */
  exprStart: number;
  exprEnd: number;
  /** Innermost function holding it (undefined at module level). */
  fn?: PyFunction;
  /** Blocks between the function's body (or the module) and the statement, outermost first, with their header lines. */
  blocks: { kind: BlockKind; line: LogicalLine }[];
}

export interface PyFlow {
  source: string;
  literals: readonly PyLiteral[];
  lines: LogicalLine[];
  functions: PyFunction[];
  statements: PyStatement[];
}

const OPEN = '([{';
const CLOSE = ')]}';

/** Logical lines: a line break inside brackets or a string literal, or after a backslash, does not end one. */
export function logicalLines(source: string, literals: readonly PyLiteral[]): LogicalLine[] {
  const lines: LogicalLine[] = [];
  const literalAt = literalsByStart(literals);
  let depth = 0;
  let start = -1;
  let lineStart = 0;
  let indent = 0;
  let lastCode = -1;
  const finish = (): void => {
    if (start >= 0) lines.push({ start, end: lastCode + 1, indent });
    start = -1;
    depth = 0;
  };
  for (let i = 0; i < source.length; i++) {
    const literal = literalAt.get(i);
    if (literal) {
      if (start < 0) ((start = i), (indent = i - lineStart));
      i = literal.end - 1;
      lastCode = i;
      continue;
    }
    const ch = source[i]!;
    if (ch === '#') {
      const eol = source.indexOf('\n', i);
      i = (eol < 0 ? source.length : eol) - 1;
      continue;
    }
    if (ch === '\\' && (source[i + 1] === '\n' || (source[i + 1] === '\r' && source[i + 2] === '\n'))) {
      i += source[i + 1] === '\r' ? 2 : 1;
      continue;
    }
    if (ch === '\n') {
      if (depth <= 0) finish();
      lineStart = i + 1;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f') continue;
    if (start < 0) ((start = i), (indent = i - lineStart));
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth--;
    lastCode = i;
  }
  finish();
  return lines;
}

const literalMaps = new WeakMap<readonly PyLiteral[], Map<number, PyLiteral>>();

/** The literals by start offset, made once per scan. */
export function literalsByStart(literals: readonly PyLiteral[]): Map<number, PyLiteral> {
  let map = literalMaps.get(literals);
  if (!map) literalMaps.set(literals, (map = new Map(literals.map((l) => [l.start, l]))));
  return map;
}

/**
 * Each code character from `from` to `to` (literals skipped) with the bracket
 * depth after it; `visit` returns true to stop there. Returns where it stopped, or -1.
 */
function walkCode(source: string, literals: readonly PyLiteral[], from: number, to: number, visit: (ch: string, at: number, depth: number) => boolean): number {
  const literalAt = literalsByStart(literals);
  let depth = 0;
  for (let i = from; i < to; i++) {
    const literal = literalAt.get(i);
    if (literal) {
      i = literal.end - 1;
      continue;
    }
    const ch = source[i]!;
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth--;
    if (visit(ch, i, depth)) return i;
  }
  return -1;
}

/** Split `text` at commas (or `sep`) outside brackets and literals; offsets are absolute. */
export function splitTopLevel(source: string, literals: readonly PyLiteral[], from: number, to: number, sep = ','): { start: number; end: number }[] {
  const parts: { start: number; end: number }[] = [];
  let partStart = from;
  walkCode(source, literals, from, to, (ch, i, depth) => {
    if (ch === sep && depth === 0) {
      parts.push(trimSpan(source, partStart, i));
      partStart = i + 1;
    }
    return false;
  });
  const last = trimSpan(source, partStart, to);
  if (last.end > last.start || parts.length) parts.push(last);
  return parts.filter((p) => p.end > p.start);
}

export function trimSpan(source: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(source[s]!)) s++;
  while (e > s && /\s/.test(source[e - 1]!)) e--;
  return { start: s, end: e };
}

/** Offset of the bracket closing the one at `open`, or -1. */
export function closingBracket(source: string, literals: readonly PyLiteral[], open: number): number {
  return walkCode(source, literals, open, source.length, (ch, _i, depth) => CLOSE.includes(ch) && depth === 0);
}

const DEF = /^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(/;
const ASSIGN = /^([A-Za-z_]\w*)\s*(?::[^=]*)?(\+?=)(?!=)\s*/;
const RETURN = /^return\b\s*/;
const BLOCK_KINDS: [RegExp, BlockKind][] = [
  [/^(?:if|elif|else)\b/, 'if'],
  [/^(?:for|while|async\s+for)\b/, 'loop'],
  [/^(?:try|except|finally)\b/, 'try'],
  [/^(?:with|async\s+with)\b/, 'with'],
  [DEF, 'def'],
];

function parseParams(source: string, literals: readonly PyLiteral[], open: number, close: number): PyParam[] {
  return splitTopLevel(source, literals, open + 1, close).flatMap((part): PyParam[] => {
    const text = source.slice(part.start, part.end);
    const m = /^\**([A-Za-z_]\w*)\s*(?::[^=]*)?(=)?/.exec(text);
    if (!m || text.startsWith('*')) return text.startsWith('*') && m ? [{ name: `*${m[1]!}` }] : [];
    if (!m[2]) return [{ name: m[1]! }];
    return [{ name: m[1]!, default: trimSpan(source, part.start + m[0].length, part.end) }];
  });
}

/** The structure of a Python source, from its literals (already scanned). */
export function readFlow(source: string, literals: readonly PyLiteral[]): PyFlow {
  const lines = logicalLines(source, literals);
  const functions: PyFunction[] = [];
  const statements: PyStatement[] = [];
  // Open blocks, innermost last: the header line, its kind, and the function it opens.
  const open: { line: LogicalLine; kind: BlockKind; fn?: PyFunction }[] = [];
  lines.forEach((line, index) => {
    while (open.length && open[open.length - 1]!.line.indent >= line.indent) open.pop();
    const text = source.slice(line.start, line.end);
    const def = DEF.exec(text);
    if (def) {
      const paren = line.start + def[0].length - 1;
      const close = closingBracket(source, literals, paren);
      let last = index;
      while (last + 1 < lines.length && lines[last + 1]!.indent > line.indent) last++;
      const body = lines[index + 1];
      const fn: PyFunction = {
        name: def[1]!,
        params: close > 0 ? parseParams(source, literals, paren, close) : [],
        header: line,
        bodyStart: body && last > index ? body.start : line.end,
        bodyEnd: lines[last]!.end,
        bodyIndent: body && last > index ? body.indent : line.indent + 1,
      };
      functions.push(fn);
      open.push({ line, kind: 'def', fn });
      return;
    }
    const kind = BLOCK_KINDS.find(([re]) => re.test(text))?.[1] ?? (/:\s*$/.test(text) ? 'other' : undefined);
    if (kind) {
      open.push({ line, kind });
      return;
    }
    let fnAt = -1;
    for (let k = open.length - 1; k >= 0; k--) {
      if (open[k]!.kind === 'def') {
        fnAt = k;
        break;
      }
    }
    const fn = fnAt >= 0 ? open[fnAt]!.fn : undefined;
    const blocks = open.slice(fnAt + 1).map((b) => ({ kind: b.kind, line: b.line }));
    const assign = ASSIGN.exec(text);
    if (assign) {
      statements.push({ kind: assign[2] === '+=' ? 'augment' : 'assign', target: assign[1]!, line, exprStart: line.start + assign[0].length, exprEnd: line.end, fn, blocks });
      return;
    }
    const ret = RETURN.exec(text);
    if (ret) statements.push({ kind: 'return', line, exprStart: line.start + ret[0].length, exprEnd: line.end, fn, blocks });
  });
  return { source, literals, lines, functions, statements };
}

/** Calls of `name(...)` in the file outside its own literals: the span of their argument list (inside the brackets). */
export function callsOf(flow: PyFlow, name: string): { open: number; close: number }[] {
  const calls: { open: number; close: number }[] = [];
  const re = new RegExp(`(?<![\\w.])${name}\\s*\\(`, 'g');
  for (const m of flow.source.matchAll(re)) {
    if (flow.literals.some((l) => m.index >= l.start && m.index < l.end)) continue;
    const lineStart = flow.source.lastIndexOf('\n', m.index - 1) + 1;
    const before = flow.source.slice(lineStart, m.index);
    if (/\bdef\s+$/.test(before) || before.includes('#')) continue;
    const open = m.index + m[0].length - 1;
    const close = closingBracket(flow.source, flow.literals, open);
    if (close > 0) calls.push({ open, close });
  }
  return calls;
}
