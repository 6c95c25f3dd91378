// The text of one Python string literal as C: its value (escapes decoded,
// `{{`/`%%` undone) with each template placeholder (`#name#`, `{name}`,
// `%(name)s`) stood in for by an identifier, every character mapped to where
// it is written in the source; and the inverse for edit text: template
// escapes, then Python escapes, with the placeholders put back as written.
import type { Placeholder } from './region';
import { standInFor, standInId } from './execCode';
import { fieldEnd, type LiteralJoins, type PyLiteral } from './pythonStrings';
const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v' };
const PERCENT_FIELD = /%(?:\(([A-Za-z_]\w*)\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXc]/y;
const HASH_FIELD = /#([A-Za-z_]\w*)#/y;

export interface Decoded {
  text: string;
  hostOf: number[];
  placeholders: Placeholder[];
}

/**
 * `naming` may choose a placeholder's stand-in identifier (a template assembled
 * from several strings gives one value one name in all of them).
 */
export function decode(source: string, literal: PyLiteral, joins: LiteralJoins, naming?: (source: string, name: string) => string | undefined): Decoded {
  const out: string[] = [];
  const hostOf: number[] = [];
  const placeholders: Placeholder[] = [];
  const body = source.slice(literal.bodyStart, literal.bodyEnd);
  const emit = (text: string, at: number): void => {
    out.push(text);
    hostOf.push(at);
  };
  const stand = (text: string, name: string, at: number): void => {
    // Alone on its line, a placeholder stands for whole lines of code (a
    // body, the includes): see standInFor.
    const lineEnd = source.indexOf('\n', at);
    const rest = source.slice(at + text.length, lineEnd < 0 || lineEnd > literal.bodyEnd ? literal.bodyEnd : lineEnd);
    const form = (id: string): string => standInFor(id, out.join(''), rest);
    let p = placeholders.find((q) => q.source === text && q.standIn === form(standInId(q.standIn)));
    if (!p) {
      let k = placeholders.length;
      while (body.includes(`MPH${k}_`)) k++;
      const id = naming?.(text, name) ?? `MPH${k}_${name.replace(/\W+/g, '_') || 'x'}`;
      p = { source: text, standIn: form(id) };
      placeholders.push(p);
    }
    for (let j = 0; j < p.standIn.length; j++) emit(p.standIn[j]!, j === 0 ? at : -1);
  };
  let i = literal.bodyStart;
  while (i < literal.bodyEnd) {
    const ch = source[i]!;
    const braces = joins.format;
    if (braces && (ch === '{' || ch === '}') && source[i + 1] === ch) {
      emit(ch, i);
      i += 2;
      continue;
    }
    if (braces && ch === '{') {
      const end = fieldEnd(source, i);
      if (end < 0 || end > literal.bodyEnd) throw new Error('an unclosed {field}');
      const field = source.slice(i, end);
      stand(field, /^\{\s*([A-Za-z_][\w.]*)/.exec(field)?.[1] ?? 'field', i);
      i = end;
      continue;
    }
    if (joins.percent && ch === '%') {
      if (source[i + 1] === '%') {
        emit('%', i);
        i += 2;
        continue;
      }
      PERCENT_FIELD.lastIndex = i;
      const m = PERCENT_FIELD.exec(source);
      if (m && m.index + m[0].length <= literal.bodyEnd) {
        stand(m[0], m[1] ?? 'arg', i);
        i += m[0].length;
        continue;
      }
    }
    if (ch === '#') {
      HASH_FIELD.lastIndex = i;
      const m = HASH_FIELD.exec(source);
      if (m && m.index + m[0].length <= literal.bodyEnd) {
        stand(m[0], m[1]!, i);
        i += m[0].length;
        continue;
      }
    }
    if (ch === '\\' && !literal.raw) {
      const next = source[i + 1]!;
      if (next === '\n') {
        i += 2; // line continuation: no character
        continue;
      }
      if (next === '\r' && source[i + 2] === '\n') {
        i += 3;
        continue;
      }
      const simple = SIMPLE_ESCAPES[next];
      if (simple !== undefined) {
        emit(simple, i);
        i += 2;
        continue;
      }
      const hex = /^(x[0-9a-fA-F]{2}|[0-7]{1,3})/.exec(source.slice(i + 1, i + 4));
      if (hex) {
        emit(String.fromCharCode(parseInt(hex[0][0] === 'x' ? hex[0].slice(1) : hex[0], hex[0][0] === 'x' ? 16 : 8)), i);
        i += 1 + hex[0].length;
        continue;
      }
      if (/[uUN]/.test(next)) throw new Error(`a \\${next} escape`);
      // An unknown escape keeps its backslash.
    }
    emit(ch, i);
    i++;
  }
  hostOf.push(literal.bodyEnd);
  return { text: out.join(''), hostOf, placeholders };
}

/** `placeholders` may be a getter: the ones a string may be written with are known only once its template is read whole. */
export function encoder(literal: PyLiteral, joins: LiteralJoins, known: readonly Placeholder[] | (() => readonly Placeholder[]), bodyText: string): (newText: string) => string {
  const triple = literal.quote.length === 3;
  const q = literal.quote[0]!;
  const escapedQuotes = bodyText.includes(`\\${q}`);
  const escapeC = (c: string): string => {
    let t = c;
    if (joins.format) t = t.replace(/[{}]/g, '$&$&');
    if (joins.percent) t = t.replace(/%/g, '%%');
    let out = '';
    for (let i = 0; i < t.length; i++) {
      const ch = t[i]!;
      if (literal.raw) {
        if ((!triple && (ch === '\n' || ch === q)) || (ch === q && t[i + 1] === q)) throw new Error('the raw string cannot hold the new text');
        out += ch;
      } else if (ch === '\\') out += '\\\\';
      else if (ch === '\n') out += triple ? '\n' : '\\n';
      else if (ch === '\r') out += triple ? '\r' : '\\r';
      else if (ch === q && (!triple || escapedQuotes || t[i + 1] === q)) out += `\\${q}`;
      else if (ch < ' ' && ch !== '\t') out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
      else out += ch;
    }
    return out;
  };
  return (newText) => {
    const placeholders = typeof known === 'function' ? known() : known;
    if (placeholders.length === 0) return escapeC(newText);
    const pattern = new RegExp(placeholders.map((p) => escapeRegExp(p.standIn)).join('|'), 'g');
    let out = '';
    let last = 0;
    for (const m of newText.matchAll(pattern)) {
      out += escapeC(newText.slice(last, m.index)) + placeholders.find((p) => p.standIn === m[0])!.source;
      last = m.index + m[0].length;
    }
    return out + escapeC(newText.slice(last));
  };
}

/**
 * The common indentation of the C lines taken off (a `textwrap.dedent`
 * template is indented with the Python code around it), as for code blocks;
 * edits get it back.
 */
export function dedent(decoded: Decoded): { text: string; hostOf: number[]; indent: string } {
  const lines = decoded.text.split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0]);
  const common = indents.length ? indents.reduce((a, b) => (b.startsWith(a) ? a : a.startsWith(b) ? b : '')) : '';
  // Only the lines after a line break lose it: a first line on the quotes' line stays as it is.
  if (!common || !lines.slice(1).some((l) => l.trim() !== '') || (lines[0]!.trim() !== '' && !lines[0]!.startsWith(common))) return { ...decoded, indent: '' };
  let text = '';
  const hostOf: number[] = [];
  let at = 0;
  for (const line of lines) {
    const blank = line.trim() === '';
    const drop = blank ? line.length - (line.endsWith('\r') ? 1 : 0) : common.length;
    const start = text.length;
    text += line.slice(drop);
    for (let i = drop; i < line.length; i++) hostOf.push(decoded.hostOf[at + i]!);
    const lineStart = decoded.hostOf[at]!;
    at += line.length;
    if (at < decoded.text.length) {
      text += '\n';
      hostOf.push(decoded.hostOf[at]!);
      at += 1;
    }
    // A blank line stands for the whole host line, whitespace too (as in code blocks).
    if (blank && text.length > start) hostOf[start] = lineStart;
  }
  // The indentation before the closing quotes stays after anything added at the end.
  const last = lines[lines.length - 1]!;
  hostOf.push(last !== '' && last.trim() === '' ? decoded.hostOf[decoded.text.length - last.length]! : decoded.hostOf[decoded.text.length]!);
  return { text, hostOf, indent: common };
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
