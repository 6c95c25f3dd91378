// Where the new pieces go, so everything is declared before use in C and C++:
// exec takes the init's place (after everything the init used). When nothing
// between the def and the init refers to the def, the def moves down below
// exec and the slot array (numpy's layout: exec, slots, def, PyInit).
// Otherwise the def stays and the slot array goes right above it, after a
// prototype of exec — valid in both languages, unlike a forward-declared
// static array or a tentative definition of the def (C only).
import type { TextEdit } from '../edits';
import type { LanguageId } from '../grammars';
import { codeMask } from '../text/codeMask';
import type { BodyContext } from './bodyContext';
import { defEdits } from './def';
import type { ConversionOptions } from './options';
import { execPrototype, slotArrayText } from './slots';
import { applyInside, identifierIn, lineEndOf, lineStartOf, nextLineStart, removeLines, removeSpan } from './text';

export interface LayoutInput {
  ctx: BodyContext;
  lang: LanguageId;
  options: ConversionOptions;
  execName: string;
  slotsName: string;
}

export interface Layout {
  edits: TextEdit[];
  /** False when the init did nothing but create the module: no exec needed. */
  hasExec: boolean;
}

export function layoutEdits(input: LayoutInput): Layout {
  const { ctx, execName, slotsName } = input;
  const { text, mask, style } = ctx;
  const { init, source, def } = ctx.target;
  const eol = style.eol;
  const body = source.body;
  const execBody = tidyBlankLines(text.slice(body.startIndex, body.endIndex), applyInside(text, body.startIndex, body.endIndex, ctx.edits));
  const hasExec = !/^\{\s*return\s+0\s*;\s*\}$/.test(codeMask(execBody));
  const execText = hasExec ? execHeader(text, ctx, execName) + execBody : '';
  // With a helper, exec replaces the helper; else it goes right before the init.
  const fromHelper = source.span.start !== init.span.start;
  const execAt = fromHelper ? source.span.start : externCStart(text, mask, init.span.start);
  const placeExec = (after: string[]): TextEdit => {
    const pieces = [execText, ...after];
    if (!fromHelper) return { start: execAt, end: execAt, newText: [...pieces, ''].join(eol + eol) };
    if (!hasExec && !after.length) return removeSpan(text, mask, source.span.start, source.span.end);
    return { start: source.span.start, end: source.span.end, newText: pieces.filter((p) => p !== '').join(eol + eol) };
  };

  const newInit = `${text.slice(init.span.start, init.body.startIndex)}{${eol}${style.indent}return PyModuleDef_Init(&${def.varName});${eol}}`;
  const slots = slotArrayText({ name: slotsName, execName: hasExec ? execName : undefined, gilFromCode: ctx.gilValue, lang: input.lang, options: input.options, style });
  const edits: TextEdit[] = [{ start: init.span.start, end: init.span.end, newText: newInit }];
  if (fromHelper) edits.push(...helperPrototypeRemovals(text, mask, source.name));
  const fieldEdits = defEdits(text, def, slotsName, style);

  const block = defBlock(text, mask, def.declSpan.start, def.declSpan.end);
  const between = mask.slice(def.declSpan.end, execAt);
  // A macro naming the def may be used anywhere in between without naming it there.
  const namedByMacro = [...mask.matchAll(/^[ \t]*#[ \t]*define\b(?:[^\n]*\\\r?\n)*[^\n]*/gm)].some((m) => identifierIn(m[0], def.varName));
  const movable =
    hasExec &&
    block !== undefined &&
    def.declSpan.end <= execAt &&
    !namedByMacro &&
    !directivesBlockMove(between, mask.slice(def.declSpan.start, def.declSpan.end)) &&
    !identifierIn(between, def.varName) &&
    !identifierIn(codeMask(execText), def.varName);
  if (movable && block) {
    const defText = applyInside(text, block.start, block.textEnd, fieldEdits);
    edits.push({ start: block.start, end: block.removeEnd, newText: '' });
    edits.push(placeExec([slots, defText]));
    return { edits, hasExec };
  }
  edits.push(...fieldEdits);
  const anchor = block?.start ?? def.declSpan.start;
  const execAfterSlots = hasExec && execAt > anchor;
  const beforeDef = [...(execAfterSlots ? [execPrototype(execName, ctx.paramName, style)] : []), slots, ''].join(eol + eol);
  edits.push({ start: anchor, end: anchor, newText: beforeDef });
  if (hasExec || fromHelper) edits.push(placeExec([]));
  return { edits, hasExec };
}

/** `static PyObject *make_module(void);` names a function that is gone. */
function helperPrototypeRemovals(text: string, mask: string, name: string): TextEdit[] {
  const re = new RegExp(`^[ \\t]*(?:static\\s+)?PyObject\\s*\\*\\s*${name}\\s*\\(\\s*(?:void)?\\s*\\)\\s*;`, 'gm');
  return [...mask.matchAll(re)].map((m) => {
    const whole = removeSpan(text, mask, m.index + (m[0].length - m[0].trimStart().length), m.index + m[0].length);
    return whole.start === lineStartOf(text, whole.start) && whole.end === nextLineStart(text, whole.end - 1) ? removeLines(text, whole.start, whole.end) : whole;
  });
}

/**
 * Removed statements can leave blank lines piled up, or a blank line right
 * after `{`: allow no more than the original body had.
 */
function tidyBlankLines(original: string, rewritten: string): string {
  const longestRun = (s: string): number => Math.max(0, ...[...s.matchAll(/\n(?:[ \t]*\r?\n)+/g)].map((m) => m[0].split('\n').length - 2));
  const allowed = Math.max(1, longestRun(original));
  let out = rewritten.replace(/\n(?:[ \t]*\r?\n)+/g, (run) => {
    const blanks = run.split('\n').length - 2;
    if (blanks <= allowed) return run;
    const eol = run.includes('\r') ? '\r\n' : '\n';
    return '\n' + eol.repeat(allowed);
  });
  if (!/^\{[ \t]*\r?\n[ \t]*\r?\n/.test(original)) out = out.replace(/^(\{[ \t]*\r?\n)(?:[ \t]*\r?\n)+/, '$1');
  return out;
}

/**
 * Moving the def down past these lines could change what it means: branches
 * change whether it is compiled, #undef or a new #define of a name it uses
 * change its text.
 */
function directivesBlockMove(between: string, defText: string): boolean {
  for (const m of between.matchAll(/^[ \t]*#[ \t]*(\w+)[ \t]*(\w*)/gm)) {
    const [, directive, name] = m as unknown as [string, string, string];
    if (/^(?:if|ifdef|ifndef|elif|else|endif|undef)$/.test(directive)) return true;
    if (directive === 'define' && identifierIn(defText, name)) return true;
  }
  return false;
}

/** `static int x_exec(PyObject *m)` in the init's own header layout. */
function execHeader(text: string, ctx: BodyContext, execName: string): string {
  const source = ctx.target.source;
  const typePart = text.slice(source.span.start, source.nameSpan.start);
  const gap = /\s*$/.exec(typePart)![0] || ' ';
  const rest = text.slice(source.nameSpan.end, source.body.startIndex).replace(/\([^()]*\)/, `(${ctx.style.objectPointer}${ctx.paramName})`);
  return `static int${gap}${execName}${rest}`;
}

/** Back over an `extern "C"` that prefixes the init on its line: exec goes before it. */
function externCStart(text: string, mask: string, start: number): number {
  const lineStart = lineStartOf(text, start);
  const before = mask.slice(lineStart, start);
  const m = /extern\s+"\s*"\s*$/.exec(before);
  return m && before.slice(0, m.index).trim() === '' ? lineStart + m.index : start;
}

interface DefBlock {
  /** Start of the def's comment block (or its line). */
  start: number;
  /** End of the def's last line, before the line break. */
  textEnd: number;
  /** Where deleting the block stops (line break and one surplus blank line included). */
  removeEnd: number;
}

/** The def's whole lines with the comment lines right above it; undefined when it shares a line with other code. */
function defBlock(text: string, mask: string, declStart: number, declEnd: number): DefBlock | undefined {
  const first = lineStartOf(text, declStart);
  if (mask.slice(first, declStart).trim() !== '' || mask.slice(declEnd, lineEndOf(text, declEnd)).trim() !== '') return undefined;
  let start = first;
  // Comment-only lines directly above belong to the def.
  while (start > 0) {
    const previous = lineStartOf(text, start - 1);
    const line = text.slice(previous, start);
    if (line.trim() === '' || mask.slice(previous, start).trim() !== '') break;
    start = previous;
  }
  return { start, textEnd: lineEndOf(text, declEnd), removeEnd: removeLines(text, start, nextLineStart(text, declEnd)).end };
}
