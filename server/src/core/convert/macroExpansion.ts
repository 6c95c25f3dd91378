// Macros that name the init (`MOD_INIT(spam)`, `#define INIT_NAME PyInit_x`),
// build the def and the module (`MOD_DEF(m, name, doc, methods)`) or hide a
// return (`MOD_RETURN(m)`, `MODULE_ERROR`) are expanded in place inside the
// init, as the compiler would for Python 3; the conversion then reads
// ordinary code. Only macros the file defines once for Python 3 (or
// unconditionally) and never #undefs are expanded; their definitions stay,
// for whatever else uses them.
import type { FileModel, InitFunctionInfo, Span } from '../model';
import { matchBrace } from '../text/codeMask';
import type { MacroDefinition } from '../text/preprocessorModel';
import { targetView } from '../text/targetView';
import { VIEW_MINIMUM_HEX } from '../analysis/viewModel';
import { HIDES_FLOW, substitute } from './macroFlow';

interface MacroBody {
  params?: string[];
  body: string;
  /** A statement macro hiding flow that other code uses too: its lines are kept, re-indented at the use. */
  shared?: boolean;
}

export interface Expansion {
  text: string;
  /** Macros expanded, in the order first met. */
  expanded: string[];
}

/** `PyInit_x(void) { ... }`: a macro that is a whole function (a statement's `if (...) {` is not). */
const WHOLE_FUNCTION = /^(?!(?:do|if|while|for|switch)\b)[^;{}]*\)\s*\{/;
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
  const macros = new Map<string, MacroBody>();
  // The helper whose body becomes exec and the init, the later first (offsets before it stay).
  const spans = [init.helper?.span, init.span].filter((s): s is Span => s !== undefined).sort((a, b) => b.start - a.start);
  for (const d of pp.defines) {
    if (d.undefined || !live(d) || macros.has(d.name)) continue;
    const all = pp.definitions(d.name).filter(live);
    if (all.length !== 1) continue;
    const body = rawBody(model.text, d);
    // A whole init in one macro (the body is the macro's) is shared text: left to its author.
    if (body === undefined || WHOLE_FUNCTION.test(body)) continue;
    // A statement macro hiding flow that other code uses too: exec's forms cannot go into its definition (statementMacros.ts).
    const shared = HIDES_FLOW.test(body) && usedOutside(model.mask, d.name, spans);
    macros.set(d.name, { ...(d.params ? { params: d.params } : {}), body: shared ? rawBody(model.text, d, '\n')! : body, shared });
  }
  if (macros.size === 0) return undefined;
  const expanded: string[] = [];
  let text = model.text;
  for (const span of spans) text = expandIn(text, span, macros, expanded);
  return expanded.length ? { text, expanded } : undefined;
}

/** Expands the macros in `span` of `text` (the later spans were expanded already). */
function expandIn(source: string, span: Span, macros: ReadonlyMap<string, MacroBody>, expanded: string[]): string {
  let text = source;
  let end = span.end;
  // Expansions may use other macros of the file: a few rounds, never endless.
  for (let round = 0; round < 4; round++) {
    let changed = false;
    const uses = [...text.slice(span.start, end).matchAll(/\b[A-Za-z_]\w*\b/g)].map((m) => ({ name: m[0], at: span.start + m.index }));
    for (const use of uses.reverse()) {
      const macro = macros.get(use.name);
      if (!macro) continue;
      // Only what names the init, makes the module, is one return, or is the value returned (`return MOD_ERROR_VAL;`).
      const returned = /\breturn\s*$/.test(text.slice(Math.max(0, use.at - 12), use.at)) && !FLOW.test(macro.body);
      if (!(ABOUT_THE_INIT.test(macro.body) || ONE_RETURN.test(macro.body) || returned || macro.shared)) continue;
      const replaced = expandAt(text, use.at, use.name, macro);
      if (!replaced) continue;
      end += replaced.text.length - text.length;
      text = replaced.text;
      changed = true;
      if (!expanded.includes(use.name)) expanded.push(use.name);
    }
    if (!changed) break;
  }
  return text;
}

/** Whether `name` is used outside the init and its helper (its own directive lines aside). */
function usedOutside(mask: string, name: string, bodies: readonly Span[]): boolean {
  for (const m of mask.matchAll(new RegExp(`\\b${name}\\b`, 'g'))) {
    if (bodies.some((b) => m.index >= b.start && m.index < b.end)) continue;
    const line = mask.slice(mask.lastIndexOf('\n', m.index) + 1, m.index);
    if (!/^[ \t]*#[ \t]*(?:define|undef|ifn?def)[ \t]+$/.test(line)) return true;
  }
  return false;
}

/** The replacement text as written (comments kept), continuations joined by `join`. */
function rawBody(text: string, d: MacroDefinition, join = ' '): string | undefined {
  const line = text.slice(d.span.start, d.span.end).replace(join === ' ' ? /[ \t]*\\\r?\n[ \t]*/g : /[ \t]*\\\r?(?=\n)/g, join === ' ' ? ' ' : '');
  const head = new RegExp(String.raw`^[ \t]*#[ \t]*define[ \t]+${d.name}(?:\([^)]*\))?`).exec(line);
  return head ? line.slice(head[0].length).trim() : undefined;
}

function expandAt(text: string, at: number, name: string, macro: MacroBody): { text: string } | undefined {
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
    body = substitute(body, macro.params, args, macro.shared);
    end = close + 1;
  }
  body = body.replace(/[ \t]*##[ \t]*/g, '');
  if (macro.shared) body = reindent(body, text.slice(text.lastIndexOf('\n', at - 1) + 1, at).match(/^[ \t]*/)![0]);
  return { text: text.slice(0, at) + body + text.slice(end) };
}

/** Lines after the first take the use's indentation in place of their common one. */
function reindent(body: string, indent: string): string {
  const lines = body.split('\n');
  const rest = lines.slice(1).filter((l) => l.trim() !== '');
  const common = Math.min(...rest.map((l) => /^[ \t]*/.exec(l)![0].length));
  return [lines[0]!.trim(), ...lines.slice(1).map((l) => (l.trim() === '' ? '' : indent + l.slice(common).trimEnd()))].join('\n');
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
