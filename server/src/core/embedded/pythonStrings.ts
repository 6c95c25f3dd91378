// The string literals of a Python source, found by a small scanner: comments
// are skipped, prefixes (r, b, u, f and their pairs) read, single and triple
// quotes, escapes, and the `{expression}` fields of f-strings (which may hold
// quotes of their own). What each literal is joined with (implicit
// concatenation, `+`, `%`, `.format`) is recorded for the template checks.

export interface PyLiteral {
  /** The literal, prefix and quotes included. */
  start: number;
  end: number;
  /** Between the quotes. */
  bodyStart: number;
  bodyEnd: number;
  prefix: string;
  quote: string;
  raw: boolean;
  fstring: boolean;
  bytes: boolean;
}

const PREFIX = /^(?:[rRuUbBfF]|[rR][bBfF]|[bBfF][rR])$/;

function isIdentChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\w\u0080-\uffff]/.test(ch);
}

/** End of a literal body starting at `at` (just after the opening quote), or -1 if unterminated. */
function bodyEnd(text: string, at: number, quote: string, fstring: boolean): number {
  const triple = quote.length === 3;
  let i = at;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (!triple && ch === '\n') return -1;
    if (text.startsWith(quote, i)) return i;
    if (fstring && ch === '{') {
      if (text[i + 1] === '{') {
        i += 2;
        continue;
      }
      i = fieldEnd(text, i);
      if (i < 0) return -1;
      continue;
    }
    i++;
  }
  return -1;
}

/** Past the `}` closing an f-string field that opens at `at`; nested brackets and strings skipped. */
export function fieldEnd(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '{' || ch === '[' || ch === '(') depth++;
    else if (ch === '}' || ch === ']' || ch === ')') {
      depth--;
      if (depth === 0) return i + 1;
    } else if (ch === '"' || ch === "'") {
      const close = text.indexOf(ch, i + 1);
      if (close < 0) return -1;
      i = close;
    }
  }
  return -1;
}

/** Every string literal of `text` in source order. */
export function scanPythonStrings(text: string): PyLiteral[] {
  const literals: PyLiteral[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '#') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol;
      continue;
    }
    if (ch !== '"' && ch !== "'") {
      i++;
      continue;
    }
    let prefixStart = i;
    while (prefixStart > 0 && /[rRuUbBfF]/.test(text[prefixStart - 1]!) && i - prefixStart < 2) prefixStart--;
    let prefix = text.slice(prefixStart, i);
    if (prefix && (!PREFIX.test(prefix) || isIdentChar(text[prefixStart - 1]))) {
      // `xr"..."`: the letters belong to a name, not to the literal.
      prefix = '';
      prefixStart = i;
    }
    const quote = text.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
    const lower = prefix.toLowerCase();
    const fstring = lower.includes('f');
    const end = bodyEnd(text, i + quote.length, quote, fstring);
    if (end < 0) {
      // Unterminated: skip the line, as Python would refuse it anyway.
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol + 1;
      continue;
    }
    literals.push({
      start: prefixStart,
      end: end + quote.length,
      bodyStart: i + quote.length,
      bodyEnd: end,
      prefix,
      quote,
      raw: lower.includes('r'),
      fstring,
      bytes: lower.includes('b'),
    });
    i = end + quote.length;
  }
  return literals;
}

/** The code between two offsets with comments and line continuations dropped, trimmed. */
function codeBetween(text: string, from: number, to: number): string {
  return text
    .slice(from, to)
    .replace(/#[^\n]*/g, '')
    .replace(/\\\r?\n/g, '')
    .trim();
}

export interface LiteralJoins {
  /** Joined to a neighbour by implicit concatenation or `+`: the C text is in several pieces. */
  pieces: boolean;
  /** Source of what it is joined with (for messages), when it is a computed piece. */
  computed?: string;
  /** A `%` template (`"..." % {...}` or `%(name)s` fields). */
  percent: boolean;
  /** A `.format` template (or an f-string). */
  format: boolean;
}

/** Name a literal is assigned to (`NAME = "..."`), if it starts an assignment. */
function assignedName(text: string, literal: PyLiteral): string | undefined {
  const lineStart = text.lastIndexOf('\n', literal.start - 1) + 1;
  return /^\s*([A-Za-z_]\w*)\s*\+?=\s*\(?\s*$/.exec(text.slice(lineStart, literal.start))?.[1];
}

/**
 * How `literals[index]` is used: joined with other pieces, and whether its
 * text is a `%` or `.format` template. Looks at the neighbouring code only.
 */
export function literalJoins(text: string, literals: readonly PyLiteral[], index: number): LiteralJoins {
  const literal = literals[index]!;
  const prev = literals[index - 1];
  const next = literals[index + 1];
  const before = codeBetween(text, prev ? prev.end : 0, literal.start);
  const after = codeBetween(text, literal.end, next ? next.start : text.length);
  const joins: LiteralJoins = { pieces: false, percent: false, format: literal.fstring };
  // Implicit concatenation: nothing but space (and brackets) between two literals.
  if ((prev && before === '') || (next && after === '')) joins.pieces = true;
  const plusBefore = /\+\s*\(?$/.exec(before);
  const plusAfter = /^\)?\s*\+/.exec(after);
  if (plusBefore || plusAfter) {
    joins.pieces = true;
    const computedAfter = plusAfter ? /^\)?\s*\+\s*([^+\n]*?)\s*(\+|$)/.exec(after)?.[1] : undefined;
    const computedBefore = plusBefore ? /(?:^|\+)\s*([^+\n]*?)\s*\+\s*\(?$/.exec(before)?.[1] : undefined;
    // A method called on the literal before (a join of strings) is part of the piece.
    const whole = computedBefore?.startsWith('.') && prev ? text.slice(prev.start, prev.end) + computedBefore : computedBefore;
    joins.computed = [whole, computedAfter].find((c) => c && /\w/.test(c) && !/^[rRuUbBfF]*["']/.test(c)) || undefined;
  }
  if (/^\)?\s*%/.test(after)) joins.percent = true;
  if (/^\)?\s*\.format\s*\(/.test(after)) joins.format = true;
  const name = assignedName(text, literal);
  if (name) {
    if (new RegExp(`\\b${name}\\s*%`).test(text)) joins.percent = true;
    if (new RegExp(`\\b${name}\\.format\\s*\\(`).test(text)) joins.format = true;
  }
  if (/%\([A-Za-z_]\w*\)[sdrif]/.test(text.slice(literal.bodyStart, literal.bodyEnd))) joins.percent = true;
  return joins;
}
