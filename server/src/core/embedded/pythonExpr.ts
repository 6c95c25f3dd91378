// The few Python expression shapes that build C text from strings: string
// literals (implicitly joined), names, `a + b`, `template % {...}`,
// `template.format(k=v)` and calls of functions by name. Every other shape
// is `other`: computed text whose value this tool does not know.
import type { PyLiteral } from './pythonStrings';
import { closingBracket, literalsByStart, splitTopLevel, trimSpan } from './pythonFlow';

interface Span {
  start: number;
  end: number;
}

export type PyExpr =
  | (Span & { kind: 'str'; literals: PyLiteral[] })
  | (Span & { kind: 'name'; name: string })
  | (Span & { kind: 'concat'; parts: PyExpr[] })
  | (Span & { kind: 'percent'; template: PyExpr; fills?: Map<string, PyExpr> | 'scope' })
  | (Span & { kind: 'format'; template: PyExpr; fills: Map<string, PyExpr> })
  | (Span & { kind: 'call'; callee: string; args: PyExpr[]; kwargs: Map<string, PyExpr> })
  | (Span & { kind: 'other' });

/** `textwrap.dedent(x)`, `dedent(x)`, `inspect.cleandoc(x)`: the C text of x, re-indented. */
const WHITESPACE_ONLY = /^(?:(?:textwrap\s*\.\s*)?dedent|(?:inspect\s*\.\s*)?cleandoc)\s*\(/;

export interface ExprSource {
  source: string;
  literals: readonly PyLiteral[];
}

function other(span: Span): PyExpr {
  return { kind: 'other', ...span };
}

/** Top-level `sep` operators (outside brackets and literals) between `from` and `to`. */
function operatorSplit(src: ExprSource, from: number, to: number, sep: string): Span[] {
  return splitTopLevel(src.source, src.literals, from, to, sep);
}

/** A `{'k': expr, ...}` display with string keys, as a map; undefined for anything else. */
function dictDisplay(src: ExprSource, span: Span): Map<string, PyExpr> | undefined {
  const { source } = src;
  if (source[span.start] !== '{' || closingBracket(source, src.literals, span.start) !== span.end - 1) return undefined;
  const map = new Map<string, PyExpr>();
  for (const entry of splitTopLevel(source, src.literals, span.start + 1, span.end - 1)) {
    const parts = splitTopLevel(source, src.literals, entry.start, entry.end, ':');
    if (parts.length !== 2) return undefined;
    const key = src.literals.find((l) => l.start === parts[0]!.start && l.end === parts[0]!.end);
    if (!key || key.fstring) return undefined;
    map.set(source.slice(key.bodyStart, key.bodyEnd), parseExpr(src, parts[1]!.start, parts[1]!.end));
  }
  return map;
}

/** `dict(k=v, ...)`, as a map; undefined for anything else. */
function dictCall(src: ExprSource, span: Span): Map<string, PyExpr> | undefined {
  const head = /^dict\s*\(/.exec(src.source.slice(span.start, span.end));
  if (!head || closingBracket(src.source, src.literals, span.start + head[0].length - 1) !== span.end - 1) return undefined;
  const call = callArguments(src, span.start + head[0].length - 1, span.end - 1);
  return call && call.args.length === 0 ? call.kwargs : undefined;
}

/** Keyword arguments `k=v` of an argument list, and the positional ones; undefined when `*args`/`**kw` is used. */
export function callArguments(src: ExprSource, open: number, close: number): { args: PyExpr[]; kwargs: Map<string, PyExpr> } | undefined {
  const args: PyExpr[] = [];
  const kwargs = new Map<string, PyExpr>();
  for (const part of splitTopLevel(src.source, src.literals, open + 1, close)) {
    const text = src.source.slice(part.start, part.end);
    if (text.startsWith('*')) return undefined;
    const kw = /^([A-Za-z_]\w*)\s*=(?!=)\s*/.exec(text);
    if (kw) kwargs.set(kw[1]!, parseExpr(src, part.start + kw[0].length, part.end));
    else args.push(parseExpr(src, part.start, part.end));
  }
  return { args, kwargs };
}

/** An atom with its trailers: literals, a name, a bracketed expression, a call, a `.format(...)`. */
function parsePrimary(src: ExprSource, span: Span): PyExpr {
  const { source } = src;
  const { start, end } = span;
  // Implicitly joined literals, nothing else.
  const literals: PyLiteral[] = [];
  let at = start;
  for (const l of src.literals) {
    if (l.start < at || l.start >= end) continue;
    if (source.slice(at, l.start).trim() !== '') break;
    literals.push(l);
    at = l.end;
  }
  const rest = trimSpan(source, at, end);
  if (literals.length && rest.start === rest.end) return { kind: 'str', literals, start, end };
  if (literals.length) {
    const format = /^\.\s*format\s*\(/.exec(source.slice(rest.start, rest.end));
    const open = rest.start + (format?.[0].length ?? 0) - 1;
    if (format && closingBracket(source, src.literals, open) === end - 1) {
      const call = callArguments(src, open, end - 1);
      if (call && call.args.length === 0) return { kind: 'format', template: { kind: 'str', literals, start, end: at }, fills: call.kwargs, start, end };
    }
    return other(span);
  }
  if (source[start] === '(' && closingBracket(source, src.literals, start) === end - 1) {
    const inner = trimSpan(source, start + 1, end - 1);
    return splitTopLevel(source, src.literals, inner.start, inner.end).length === 1 ? parseExpr(src, inner.start, inner.end) : other(span);
  }
  // Calls that change only the indentation or the ends of a text: C reads it the same.
  const dedent = WHITESPACE_ONLY.exec(source.slice(start, end));
  if (dedent && closingBracket(source, src.literals, start + dedent[0].length - 1) === end - 1) {
    const call = callArguments(src, start + dedent[0].length - 1, end - 1);
    if (call && call.args.length === 1 && call.kwargs.size === 0) return call.args[0]!;
  }
  const name = /^[A-Za-z_]\w*/.exec(source.slice(start, end));
  if (!name) return other(span);
  const after = trimSpan(source, start + name[0].length, end);
  if (after.start === after.end) return { kind: 'name', name: name[0], start, end };
  if (source[after.start] === '(' && closingBracket(source, src.literals, after.start) === end - 1) {
    const call = callArguments(src, after.start, end - 1);
    if (call) return { kind: 'call', callee: name[0], ...call, start, end };
  }
  const format = /^\.\s*format\s*\(/.exec(source.slice(after.start, after.end));
  if (format && closingBracket(source, src.literals, after.start + format[0].length - 1) === end - 1) {
    const call = callArguments(src, after.start + format[0].length - 1, end - 1);
    if (call && call.args.length === 0) return { kind: 'format', template: { kind: 'name', name: name[0], start, end: start + name[0].length }, fills: call.kwargs, start, end };
  }
  return other(span);
}

/** The expression between `from` and `to`. */
export function parseExpr(src: ExprSource, from: number, to: number): PyExpr {
  const span = trimSpan(src.source, from, to);
  if (span.start === span.end) return other(span);
  const terms = operatorSplit(src, span.start, span.end, '+');
  if (terms.length > 1) return { kind: 'concat', parts: terms.map((t) => parseExpr(src, t.start, t.end)), ...span };
  const factors = operatorSplit(src, span.start, span.end, '%');
  if (factors.length === 2) {
    const template = parsePrimary(src, factors[0]!);
    const fills = dictDisplay(src, factors[1]!) ?? dictCall(src, factors[1]!) ?? (/^(?:locals|vars)\s*\(\s*\)$/.test(src.source.slice(factors[1]!.start, factors[1]!.end)) ? 'scope' : undefined);
    return { kind: 'percent', template, ...(fills ? { fills } : {}), ...span };
  }
  if (factors.length > 2 || /[-*/|&<>=!@~]|\b(?:if|else|and|or|not|for|in|lambda)\b/.test(maskLiterals(src, span))) return other(span);
  return parsePrimary(src, span);
}

/** The text of a span with its literals and bracketed parts blanked: what operator tests look at. */
function maskLiterals(src: ExprSource, span: Span): string {
  let out = '';
  let depth = 0;
  const literalAt = literalsByStart(src.literals);
  for (let i = span.start; i < span.end; i++) {
    const literal = literalAt.get(i);
    if (literal) {
      out += ' '.repeat(literal.end - literal.start);
      i = literal.end - 1;
      continue;
    }
    const ch = src.source[i]!;
    if ('([{'.includes(ch)) depth++;
    out += depth > 0 ? ' ' : ch;
    if (')]}'.includes(ch)) depth--;
  }
  return out;
}
