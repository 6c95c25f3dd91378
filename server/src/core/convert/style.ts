// The file's own style, so new code reads like the code around it: line
// ending, one indentation step, and where the init puts its opening brace.
import type { LanguageId } from '../grammars';
import type { FunctionInfo, Span } from '../model';
import { codeChildren, indentAt, lineStartOf } from './text';

export interface FileStyle {
  eol: '\n' | '\r\n';
  /** One indentation step: a tab or N spaces. */
  indent: string;
  /** `{` of top-level initialisers on its own line (`= \n{`). */
  braceOnOwnLine: boolean;
  /**
   * With the brace on its own line: where the def's own initialiser puts
   * that brace (and its `};`) and its members — GNU style indents the
   * brace (`=\n  {`, members at 4, `  };`). New initialisers follow it.
   */
  initialiserIndent?: { brace: string; member: string };
  /** `NULL`, or `nullptr` in C++ files that prefer it. */
  nullLiteral: 'NULL' | 'nullptr';
  /** How the file spells an object pointer declaration: `PyObject *` or `PyObject* `. */
  objectPointer: 'PyObject *' | 'PyObject* ';
  /** Before an argument list: `f(x)`, or GNU's `f (x)`. */
  callGap: '' | ' ';
  /** Inside one-line initialiser entries: `{a, b}` or `{ a, b }`. */
  entryPad: '' | ' ';
}

/** `mask`: codeMask(text), which the caller's model holds already. */
export function detectStyle(text: string, mask: string, init: FunctionInfo, lang: LanguageId, defSpan?: Span): FileStyle {
  const count = (re: RegExp): number => (text.match(re) ?? []).length;
  const braceOnOwnLine = /=[ \t]*\r?\n[ \t]*\{/.test(text) && !/=[ \t]*\{[ \t]*\r?\n/.test(text);
  return {
    eol: lineEnding(text),
    indent: bodyIndent(text, init) ?? fileIndent(text),
    braceOnOwnLine,
    initialiserIndent: braceOnOwnLine && defSpan ? initialiserIndent(text.slice(defSpan.start, defSpan.end)) : undefined,
    nullLiteral: lang === 'cpp' && count(/\bnullptr\b/g) > count(/\bNULL\b/g) ? 'nullptr' : 'NULL',
    objectPointer: count(/\bPyObject\*[ \t]+\w/g) > count(/\bPyObject[ \t]+\*\w/g) ? 'PyObject* ' : 'PyObject *',
    ...spacing(mask),
  };
}

/** The line end most lines of `text` use (lone CRs were read as LF, see text/lineEndings). */
export function lineEnding(text: string): '\n' | '\r\n' {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

const NOT_CALLS = new Set(['if', 'for', 'while', 'switch', 'return', 'sizeof', 'defined', 'case', 'do', 'else', '__attribute__']);

/** Whether most calls and declarations (keywords aside) and most one-line entries are spaced. Comments and strings are masked out. */
function spacing(mask: string): { callGap: '' | ' '; entryPad: '' | ' ' } {
  let spaced = 0;
  let tight = 0;
  for (const m of mask.matchAll(/\b([A-Za-z_]\w*)([ \t]?)\(/g)) {
    if (NOT_CALLS.has(m[1]!)) continue;
    if (m[2]) spaced++;
    else tight++;
  }
  let padded = 0;
  let bare = 0;
  for (const m of mask.matchAll(/^[ \t]*\{([ \t]*)\S[^\n]*?\S([ \t]*)\}[ \t]*,?[ \t]*\r?$/gm)) {
    if (m[1] && m[2]) padded++;
    else if (!m[1] && !m[2]) bare++;
  }
  return { callGap: spaced > tight ? ' ' : '', entryPad: padded > bare ? ' ' : '' };
}

/** Brace and member indentation of a `=\n{\n members` initialiser whose members start on the next line. */
function initialiserIndent(decl: string): { brace: string; member: string } | undefined {
  const m = /=[ \t]*\r?\n([ \t]*)\{[ \t]*\r?\n([ \t]*)\S/.exec(decl);
  if (!m || !m[2]!.startsWith(m[1]!) || m[2]!.length <= m[1]!.length) return undefined;
  return { brace: m[1]!, member: m[2]! };
}

/** The step the init body itself is indented by, relative to its header. */
function bodyIndent(text: string, init: FunctionInfo): string | undefined {
  const base = indentAt(text, init.span.start);
  for (const statement of codeChildren(init.body)) {
    if (text.slice(lineStartOf(text, statement.startIndex), statement.startIndex).trim() !== '') continue;
    const own = indentAt(text, statement.startIndex);
    if (own.startsWith(base) && own.length > base.length) return own.slice(base.length);
  }
  return undefined;
}

/** Most common indentation step of the file: tab, or the commonest space width. */
function fileIndent(text: string): string {
  let tabs = 0;
  const widths = new Map<number, number>();
  for (const m of text.matchAll(/^([ \t]+)\S/gm)) {
    const lead = m[1]!;
    if (lead.startsWith('\t')) tabs++;
    else for (const w of [2, 4, 8]) if (lead.length === w) widths.set(w, (widths.get(w) ?? 0) + 1);
  }
  const spaces = [...widths.values()].reduce((a, b) => a + b, 0);
  if (tabs > spaces) return '\t';
  if ((widths.get(4) ?? 0) >= (widths.get(2) ?? 0)) return '    ';
  return '  ';
}
