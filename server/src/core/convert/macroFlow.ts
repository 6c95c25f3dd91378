// Reads one #define of a statement macro the init body uses: what its
// control flow and releases mean once the body is exec (statementMacros.ts
// decides what to do with the macro as a whole).
import type { TextEdit } from '../edits';
import type { FunctionInfo } from '../model';
import type { MacroDefinition, PreprocessorModel } from '../text/preprocessorModel';

/** Control flow or a release in a macro body. */
export const HIDES_FLOW = /\b(?:return|goto|break|continue|longjmp|Py_X?DECREF|Py_CLEAR|Py_X?DecRef|Py_X?SETREF)\b/;

export interface MacroScope {
  text: string;
  mask: string;
  pp: PreprocessorModel;
  /** Whether a definition is seen by the converted code (the target view keeps it). */
  live: (d: MacroDefinition) => boolean;
  /** The function whose body becomes exec. */
  source: FunctionInfo;
  /** Functions the layout replaces outright (the init, when the body is a helper's); never the source. */
  replaced: readonly FunctionInfo[];
  /** The module: exec's parameter and the globals holding it. */
  moduleNames: ReadonlySet<string>;
  /** Names declared in the body (a release of one is of a temporary). */
  locals: ReadonlySet<string>;
  /** Labels of the body. */
  labels: ReadonlySet<string>;
  /** Macros the body rewrite handles itself (`INITERROR;`). */
  understood: ReadonlySet<string>;
}


export interface Definition {
  name: string;
  params: string[] | undefined;
  /** Offsets of the replacement text, after the name and any parameter list. */
  bodyStart: number;
  bodyEnd: number;
  macro: MacroDefinition;
}

export interface MacroUse {
  at: number;
  args: string[];
  /** The macro whose expansion holds this use (at that macro's use). */
  via?: string;
}

/** Edits that give the definition exec's forms (none: it may stay), and the labels it jumps to; or why not. */
export type Reading = { edits: TextEdit[]; labels: string[]; nested: string[] } | { why: string };

/** Whitespace inside a macro body, line continuations included. */
const WS = String.raw`(?:\s|\\(?=\r?\n))*`;
const FLOW_RE = /\b(?:return|goto|break|continue|longjmp|throw|co_return)\b/g;
const RELEASE_RE = /\b(?:Py_X?DECREF|Py_CLEAR|Py_X?DecRef|Py_X?SETREF)\b/g;

/** `uses`: the macro's uses in the body, which decide what a released parameter is. */
export function readDefinition(scope: MacroScope, def: Definition, uses: readonly MacroUse[], definitions: ReadonlyMap<string, Definition[]>): Reading {
  const { mask, text, source } = scope;
  const body = mask.slice(def.bodyStart, def.bodyEnd);
  // A nested macro hiding flow of its own is read on its own (its uses through this one count); the plan checks it was settled.
  const nested: string[] = [];
  for (const id of body.matchAll(/\b[A-Za-z_]\w*\b/g)) {
    const other = definitions.get(id[0]);
    if (id[0] !== def.name && other && !def.params?.includes(id[0]) && other.some((o) => HIDES_FLOW.test(mask.slice(o.bodyStart, o.bodyEnd))) && !nested.includes(id[0])) nested.push(id[0]);
  }
  const edits: TextEdit[] = [];
  const labels: string[] = [];
  for (const flow of body.matchAll(FLOW_RE)) {
    const rest = body.slice(flow.index);
    if (flow[0] === 'goto') {
      const label = new RegExp(`^goto${WS}([A-Za-z_]\\w*)`).exec(rest)?.[1];
      // A jump to the body's own label follows the path the exec rewrite converts anyway.
      if (!label || !scope.labels.has(label)) return { why: `jumps to ${label ?? 'a computed label'}, which ${source.name} does not have` };
      labels.push(label);
      continue;
    }
    if (flow[0] !== 'return') return { why: `uses ${flow[0]}` };
    const ret = new RegExp(`^return${WS}(\\(${WS})?(?:NULL|0|\\(${WS}PyObject${WS}\\*${WS}\\)${WS}NULL)${WS}(\\)${WS})?(?:;|$)`).exec(rest);
    if (!ret || Boolean(ret[1]) !== Boolean(ret[2])) return { why: 'returns something other than NULL' };
    const value = /NULL|0/.exec(ret[0].slice('return'.length))!;
    const at = def.bodyStart + flow.index + 'return'.length + value.index;
    // `(PyObject *)NULL` becomes `-1` whole.
    const cast = new RegExp(`\\(${WS}PyObject${WS}\\*${WS}\\)${WS}NULL`).exec(ret[0]);
    const start = cast ? def.bodyStart + flow.index + cast.index : at;
    edits.push(keepContinuationColumn(text, { start, end: at + value[0].length, newText: '-1' }));
  }
  for (const release of body.matchAll(RELEASE_RE)) {
    const call = releaseCall(body, release.index);
    if (!call) return { why: `releases an expression (${release[0]}) that may be the module` };
    const what = releasedObject(scope, def, body, uses, call.arg);
    if (what === 'other') continue;
    if (what !== 'module') return { why: what };
    if (!['Py_DECREF', 'Py_XDECREF', 'Py_CLEAR'].includes(release[0])) return { why: `releases the module with ${release[0]}` };
    // Dropping the body of an `if`/`else`/`do` would hand its control to the next statement.
    const before = body.slice(0, release.index).replace(/(?:\s|\\(?=\r?\n))+$/, '');
    if (!/[{;}]$/.test(before)) return { why: 'releases the module as the whole body of a statement' };
    // Py_CLEAR leaves NULL behind for what follows; only the failure exit is sure.
    const after = body.slice(release.index + call.length);
    if (release[0] === 'Py_CLEAR' && !new RegExp(`^${WS}return\\b`).test(after)) return { why: 'clears the module and carries on' };
    edits.push(removal(text, def.bodyStart + release.index, def.bodyStart + release.index + call.length));
  }
  return { edits, labels, nested };
}

/** The released argument, casts and parentheses stripped, and the length of the call statement. */
function releaseCall(body: string, at: number): { arg: string; length: number } | undefined {
  const head = new RegExp(`^\\w+${WS}\\(`).exec(body.slice(at));
  if (!head) return undefined;
  let depth = 1;
  let i = at + head[0].length;
  let firstComma = -1;
  for (; i < body.length && depth > 0; i++) {
    if (body[i] === '(') depth++;
    else if (body[i] === ')') depth--;
    else if (body[i] === ',' && depth === 1 && firstComma < 0) firstComma = i;
  }
  if (depth !== 0) return undefined;
  const arg = stripCasts(body.slice(at + head[0].length, firstComma >= 0 ? firstComma : i - 1));
  const semicolon = new RegExp(`^${WS};`).exec(body.slice(i));
  return { arg, length: i - at + (semicolon ? semicolon[0].length : 0) };
}

/** `(PyObject *)(type)` → `type`. */
export function stripCasts(expression: string): string {
  let e = expression.replace(/\\\r?\n/g, ' ').trim();
  for (let guard = 0; guard < 10; guard++) {
    const cast = /^\(\s*(?:const\s+)?\w+\s*\*\s*\)\s*/.exec(e);
    if (cast) e = e.slice(cast[0].length).trim();
    else if (/^\((.*)\)$/s.test(e) && balanced(e.slice(1, -1))) e = e.slice(1, -1).trim();
    else break;
  }
  return e;
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** 'module', 'other', or why the text cannot tell. */
function releasedObject(scope: MacroScope, def: Definition, body: string, uses: readonly MacroUse[], arg: string): string {
  if (!/^[A-Za-z_]\w*$/.test(arg)) return `releases ${arg}, which may be the module`;
  const index = def.params?.indexOf(arg) ?? -1;
  if (index >= 0) {
    if (uses.length === 0) return `releases its parameter ${arg}, and no use is in sight to say what it is`;
    const passed = uses.map((u) => scope.moduleNames.has(stripCasts(u.args[index] ?? '')));
    if (passed.every(Boolean)) return 'module';
    if (!passed.some(Boolean)) return 'other';
    return `releases its parameter ${arg}, which is the module at some uses only`;
  }
  if (scope.moduleNames.has(arg)) return 'module';
  // A temporary of the body or of the macro itself (numpy's ADDCONST).
  if (scope.locals.has(arg) || new RegExp(`\\*\\s*${arg}\\s*[=;,]`).test(body)) return 'other';
  return `releases ${arg}, which may be the module`;
}

/** A shorter replacement on a continued line pads before its `\\`, so an aligned column of backslashes stays straight. */
function keepContinuationColumn(text: string, edit: TextEdit): TextEdit {
  const shorter = edit.end - edit.start - edit.newText.length;
  const rest = /^([^\n\\]*?)([ \t]+)\\\r?\n/.exec(text.slice(edit.end));
  // One space before the `\\` is no column to keep.
  if (shorter <= 0 || !rest || rest[2]!.length < 2) return edit;
  return { start: edit.start, end: edit.end + rest[1]!.length + rest[2]!.length, newText: `${edit.newText}${rest[1]}${rest[2]}${' '.repeat(shorter)}` };
}

/**
 * Removes a statement from a macro body: its whole line when it stands alone
 * on a continued line (so the `\` layout stays), else the statement and the
 * blanks after it.
 */
function removal(text: string, start: number, end: number): TextEdit {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const rest = /^[ \t]*\\\r?\n/.exec(text.slice(end));
  const alone = text.slice(lineStart, start).trim() === '';
  if (alone && rest && lineStart > 0 && /\\\r?\n$/.test(text.slice(0, lineStart))) return { start: lineStart, end: end + rest[0].length, newText: '' };
  const blanks = /^[ \t]*/.exec(text.slice(end))![0].length;
  return { start, end: end + blanks, newText: '' };
}

/** Parameters replaced by arguments; `#p` becomes a string literal, `a ## p` pastes. */
export function substitute(body: string, params: readonly string[], args: readonly string[], bareSimple = false): string {
  // `(value)` around a plain name, number or string argument reads better without the parentheses;
  // never a call's parentheses (after a name) nor a cast's (before an operand).
  const simple = (id: string): boolean => params.includes(id) && /^(?:[A-Za-z_]\w*|\d+|"[^"\\]*")$/.test(args[params.indexOf(id)]!);
  const text = bareSimple ? body.replace(/(?<=(?:^|[(,=!<>+\-*/%&|^?:;{}])\s*)\(\s*([A-Za-z_]\w*)\s*\)(?!\s*[\w("])/g, (whole, id: string) => (simple(id) ? id : whole)) : body;
  return text.replace(/(##|#)?(\s*)\b([A-Za-z_]\w*)\b/g, (whole, hash: string | undefined, space: string, id: string) => {
    const i = params.indexOf(id);
    if (i === -1) return whole;
    const arg = args[i]!;
    if (hash === '#') return `"${arg.replace(/["\\]/g, '\\$&')}"`;
    return `${hash ?? ''}${space}${arg}`;
  });
}

/**
 * Variables outside the body that the macro's uses assign (`attr_ ## NAME =`
 * pastes a static's name): process-wide state the body writes out of sight
 * of the state analysis, which reads the tree.
 */
export function writesThrough(scope: MacroScope, def: Definition, uses: readonly MacroUse[]): string[] {
  const body = scope.mask.slice(def.bodyStart, def.bodyEnd).replace(/\\\r?\n/g, ' ');
  const texts = def.params ? uses.map((u) => substitute(body, def.params!, u.args).replace(/\s*##\s*/g, '')) : [body];
  const written = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(/(?<![\w.>])([A-Za-z_]\w*)(?:\s*(?:\.|->)\s*\w+|\s*\[[^\]]*\])*\s*(?:[-+*/%&|^]|<<|>>)?=(?!=)/g)) {
      const name = m[1]!;
      // A variable the macro declares itself (`PyObject *o = ...`, `int i;`) is no write to the file's state.
      if (!scope.locals.has(name) && !scope.moduleNames.has(name) && !new RegExp(`\\b(?!return\\b|else\\b)[A-Za-z_]\\w*[\\s*]+${name}\\s*[=;,[]`).test(text)) written.add(name);
    }
  }
  return [...written];
}
