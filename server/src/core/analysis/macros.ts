// Reads `#define`s that hide module initialisation: a macro that spells the
// `PyInit_<name>` header (`#define MOD_INIT(name) PyMODINIT_FUNC
// PyInit_##name(void)`), and one that creates the module (`#define
// MOD_DEF(m, ...) ... m = PyModule_Create(&def);`). Such modules are still
// single-phase modules to report, but never ones to rewrite automatically:
// the code to change lives in the macro, shared with other modules.
import type { CreationKind, Span } from '../model';
import { matchBrace } from '../text/codeMask';
import { insideAny } from '../text/spans';
import type { PreprocessorModel } from '../text/preprocessorModel';
import { splitInitializer } from './declarations';
import { bodyClose } from './functions';

export interface MacroDefinition {
  name: string;
  /** Parameter names of a function-like macro; null for an object-like one. */
  params: string[] | null;
  /** Replacement text, continuation backslashes and newlines turned into spaces. */
  body: string;
  /** The whole `#define` logical line. */
  span: Span;
}

/** Every `#define` in the (comment-free) mask, from the file's preprocessor model. */
export function findMacros(pp: PreprocessorModel): MacroDefinition[] {
  return pp.defines.map((d) => ({ name: d.name, params: d.params ?? null, body: ` ${d.body}`, span: d.span }));
}

/** Spans of `#define` logical lines, sorted, for "is this offset inside a macro?". */
export function defineSpans(macros: readonly MacroDefinition[]): Span[] {
  return macros.map((m) => m.span);
}

export interface CreationMacro {
  name: string;
  kind: CreationKind;
  /** Def the macro creates from: a fixed name, or the index of the parameter passed as `&def`. */
  def?: string | number;
}

const CREATE_IN_BODY = /\b(PyModule_Create2?|Py_InitModule\w*)\s*\(\s*(?:\(\s*(?:struct\s+)?PyModuleDef\s*\*\s*\)\s*)?&?\s*\(?\s*(\w+)?/;

/**
 * Macros whose expansion creates a module, directly or through another such
 * macro. A macro defined twice (Python 3 and Python 2 branches) counts as a
 * Python 3 creation when either definition calls `PyModule_Create*`.
 */
export function creationMacros(macros: readonly MacroDefinition[]): Map<string, CreationMacro> {
  const found = new Map<string, CreationMacro>();
  for (let round = 0; round < 4; round++) {
    let grew = false;
    for (const macro of macros) {
      const direct = CREATE_IN_BODY.exec(macro.body);
      let entry: CreationMacro | undefined;
      if (direct) {
        const kind: CreationKind = direct[1]!.startsWith('Py_InitModule') ? 'Py_InitModule' : (direct[1] as CreationKind);
        const defWord = kind === 'Py_InitModule' ? undefined : direct[2];
        const paramIndex = defWord && macro.params ? macro.params.indexOf(defWord) : -1;
        entry = { name: macro.name, kind, def: paramIndex >= 0 ? paramIndex : defWord };
      } else {
        const inner = [...found.values()].find((c) => c.name !== macro.name && new RegExp(`\\b${c.name}\\b`).test(macro.body));
        if (inner) entry = { name: macro.name, kind: inner.kind, def: typeof inner.def === 'string' ? inner.def : undefined };
      }
      if (!entry) continue;
      const known = found.get(macro.name);
      if (!known || (known.kind === 'Py_InitModule' && entry.kind !== 'Py_InitModule')) {
        found.set(macro.name, entry);
        grew = true;
      }
    }
    if (!grew) break;
  }
  return found;
}

export interface MacroInit {
  /** `PyInit_<name>` the macro expands to. */
  initName: string;
  macroName: string;
  /** The invocation `MOD_INIT(foo)`, through any `(void)` after it. */
  invocation: Span;
  /** The argument that names the module (or the invocation, object-like). */
  nameSpan: Span;
  /** Body braces, when the invocation is followed by `{ ... }`. */
  body?: { open: number; close: number };
  /** Creation hidden in the init macro's own expansion. */
  creation?: CreationMacro;
}

/**
 * Invocations of macros that expand to a `PyInit_<name>` header, outside
 * `#define` lines: `MOD_INIT(foo) {`, `PyMODINIT_FUNC INITFUNC(void) {`.
 */
export function macroInits(mask: string, macros: readonly MacroDefinition[], defines: readonly Span[], pp: PreprocessorModel): MacroInit[] {
  const out: MacroInit[] = [];
  const identifiers = objectLikeIdentifiers(macros);
  for (const [name, spelling] of initSpellingMacros(macros)) {
    const macro = macros.find((m) => m.name === name)!;
    const ownCreation = creationMacros([macro]).get(macro.name);
    for (const m of mask.matchAll(new RegExp(`\\b${macro.name}\\b`, 'g'))) {
      if (insideAny(defines, m.index)) continue;
      let end = m.index + macro.name.length;
      let nameSpan: Span = { start: m.index, end };
      let initName = typeof spelling === 'string' ? spelling : undefined;
      if (typeof spelling === 'number') {
        const open = skipSpaces(mask, end);
        if (mask[open] !== '(') continue;
        const close = matchBrace(mask, open);
        if (close === -1) continue;
        const arg = splitArgs(mask, open, close)[spelling];
        const word = arg ? mask.slice(arg.start, arg.end) : '';
        if (!/^\w+$/.test(word)) continue;
        nameSpan = arg!;
        // `FUNC_NAME(NAME)` with `#define NAME _mymod`: the module is _mymod.
        initName = `PyInit_${identifiers.get(word) ?? word}`;
        end = close + 1;
      }
      // `INITFUNC(void)` or `MODINIT(foo)(void)`: the parameter list follows.
      const params = /^\s*\(\s*(?:void)?\s*\)/.exec(mask.slice(end, end + 40));
      if (params) end += params[0].length;
      const open = skipSpaces(mask, end);
      const body = mask[open] === '{' ? { open, close: bodyClose(mask, open, pp) } : undefined;
      if (body && body.close === -1) continue;
      if (!body && !ownCreation) continue;
      out.push({ initName: initName!, macroName: macro.name, invocation: { start: m.index, end }, nameSpan, body, creation: ownCreation });
    }
  }
  return out;
}

/**
 * Macros that spell a `PyInit_` name: to the index of the parameter pasted
 * after `PyInit_` (`#define MOD_INIT(name) ... PyInit_##name(void)`, or one
 * passing its parameter on to such a macro), or to the fixed name an
 * object-like macro stands for (`#define INITFUNC PyInit_foo`).
 */
function initSpellingMacros(macros: readonly MacroDefinition[]): Map<string, number | string> {
  const found = new Map<string, number | string>();
  for (const macro of macros) {
    if (found.has(macro.name)) continue;
    const pasted = macro.params ? /\bPyInit_\s*##\s*(\w+)\b(?!\s*##)/.exec(macro.body) : null;
    const index = pasted && macro.params ? macro.params.indexOf(pasted[1]!) : -1;
    if (index >= 0) found.set(macro.name, index);
    const fixed = macro.params === null ? /^\s*(PyInit_\w+)\s*$/.exec(macro.body) : null;
    if (fixed) found.set(macro.name, fixed[1]!);
  }
  // `#define FUNC_NAME(NAME) _FUNC_NAME(NAME)`: one level of forwarding is common.
  for (let round = 0; round < 3; round++) {
    for (const macro of macros) {
      if (found.has(macro.name) || !macro.params) continue;
      for (const [inner, spelling] of found) {
        if (typeof spelling !== 'number') continue;
        const call = new RegExp(`\\b${inner}\\s*\\(([^()]*)\\)`).exec(macro.body);
        const passed = call?.[1]!.split(',')[spelling]?.trim();
        const index = passed ? macro.params.indexOf(passed) : -1;
        if (index >= 0) {
          found.set(macro.name, index);
          break;
        }
      }
    }
  }
  return found;
}

/** Object-like macros that stand for one identifier (`#define NAME _mymod`). */
function objectLikeIdentifiers(macros: readonly MacroDefinition[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const macro of macros) {
    const word = macro.params === null ? /^\s*(\w+)\s*$/.exec(macro.body)?.[1] : undefined;
    if (word && !out.has(macro.name)) out.set(macro.name, word);
  }
  return out;
}

function skipSpaces(mask: string, from: number): number {
  let i = from;
  while (i < mask.length && /\s/.test(mask[i]!)) i++;
  return i;
}

/** Top-level argument spans of the call whose parentheses are at open/close. */
export function splitArgs(mask: string, open: number, close: number): Span[] {
  return splitInitializer(mask, mask, open, close).entries.map((e) => e.span);
}
