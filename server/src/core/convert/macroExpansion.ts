// Macros that name the init (`MOD_INIT(spam)`, `#define INIT_NAME PyInit_x`),
// build the def and the module (`MOD_DEF(m, name, doc, methods)`) or hide a
// return (`MOD_RETURN(m)`, `MODULE_ERROR`) are expanded in place inside the
// init, as the compiler would for Python 3; the conversion then reads
// ordinary code. A macro that declares the def at file scope
// (`MODULE_DEF("x", doc, methods);` before the init) is expanded where it is
// used when that use is its only one and declares the def the init creates
// from. Only macros the file defines once for Python 3 (or unconditionally)
// and never #undefs are expanded; their definitions stay, for whatever else
// uses them. Before that, the init's own #if groups that the target view
// resolves and that hold only its creation and returns lose their dead arms
// (initArms.ts).
import type { FileModel, InitFunctionInfo, Span } from '../model';
import { maskOf, matchBrace } from '../text/codeMask';
import { scanPreprocessor, type MacroDefinition } from '../text/preprocessorModel';
import { targetView } from '../text/targetView';
import { insideAny } from '../text/spans';
import { VIEW_MINIMUM_HEX } from '../analysis/viewModel';
import { HIDES_FLOW, substitute } from './macroFlow';
import { resolveInitArms } from './initArms';
import type { Refusal } from './refusalCatalogue';
import { headerSpelling, keepHeaderMacro, type HeaderSpelling } from './initHeaderMacro';
import { dropExpandedMacros } from './unusedMacros';
import type { TextEdit } from '../edits';

interface MacroBody {
  params?: string[];
  body: string;
  /** A statement macro hiding flow that other code uses too: its lines are kept, re-indented at the use. */
  shared?: boolean;
}

export interface Expansion {
  text: string;
  /** Macros expanded in the init (and its helper), in the order first met. */
  expanded: string[];
  /** Macros expanded at their one use outside the init, where they declare the def; `py3Only`: under `#if PY_MAJOR_VERSION >= 3`. */
  atFileScope: { name: string; py3Only: boolean }[];
  /** The init's header as written and expanded, when a macro spells it (initHeaderMacro.ts). */
  header?: HeaderSpelling;
  /** A macro declaring the def the init creates from, left alone because the file uses it more than once. */
  defMacroUsedTwice?: { name: string; uses: number };
  /** `#ifdef X` of each of the init's groups reduced to its Python 3 arm. */
  resolved: string[];
}

/** `PyInit_x(void) { ... }`: a macro that is a whole function (a statement's `if (...) {` is not). */
const WHOLE_FUNCTION = /^(?!(?:do|if|while|for|switch)\b)[^;{}]*\)\s*\{/;
/** Names the init or makes the module and its def. */
const ABOUT_THE_INIT = /\bPyInit_|\bPyModule_Create2?\b|\bPyModuleDef\b/;
/** `return m` and nothing else (MOD_RETURN(m), RETURN_NULL): one plain return statement once expanded. */
const ONE_RETURN = /^return\b[^;{}]*;?$/;
/** Control flow or releases: such statement macros are rewritten or refused elsewhere (statementMacros.ts). */
const FLOW = /\b(?:return|goto|break|continue|Py_X?DECREF|Py_CLEAR|Py_X?DecRef)\b|[{};]/;
/** `static struct PyModuleDef moduledef = {`: the def a macro declares. */
const DECLARES_DEF = /\bPyModuleDef\s+(\w+)\s*=/;

/** `keepPython2`: a Python 2 init stays beside exec, so a def macro Python 2 defines otherwise is expanded for Python 3 only. */
export function expandInitMacros(model: FileModel, init: InitFunctionInfo, keepPython2 = false): Expansion | undefined {
  const pp = model.preprocessor;
  // Python 3 flags from a header, as the arms show them (py3Flag.ts; convertModule notes them).
  const fullView = targetView(model.text, pp, VIEW_MINIMUM_HEX, model.py3Flags, { insideUnknown: true });
  const view = fullView.text;
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
  const arms = resolveInitArms(model.text, model.mask, pp, fullView, init.span);
  if (macros.size === 0 && !arms) return undefined;
  let text = arms?.text ?? model.text;
  // The init lost the removed arms; a helper after it moved up by as much.
  const removed = arms ? init.span.end - arms.end : 0;
  const shift = (s: Span): Span => (s === init.span ? { start: s.start, end: s.end - removed } : s.start >= init.span.end ? { start: s.start - removed, end: s.end - removed } : s);
  const expanded: string[] = [];
  let header: HeaderSpelling | undefined;
  for (const span of spans) {
    text = expandIn(text, shift(span), macros, expanded);
    // Read before an earlier helper's expansion moves the init.
    if (span === init.span) header = headerSpelling(init.definedByMacro, model.text, text, init.span.start);
  }
  // Kept for Python 2, a def whose macro Python 2 defines otherwise is declared for Python 3 only, as the macro did.
  const py3Only = keepPython2 ? (name: string): boolean => pp.definitions(name).length > 1 : undefined;
  // Read on the file as written, whose functions the model knows (braces per #if arm make counting them unreliable).
  const fileScope = expandDefDeclaration(text, maskOf(text, model), macros, (name) => fileScopeUse(model, name, spans), py3Only);
  if (fileScope && 'text' in fileScope) text = fileScope.text;
  const atFileScope = fileScope && 'text' in fileScope ? [{ name: fileScope.name, py3Only: fileScope.py3Only }] : [];
  if (!arms && expanded.length === 0 && atFileScope.length === 0) return undefined;
  const usedTwice = fileScope && !('text' in fileScope) ? { defMacroUsedTwice: fileScope } : {};
  return { text, expanded, atFileScope, resolved: arms?.conditions ?? [], ...usedTwice, ...(header ? { header } : {}) };
}

/** One sentence per change the expansion made, for the conversion's notes. */
export function expansionNotes(expansion: Expansion, initName: string): string[] {
  const notes = expansion.expanded.map((name) => `Macro ${name}: expanded in place in the init (its definition is left for any other user).`);
  for (const { name, py3Only } of expansion.atFileScope) {
    const where = py3Only ? ', under #if PY_MAJOR_VERSION >= 3 since the macro has another definition for Python 2' : '';
    notes.push(`Macro ${name}: expanded in place where it declared the def, its only use${where} (its definition is left).`);
  }
  if (expansion.resolved.length) {
    const groups = [...new Set(expansion.resolved)].map((c) => {
      const count = expansion.resolved.filter((r) => r === c).length;
      return `'${c}'${count > 1 ? ` (${count} groups)` : ''}`;
    });
    notes.push(`#if arms: in ${initName}, the arms of ${groups.join(', ')} that Python 3.5 and later never compile were removed with their #if lines; the converted module needs Python 3.5 or later.`);
  }
  return notes;
}

/** The converted result with the init's header macro back (initHeaderMacro.ts) and the expanded macros' dead definitions gone (unusedMacros.ts). */
export function tidyExpanded(source: string, result: { edits: TextEdit[]; notes?: string[] }, expansion: Expansion): { edits: TextEdit[]; notes?: string[] } {
  const headed = keepHeaderMacro(source, result, expansion.header) ?? result;
  return dropExpandedMacros(source, headed, [...expansion.expanded, ...expansion.atFileScope.map((f) => f.name)]) ?? headed;
}

/** A def the expanded init could not find, when a macro declares it but is used more than once: say so. */
export function withDefMacro(reasons: readonly Refusal[], expansion: Expansion): Refusal[] {
  const twice = expansion.defMacroUsedTwice;
  if (!twice) return [...reasons];
  return reasons.map((r) => (r.code === 'def-not-in-file' ? { ...r, message: `${r.message}: macro ${twice.name} declares it, but the file uses ${twice.name} ${twice.uses} times, so it is not expanded` } : r));
}

/**
 * `MODULE_DEF("x", doc, methods);` at file scope (the init's own uses are
 * expanded already), when code creates from the def it declares
 * (`&moduledef`) and the file uses the macro nowhere else.
 */
function expandDefDeclaration(text: string, mask: string, macros: ReadonlyMap<string, MacroBody>, fileScopeOnly: (name: string) => boolean, py3Only?: (name: string) => boolean): { text: string; name: string; py3Only: boolean } | { name: string; uses: number } | undefined {
  const defines = scanPreprocessor(mask).defines.map((d) => d.span);
  const outsideDefines = (re: RegExp): number[] => [...mask.matchAll(re)].map((m) => m.index).filter((at) => !insideAny(defines, at));
  for (const [name, macro] of macros) {
    const declared = DECLARES_DEF.exec(macro.body)?.[1];
    if (!declared || outsideDefines(new RegExp(`&\\s*\\(?\\s*${declared}\\b`, 'g')).length === 0) continue;
    const uses = outsideDefines(new RegExp(`\\b${name}\\b`, 'g'));
    if (uses.length > 1) return { name, uses: uses.length };
    // At file scope only: a use inside another function (a second module's init) is that init's own.
    if (uses.length !== 1 || !fileScopeOnly(name)) continue;
    const replaced = expandAt(text, uses[0]!, name, macro);
    if (!replaced) continue;
    // `MODULE_DEF(...);` where the body already ends in `;`: one is enough.
    const rest = replaced.text.slice(replaced.end);
    const after = replaced.text.slice(0, replaced.end).trimEnd().endsWith(';') ? rest.replace(/^\s*;/, '') : rest;
    if (!py3Only?.(name)) return { text: replaced.text.slice(0, replaced.end) + after, name, py3Only: false };
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const semicolon = after === rest && /^\s*;/.test(rest) ? ';' : '';
    const body = replaced.text.slice(uses[0]!, replaced.end) + semicolon;
    return { text: `${replaced.text.slice(0, uses[0]!)}#if PY_MAJOR_VERSION >= 3${eol}${body}${eol}#endif${after.replace(/^\s*;/, '')}`, name, py3Only: true };
  }
  return undefined;
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

/** The macro's one use outside #defines and the init (and its helper) lies outside every function: a use inside another init is that init's own. */
function fileScopeUse(model: FileModel, name: string, bodies: readonly Span[]): boolean {
  const defines = model.preprocessor.defines.map((d) => d.span);
  const uses = [...model.mask.matchAll(new RegExp(`\\b${name}\\b`, 'g'))].map((m) => m.index).filter((at) => !insideAny(defines, at) && !bodies.some((b) => at >= b.start && at < b.end));
  return uses.length === 1 && ![...model.functions.values()].some((f) => uses[0]! >= f.span.start && uses[0]! < f.span.end);
}

/** `text` with the use at `at` expanded; `end`: where the expansion ends in it. */
function expandAt(text: string, at: number, name: string, macro: MacroBody): { text: string; end: number } | undefined {
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
    // `(name)` around a plain argument is noise once written out.
    body = substitute(body, macro.params, args, true);
    end = close + 1;
  }
  body = body.replace(/[ \t]*##[ \t]*/g, '');
  if (macro.shared) body = reindent(body, text.slice(text.lastIndexOf('\n', at - 1) + 1, at).match(/^[ \t]*/)![0], /\r\n/.test(text) ? '\r\n' : '\n');
  return { text: text.slice(0, at) + body + text.slice(end), end: at + body.length };
}

/** Lines after the first take the use's indentation in place of their common one, and the file's line ends. */
function reindent(body: string, indent: string, eol: string): string {
  const lines = body.split(/\r?\n/);
  const rest = lines.slice(1).filter((l) => l.trim() !== '');
  const common = Math.min(...rest.map((l) => /^[ \t]*/.exec(l)![0].length));
  return [lines[0]!.trim(), ...lines.slice(1).map((l) => (l.trim() === '' ? '' : indent + l.slice(common).trimEnd()))].join(eol);
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
