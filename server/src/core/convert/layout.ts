// Where the new pieces go, so everything is declared before use in C and
// C++ and the diff stays small: the def stays where it is, the slot array goes
// right above it (after a prototype of exec when exec comes later: valid in
// both languages, unlike a forward-declared static array or a tentative
// definition of the def, which is C only), and exec takes the init's place,
// after everything the init used.
import type { TextEdit } from '../edits';
import type { LanguageId } from '../grammars';
import type { FunctionInfo } from '../model';
import { declarationStart } from '../analysis/declarations';
import { codeMask } from '../text/codeMask';
import type { BodyContext } from './bodyContext';
import { defEdits } from './def';
import { refusal, type Refusal } from './refusalCatalogue';
import { isLocalDef } from './refusals';
import { execPrototype, slotArrayText } from './slots';
import { applyInside, identifierIn, indentAt, lineEndOf, lineStartOf, nextLineStart, removeLines, removeSpan } from './text';

export interface LayoutInput {
  ctx: BodyContext;
  lang: LanguageId;
  execName: string;
  slotsName: string;
  /** Resolved slot values (see policy.ts). */
  interpreters?: string;
  gil?: string;
  /** Replay or error policy: the body gets its own name and runs from a wrapper exec. */
  once?: OnceLayout;
  /** Every function of the file, to place the statics before the first one using them. */
  functions: readonly FunctionInfo[];
}

export interface OnceLayout {
  /** Name the converted body is written under (the slot names the wrapper). */
  bodyName: string;
  /** The wrapper exec (and its helper), placed right after the body. */
  exec: string;
  /** Static declarations, placed before their first user. */
  statics: string;
  /** Teardown wrappers, placed right before the slot array (after the functions they call). */
  wrappers: string[];
  /** Offsets in the file that use the statics (rewritten PyState_FindModule calls). */
  usedAt: number[];
}

export type Layout =
  | {
      ok: true;
      edits: TextEdit[];
      /** False when the init did nothing but create the module: no exec needed. */
      hasExec: boolean;
    }
  | { ok: false; reason: Refusal };

export function layoutEdits(input: LayoutInput): Layout {
  const { ctx, execName, slotsName } = input;
  const { text, mask, style } = ctx;
  const { init, source, def } = ctx.target;
  const eol = style.eol;
  const body = source.body;
  const execBody = tidyBlankLines(text.slice(body.startIndex, body.endIndex), applyInside(text, body.startIndex, body.endIndex, ctx.edits));
  // Replay and error keep one module object, so they need an exec even for an empty body.
  const execMask = codeMask(execBody);
  const hasExec = input.once !== undefined || !/^\{\s*return\s+0\s*;\s*\}$/.test(execMask);
  const once = hasExec ? input.once : undefined;
  const bodyText = hasExec ? execHeader(text, ctx, once?.bodyName ?? execName) + markUnusedModule(execBody, execMask, ctx) : '';
  const execText = once ? bodyText + eol + eol + once.exec : bodyText;
  const wrappers = once?.wrappers ?? [];
  // With a helper, exec replaces the helper; else it goes right before the init.
  const fromHelper = source.span.start !== init.span.start;
  let execAt = fromHelper ? source.span.start : externCStart(text, mask, exportMacroStart(mask, init.span.start));
  const newInit = `${text.slice(init.span.start, init.body.startIndex)}{${eol}${style.indent}return PyModuleDef_Init${style.callGap}(&${def.varName});${eol}}`;
  const slots = slotArrayText({ name: slotsName, execName: hasExec ? execName : undefined, interpreters: input.interpreters, gil: input.gil, gilComments: ctx.gilComments, lang: input.lang, style });
  const fieldEdits = defEdits(text, mask, def, slotsName, style, ctx.target.size);
  const edits: TextEdit[] = [{ start: init.span.start, end: init.span.end, newText: newInit }];
  if (fromHelper) edits.push(...helperPrototypeRemovals(text, mask, source.name));
  const lookupBefore = (at: number): boolean => once !== undefined && once.usedAt.some((u) => u < at);
  const lookupReason = refusal('state-lookup', `PyState_FindModule is called above ${source.name}, where the statics that replace it cannot be declared in this layout`);
  if (isLocalDef(def, source)) {
    if (lookupBefore(fromHelper ? source.span.start : execAt)) return { ok: false, reason: lookupReason };
    // Pillow's style: the def was a static local of the init. It moves to
    // file scope after exec and the slot array (one indentation level out).
    const defText = dedent(applyInside(text, def.declSpan.start, def.declSpan.end, fieldEdits), style.indent);
    const pieces = [...(once ? [once.statics] : []), ...(hasExec ? [execText] : []), ...wrappers, slots, defText];
    if (fromHelper) edits.push({ start: source.span.start, end: source.span.end, newText: pieces.join(eol + eol) });
    else edits.push({ start: execAt, end: execAt, newText: [...pieces, ''].join(eol + eol) });
    return { ok: true, edits, hasExec };
  }
  edits.push(...fieldEdits);
  const block = defBlock(text, mask, defStart(text, mask, def.declSpan.start), def.declSpan.end);
  const anchor = block?.start ?? defStart(text, mask, def.declSpan.start);
  const removeHelper = (): TextEdit => removeSpan(text, mask, source.span.start, source.span.end);

  // C++: an `extern "C" {` block around the init (not the def) opens no
  // scope but gives C linkage, which a static exec must not get after a
  // C++-linkage prototype: exec goes right before the block instead.
  if (input.lang === 'cpp' && hasExec && !fromHelper) {
    const defBlocks = openBraces(mask, anchor);
    const initBlocks = openBraces(mask, execAt);
    if (defBlocks !== undefined && initBlocks !== undefined && initBlocks.length > defBlocks.length && defBlocks.every((b, i) => initBlocks[i] === b)) {
      const outer = initBlocks[defBlocks.length]!;
      const externStart = externBlockStart(mask, outer);
      const onlyExternC = initBlocks.slice(defBlocks.length).every((b) => externBlockStart(mask, b) !== undefined);
      if (onlyExternC && externStart !== undefined) {
        if (usesNamesFrom(codeMask(execText), mask.slice(externStart, execAt))) {
          return { ok: false, reason: refusal('scope-mismatch', `${source.name} sits in an extern "C" block after code its body uses`) };
        }
        execAt = lineStartOf(text, externStart) === externStart - indentAt(text, externStart).length ? lineStartOf(text, externStart) : externStart;
      }
    }
  }
  // C++: a namespace or extern "C" block may hold the def but not the init;
  // a prototype there would declare a different function. Exec then moves
  // up beside the def, when it needs nothing declared in between.
  if (input.lang === 'cpp' && !sameScope(mask, anchor, execAt)) {
    if (hasExec && (execAt < anchor || usesNamesFrom(codeMask(execText), mask.slice(anchor, execAt)))) {
      return { ok: false, reason: refusal('scope-mismatch', `'${def.varName}' and ${source.name} sit in different namespaces or extern "C" blocks`) };
    }
    if (lookupBefore(anchor)) return { ok: false, reason: lookupReason };
    edits.push({ start: anchor, end: anchor, newText: [...(once ? [once.statics, ...wrappers] : []), ...(hasExec ? [execText] : []), slots, ''].join(eol + eol) });
    if (fromHelper) edits.push(removeHelper());
    return { ok: true, edits, hasExec };
  }
  // The def stays where it is: the slot array goes right above it, after a
  // prototype of exec when exec comes later; exec takes the init's place.
  const prototype = hasExec && execAt > anchor ? [execPrototype(execName, ctx.paramName, style)] : [];
  // The statics go before their first user: exec, the teardown wrappers, or a rewritten PyState_FindModule.
  const staticsAt = once ? topLevelStart(text, mask, Math.min(anchor, execAt, ...once.usedAt), input.functions) : anchor;
  if (once && staticsAt < anchor) edits.push({ start: staticsAt, end: staticsAt, newText: once.statics + eol + eol });
  const staticsHere = once && staticsAt >= anchor ? [once.statics] : [];
  edits.push({ start: anchor, end: anchor, newText: [...staticsHere, ...wrappers, ...prototype, slots, ''].join(eol + eol) });
  if (fromHelper) edits.push(hasExec ? { start: source.span.start, end: source.span.end, newText: execText } : removeHelper());
  else if (hasExec) edits.push({ start: execAt, end: execAt, newText: execText + eol + eol });
  return { ok: true, edits, hasExec };
}

/**
 * Start of the top-level declaration holding `offset` (with the comment lines
 * right above it), so new file-scope code can go before it.
 */
function topLevelStart(text: string, mask: string, offset: number, functions: readonly FunctionInfo[]): number {
  const fn = functions.find((f) => offset >= f.span.start && offset < f.span.end);
  let start = lineStartOf(text, fn ? fn.span.start : offset);
  // Comment-only lines directly above belong to the declaration.
  while (start > 0) {
    const previous = lineStartOf(text, start - 1);
    const line = text.slice(previous, start);
    if (line.trim() === '' || mask.slice(previous, start).trim() !== '') break;
    start = previous;
  }
  return start;
}

/** Offsets of the braces still open at `offset`; undefined when the braces do not balance. */
function openBraces(mask: string, offset: number): number[] | undefined {
  const open: number[] = [];
  for (let i = 0; i < offset; i++) {
    if (mask[i] === '{') open.push(i);
    else if (mask[i] === '}' && open.pop() === undefined) return undefined;
  }
  return open;
}

/** The braces open at `a` and at `b` are the same ones (same namespace / block). */
function sameScope(mask: string, a: number, b: number): boolean {
  const first = openBraces(mask, a);
  return first !== undefined && first.join(',') === openBraces(mask, b)?.join(',');
}

/** Start of `extern "C"` when the brace at `brace` opens such a block. */
function externBlockStart(mask: string, brace: number): number | undefined {
  const before = mask.slice(Math.max(0, brace - 40), brace);
  const m = /extern\s+"\s*"\s*$/.exec(before);
  return m ? brace - before.length + m.index : undefined;
}

const COMMON_NAMES = /^(?:Py|_Py|PY|NULL|nullptr|return|if|else|for|while|do|goto|int|long|char|const|static|void|sizeof|struct|unsigned|double|float|size_t|Py_ssize_t)/;

/** Exec uses a name (not a Python API name or keyword) that also appears in `region`. */
function usesNamesFrom(execMask: string, region: string): boolean {
  const names = new Set([...execMask.matchAll(/\b[A-Za-z_]\w*\b/g)].map((m) => m[0]).filter((n) => !COMMON_NAMES.test(n)));
  for (const name of names) if (identifierIn(region, name)) return true;
  return false;
}

/** Lines after the first lose one indentation step (the first starts at the declaration). */
function dedent(declaration: string, step: string): string {
  return declaration
    .split('\n')
    .map((line, i) => (i > 0 && line.startsWith(step) ? line.slice(step.length) : line))
    .join('\n');
}

/** `static PyObject *make_module(void);` names a function that is gone. */
function helperPrototypeRemovals(text: string, mask: string, name: string): TextEdit[] {
  // Another definition (a Python 2 copy under #else) may still need the prototype.
  const definitions = [...mask.matchAll(new RegExp(`\\b${name}\\s*\\([^;{}]*\\)\\s*\\{`, 'g'))].length;
  if (definitions > 1) return [];
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
 * `(void)m;` in an exec body that never names its module (-Wextra builds warn
 * on an unused parameter), after the body's leading declarations: before
 * them it would be a statement ahead of a declaration, which C89 rejects.
 */
function markUnusedModule(execBody: string, execMask: string, ctx: BodyContext): string {
  const p = ctx.paramName;
  if (identifierIn(execMask, p)) return execBody;
  const opening = /^\{[ \t]*\r?\n/.exec(execBody);
  if (!opening) return `{ (void)${p};${execBody.slice(1)}`;
  const block = LEADING_DECLARATIONS.exec(execBody.slice(opening[0].length))![0];
  // Right after the last declaration line: a blank line after it stays between them and the code.
  const at = opening[0].length + (block.trim() === '' ? 0 : block.indexOf('\n', block.lastIndexOf(';')) + 1);
  return `${execBody.slice(0, at)}${ctx.style.indent}(void)${p};${ctx.style.eol}${execBody.slice(at)}`;
}

/** Declaration lines (`int i;`, `PyObject *x = NULL;`) and blank lines at the top of a body; never a statement keyword. */
const LEADING_DECLARATIONS = /^(?:[ \t]*\r?\n|[ \t]*(?!(?:return|goto|break|continue|if|else|while|for|do|switch|case)\b)(?:(?:static|const|unsigned|signed|struct|volatile)\s+)*[A-Za-z_]\w*[\s*]+[A-Za-z_]\w*(?:\s*\[[^\]\n]*\])?(?:\s*=[^;\n]*)?;[ \t]*\r?\n)*/;

/** `static int x_exec(PyObject *m)` in the init's own header layout. */
function execHeader(text: string, ctx: BodyContext, execName: string): string {
  const source = ctx.target.source;
  const typePart = text.slice(source.span.start, source.nameSpan.start);
  const gap = /\s*$/.exec(typePart)![0] || ' ';
  const rest = text.slice(source.nameSpan.end, source.body.startIndex).replace(/\([^()]*\)/, `(${ctx.style.objectPointer}${ctx.paramName})`);
  return `static int${gap}${execName}${rest}`;
}

/**
 * Back over an export or visibility macro written before the init's
 * `PyMODINIT_FUNC` (`VIS PyMODINIT_FUNC PyInit_x(void)`): exec goes before it,
 * so the macro stays on the init, whose symbol it keeps exported.
 */
function exportMacroStart(mask: string, start: number): number {
  const before = declarationStart(mask, start);
  return before < start && /^PyMODINIT_FUNC\b/.test(mask.slice(start)) && /^[\w\s]+$/.test(mask.slice(before, start)) ? before : start;
}

/** Back over an `extern "C"` that prefixes the init on its line: exec goes before it. */
function externCStart(text: string, mask: string, start: number): number {
  const lineStart = lineStartOf(text, start);
  const before = mask.slice(lineStart, start);
  const m = /extern\s+"\s*"\s*$/.exec(before);
  return m && before.slice(0, m.index).trim() === '' ? lineStart + m.index : start;
}

/** The def's declaration start, never inside a preprocessor line before it (`#if X >= 3` then `static ...`). */
function defStart(text: string, mask: string, start: number): number {
  let at = start;
  while (/^[ \t]*#/.test(mask.slice(lineStartOf(text, at), at + 1)) && at < text.length) {
    at = nextLineStart(text, at);
    while (at < text.length && /\s/.test(mask[at]!)) at++;
  }
  return at;
}

/** Start of the def's lines with the comment lines right above it; undefined when it shares a line with other code. */
function defBlock(text: string, mask: string, declStart: number, declEnd: number): { start: number } | undefined {
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
  return { start };
}
