// Statement macros defined in the file and used only inside the init, such
// as `#define ADD_INT(N, V) if (PyModule_AddIntConstant(m, N, V) < 0) {
// Py_DECREF(m); return NULL; }` (older stdlib and third-party modules). When
// every expansion lands in the body that becomes exec, the definition itself
// can take exec's forms: `return NULL` becomes `return -1` and the release of
// the (now borrowed) module goes. Anything the text cannot prove stays
// refused by the caller as a macro that hides control flow.
import type { TextEdit } from '../edits';
import type { FunctionInfo } from '../model';
import { scanPreprocessor } from '../text/preprocessorModel';

/** Whitespace inside a macro body, line continuations included. */
const WS = String.raw`(?:\s|\\(?=\r?\n))*`;
const FLOW_RE = /\b(?:return|goto|break|continue|longjmp|throw|co_return)\b/g;
const RELEASE_RE = /\b(?:Py_X?DECREF|Py_CLEAR|Py_X?DecRef|Py_X?SETREF)\b/g;
const HIDES_FLOW = /\b(?:return|goto|break|continue|longjmp|Py_X?DECREF|Py_CLEAR|Py_X?DecRef|Py_X?SETREF)\b/;

interface Definition {
  name: string;
  params: string[] | undefined;
  /** Offsets of the replacement text, after the name and any parameter list. */
  bodyStart: number;
  bodyEnd: number;
}

/**
 * Edits to the definitions of the macros that can be rewritten for exec,
 * by macro name. `moduleVar` is the init's local module variable, which
 * becomes exec's parameter under the same name.
 */
export function rewritableMacros(text: string, mask: string, source: FunctionInfo, outside: readonly FunctionInfo[], moduleVar: string | undefined): Map<string, TextEdit[]> {
  const result = new Map<string, TextEdit[]>();
  if (!moduleVar) return result;
  const definitions = new Map<string, Definition[]>();
  const pp = scanPreprocessor(mask);
  for (const d of pp.defines) {
    // The replacement text starts after the name, and after the parameter list of a function-like macro.
    const afterName = new RegExp(String.raw`define[ \t]+${d.name}`, 'y');
    afterName.lastIndex = mask.indexOf('define', d.span.start);
    if (!afterName.test(mask)) continue;
    let bodyStart = afterName.lastIndex;
    if (d.params !== undefined) {
      const close = mask.indexOf(')', bodyStart);
      if (close < 0 || close > d.span.end) continue;
      bodyStart = close + 1;
    }
    definitions.set(d.name, [...(definitions.get(d.name) ?? []), { name: d.name, params: d.params, bodyStart, bodyEnd: d.span.end }]);
  }
  for (const [name, defs] of definitions) {
    const def = defs[0]!;
    // One definition, never #undef'd: what the init sees is what is rewritten.
    if (defs.length !== 1 || pp.definitions(name)[0]?.undefined || !HIDES_FLOW.test(mask.slice(def.bodyStart, def.bodyEnd))) continue;
    const edits = rewriteDefinition(text, mask, def, definitions, source, outside, moduleVar);
    if (edits) result.set(name, edits);
  }
  return result;
}

function rewriteDefinition(
  text: string,
  mask: string,
  def: Definition,
  definitions: ReadonlyMap<string, Definition[]>,
  source: FunctionInfo,
  outside: readonly FunctionInfo[],
  moduleVar: string,
): TextEdit[] | undefined {
  // The definition must not sit where the layout rewrites code.
  if (outside.some((f) => def.bodyStart < f.span.end && def.bodyEnd > f.span.start)) return undefined;
  const uses = usesOf(mask, def, source);
  if (!uses) return undefined;
  const body = mask.slice(def.bodyStart, def.bodyEnd);
  // A nested macro could hide flow of its own, which this rewrite would not see.
  for (const id of body.matchAll(/\b[A-Za-z_]\w*\b/g)) {
    const other = definitions.get(id[0]);
    if (id[0] !== def.name && other && !def.params?.includes(id[0]) && other.some((o) => HIDES_FLOW.test(mask.slice(o.bodyStart, o.bodyEnd)))) return undefined;
  }
  const edits: TextEdit[] = [];
  for (const flow of body.matchAll(FLOW_RE)) {
    const ret = new RegExp(`^return${WS}(\\(${WS})?NULL${WS}(\\)${WS})?;`).exec(body.slice(flow.index));
    if (!ret || Boolean(ret[1]) !== Boolean(ret[2])) return undefined;
    const at = def.bodyStart + flow.index + ret[0].indexOf('NULL');
    edits.push({ start: at, end: at + 4, newText: '-1' });
  }
  for (const release of body.matchAll(RELEASE_RE)) {
    const call = new RegExp(`^(\\w+)${WS}\\(${WS}(\\w+)${WS}\\)${WS};`).exec(body.slice(release.index));
    if (!call || !['Py_DECREF', 'Py_XDECREF', 'Py_CLEAR'].includes(call[1]!)) return undefined;
    if (!releasesModule(call[2]!, def, uses, moduleVar)) return undefined;
    // Dropping the body of an `if`/`else`/`do` would hand its control to the next statement.
    const before = body.slice(0, release.index).replace(/(?:\s|\\(?=\r?\n))+$/, '');
    if (!/[{;}]$/.test(before)) return undefined;
    // Py_CLEAR leaves NULL behind for what follows; only the failure exit is sure.
    const after = body.slice(release.index + call[0].length);
    if (call[1] === 'Py_CLEAR' && !new RegExp(`^${WS}return\\b`).test(after)) return undefined;
    edits.push(removal(text, def.bodyStart + release.index, def.bodyStart + release.index + call[0].length));
  }
  return edits.length ? edits : undefined;
}

/** The module is released by its own name, or through a parameter every use fills with it. */
function releasesModule(arg: string, def: Definition, uses: string[][], moduleVar: string): boolean {
  const index = def.params?.indexOf(arg) ?? -1;
  if (index < 0) return arg === moduleVar;
  return uses.every((args) => args[index] === moduleVar);
}

/**
 * The argument lists of every use (empty for an object-like macro), or
 * undefined when some use lies outside the init body (other functions,
 * other macros, `#ifdef NAME`) or is not a plain call.
 */
function usesOf(mask: string, def: Definition, source: FunctionInfo): string[][] | undefined {
  const uses: string[][] = [];
  for (const m of mask.matchAll(new RegExp(`\\b${def.name}\\b`, 'g'))) {
    if (new RegExp(String.raw`#[ \t]*define[ \t]+$`).test(mask.slice(mask.lastIndexOf('\n', m.index) + 1, m.index))) continue;
    if (m.index < source.body.startIndex || m.index >= source.body.endIndex) return undefined;
    if (!def.params) {
      uses.push([]);
      continue;
    }
    const open = /^\s*\(/.exec(mask.slice(m.index + def.name.length));
    if (!open) return undefined;
    const args = callArguments(mask, m.index + def.name.length + open[0].length);
    if (!args) return undefined;
    uses.push(args);
  }
  return uses.length ? uses : undefined;
}

/** Top-level comma-separated arguments from just after `(` to the matching `)`. */
function callArguments(mask: string, from: number): string[] | undefined {
  const args: string[] = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < mask.length; i++) {
    const c = mask[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    else if (c === ')' || (c === ',' && depth === 0)) {
      args.push(mask.slice(start, i).trim());
      if (c === ')') return args;
      start = i + 1;
    } else if (c === ';') return undefined;
  }
  return undefined;
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
