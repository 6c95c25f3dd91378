// Macros that name the init (`MOD_INIT(spam)`, `#define INIT_NAME PyInit_x`),
// build the def and the module (`MOD_DEF(m, name, doc, methods)`) or hide a
// return (`MOD_RETURN(m)`, `MODULE_ERROR`) are expanded in place inside the
// init, as the compiler would for Python 3; the conversion then reads
// ordinary code. Only macros the file defines once for Python 3 (or
// unconditionally) and never #undefs are expanded; their definitions stay,
// for whatever else uses them.
import type { FileModel, InitFunctionInfo } from '../model';
import { matchBrace } from '../text/codeMask';
import type { MacroDefinition } from '../text/preprocessorModel';
import { targetView } from '../text/targetView';
import { VIEW_MINIMUM_HEX } from '../analysis/viewModel';

export interface Expansion {
  text: string;
  /** Macros expanded, in the order first met. */
  expanded: string[];
}

/** `PyInit_x(void) { ... }`: a macro that is a whole function. */
const WHOLE_FUNCTION = /\)\s*\{/;
/** Names the init or makes the module and its def. */
const ABOUT_THE_INIT = /\bPyInit_|\bPyModule_Create2?\b|\bPyModuleDef\b/;
/** `return m` and nothing else (MOD_RETURN(m), RETURN_NULL): one plain return statement once expanded. */
const ONE_RETURN = /^return\b[^;{}]*;?$/;
/** Control flow or releases: such statement macros are rewritten or refused elsewhere (statementMacros.ts). */
const FLOW = /\b(?:return|goto|break|continue|Py_X?DECREF|Py_CLEAR|Py_X?DecRef)\b|[{};]/;

export function expandInitMacros(model: FileModel, init: InitFunctionInfo): Expansion | undefined {
  const pp = model.preprocessor;
  const view = targetView(model.text, pp, VIEW_MINIMUM_HEX).text;
  const live = (d: MacroDefinition): boolean => view.slice(d.span.start, d.span.end).trim() !== '';
  const macros = new Map<string, { params?: string[]; body: string }>();
  for (const d of pp.defines) {
    if (d.undefined || !live(d) || macros.has(d.name)) continue;
    const all = pp.definitions(d.name).filter(live);
    if (all.length !== 1) continue;
    const body = rawBody(model.text, d);
    // A whole init in one macro (the body is the macro's) is shared text: left to its author.
    if (body !== undefined && !WHOLE_FUNCTION.test(body)) macros.set(d.name, { ...(d.params ? { params: d.params } : {}), body });
  }
  if (macros.size === 0) return undefined;
  let text = model.text;
  let end = init.span.end;
  const expanded: string[] = [];
  // Expansions may use other macros of the file: a few rounds, never endless.
  for (let round = 0; round < 4; round++) {
    let changed = false;
    const uses = [...text.slice(init.span.start, end).matchAll(/\b[A-Za-z_]\w*\b/g)].map((m) => ({ name: m[0], at: init.span.start + m.index }));
    for (const use of uses.reverse()) {
      const macro = macros.get(use.name);
      if (!macro) continue;
      // Only what names the init, makes the module, is one return, or is the value returned (`return MOD_ERROR_VAL;`).
      const returned = /\breturn\s*$/.test(text.slice(Math.max(0, use.at - 12), use.at)) && !FLOW.test(macro.body);
      if (!(ABOUT_THE_INIT.test(macro.body) || ONE_RETURN.test(macro.body) || returned)) continue;
      const replaced = expandAt(text, use.at, use.name, macro);
      if (!replaced) continue;
      end += replaced.text.length - text.length;
      text = replaced.text;
      changed = true;
      if (!expanded.includes(use.name)) expanded.push(use.name);
    }
    if (!changed) break;
  }
  return expanded.length ? { text, expanded } : undefined;
}

/** The replacement text as written (comments kept), continuations joined. */
function rawBody(text: string, d: MacroDefinition): string | undefined {
  const line = text.slice(d.span.start, d.span.end).replace(/[ \t]*\\\r?\n[ \t]*/g, ' ');
  const head = new RegExp(String.raw`^[ \t]*#[ \t]*define[ \t]+${d.name}(?:\([^)]*\))?`).exec(line);
  return head ? line.slice(head[0].length).trim() : undefined;
}

function expandAt(text: string, at: number, name: string, macro: { params?: string[]; body: string }): { text: string } | undefined {
  let end = at + name.length;
  let body = macro.body;
  if (macro.params) {
    const open = /^\s*\(/.exec(text.slice(end));
    if (!open) return undefined;
    const paren = end + open[0].length - 1;
    const close = matchBrace(text, paren);
    if (close === -1) return undefined;
    const args = splitArguments(text.slice(paren + 1, close));
    if (args.length !== macro.params.length && !(macro.params.length === 0 && args.length === 1 && args[0] === '')) return undefined;
    body = substitute(body, macro.params, args);
    end = close + 1;
  }
  return { text: text.slice(0, at) + body.replace(/\s*##\s*/g, '') + text.slice(end) };
}

/** Parameters replaced by arguments; `#p` becomes a string literal, `a ## p` pastes. */
function substitute(body: string, params: readonly string[], args: readonly string[]): string {
  return body.replace(/(##|#)?(\s*)\b([A-Za-z_]\w*)\b/g, (whole, hash: string | undefined, space: string, id: string) => {
    const i = params.indexOf(id);
    if (i === -1) return whole;
    const arg = args[i]!;
    if (hash === '#') return `"${arg.replace(/["\\]/g, '\\$&')}"`;
    return `${hash ?? ''}${space}${arg}`;
  });
}

function splitArguments(inner: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = 0;
  let quote = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      args.push(inner.slice(start, i).trim());
      start = i + 1;
    }
  }
  args.push(inner.slice(start).trim());
  return args;
}
