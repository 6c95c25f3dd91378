// Statement macros the init body uses whose expansion holds control flow or
// a release: `#define ADD_TYPE(m, n, t) do { if (...) goto error; } while (0)`,
// `#define DEFINE_STRING(S) if (!(str_##S = ...)) return NULL` (defined inside
// the init), `#define ADD_INT(N, V) if (...) { Py_DECREF(m); return NULL; }`.
// Every definition the converted code can see is read: a `goto` to a label of
// the body is exec's own error path and stays (so must the label); `return
// NULL` must become `return -1`, and a release of the (now borrowed) module
// must go. When the body is the macro's only user, its definitions take those
// forms; when other code uses it too, it is expanded at the body's uses
// instead (macroExpansion.ts). What the text cannot prove is refused, naming
// the macro and why.
import type { TextEdit } from '../edits';
import { HIDES_FLOW, readDefinition, writesThrough, type Definition, type MacroScope, type MacroUse } from './macroFlow';

export interface MacroRefusal {
  name: string;
  why: string;
}

export interface MacroPlan {
  /** Edits to definitions outside the body, by macro. */
  fileEdits: Map<string, TextEdit[]>;
  /** Edits to definitions inside the body: they go with the body's own edits. */
  bodyEdits: Map<string, TextEdit[]>;
  /** Labels kept macros jump to: exec keeps them. */
  labels: Set<string>;
  /** Macros kept as they are or rewritten. */
  handled: Set<string>;
  /** Variables outside the body that kept or rewritten macros assign: process-wide state. */
  writes: Set<string>;
  refused: MacroRefusal[];
}

export function planStatementMacros(scope: MacroScope): MacroPlan {
  const plan: MacroPlan = { fileEdits: new Map(), bodyEdits: new Map(), labels: new Set(), handled: new Set(), writes: new Set(), refused: [] };
  const { mask, source } = scope;
  const bodyMask = mask.slice(source.body.startIndex, source.body.endIndex);
  const definitions = definitionsByName(scope);
  // An #include inside the body may use any macro in scope there, named in the body or not.
  const includes = scope.pp.directives.filter((x) => x.kind === 'include' && x.span.start > source.body.startIndex && x.span.start < source.body.endIndex);
  for (const [name, defs] of definitions) {
    // The definitions the body sees: those in it, and those before it that no #undef ends first.
    const scopes = new Map(defs.map((d) => [d, scopeEnd(scope, d)]));
    const included = includes.some((x) => defs.some((d) => x.span.start > d.bodyEnd && x.span.start < scopes.get(d)!));
    if (scope.understood.has(name) || !(included || new RegExp(`\\b${name}\\b`).test(bodyMask))) continue;
    const live = defs.filter((d) => scope.live(d.macro) && d.bodyStart < source.body.endIndex && scopes.get(d)! > source.body.startIndex);
    if (!live.some((d) => HIDES_FLOW.test(mask.slice(d.bodyStart, d.bodyEnd)))) continue;
    const refuse = (why: string): void => void plan.refused.push({ name, why });
    // Uses another definition serves (an X-macro list included elsewhere under its own #define) are not this one's.
    const uses = usesOf(mask, name, defs[0]!.params !== undefined)?.filter((u) => live.some((d) => u.at >= d.bodyEnd && u.at < scopes.get(d)!));
    if (!uses) {
      refuse('is used in a way the conversion cannot follow (named without its arguments)');
      continue;
    }
    // An X-macro (`#define X(...)`, `#include "list.def"`, `#undef X` inside the body) has its uses in the included file.
    if (uses.length === 0 && !live.every((d) => includedAfter(scope, d))) {
      refuse('has no use in sight (an included file may use it)');
      continue;
    }
    const inBody = uses.filter((u) => u.at >= source.body.startIndex && u.at < source.body.endIndex);
    const readings = live.map((d) => readDefinition(scope, d, inBody, definitions));
    const bad = readings.find((r) => 'why' in r);
    if (bad && 'why' in bad) {
      refuse(bad.why);
      continue;
    }
    const read = readings.filter((r): r is Exclude<typeof r, { why: string }> => !('why' in r));
    for (const d of live) for (const name of writesThrough(scope, d, inBody)) plan.writes.add(name);
    const edits = read.flatMap((r) => r.edits);
    if (edits.length === 0) {
      // Only jumps to the body's own labels and releases of other objects: the macro stays.
      for (const r of read) for (const label of r.labels) plan.labels.add(label);
      plan.handled.add(name);
      continue;
    }
    if (inBody.length !== uses.length) {
      refuse(live.length > 1 ? `is used outside ${source.name} too and defined differently in #if arms, so it can be neither rewritten nor expanded in place` : `is used outside ${source.name} too, so only an expansion in place could convert it`);
      continue;
    }
    const replaced = scope.replaced.find((f) => live.some((d) => d.bodyStart < f.span.end && d.bodyEnd > f.span.start));
    if (replaced) {
      refuse(`is defined inside ${replaced.name}, which the conversion replaces`);
      continue;
    }
    const inside = (e: TextEdit): boolean => e.start >= source.body.startIndex && e.end <= source.body.endIndex;
    const bodyEdits = edits.filter(inside);
    const fileEdits = edits.filter((e) => !inside(e));
    if (bodyEdits.length) plan.bodyEdits.set(name, bodyEdits);
    if (fileEdits.length) plan.fileEdits.set(name, fileEdits);
    for (const r of read) for (const label of r.labels) plan.labels.add(label);
    plan.handled.add(name);
  }
  return plan;
}

/** Where a definition stops applying: the next #undef of its name, else the end of the file. */
function scopeEnd(scope: MacroScope, d: Definition): number {
  const undef = scope.pp.directives.find((x) => x.kind === 'undef' && x.span.start > d.bodyEnd && /^\w+/.exec(x.rest)?.[0] === d.name);
  return undef ? undef.span.start : scope.mask.length;
}

/** The definition lies in the body and an #include after it in the body brings its uses. */
function includedAfter(scope: MacroScope, d: Definition): boolean {
  const body = scope.source.body;
  if (d.bodyStart < body.startIndex || d.bodyEnd > body.endIndex) return false;
  return scope.pp.directives.some((x) => x.kind === 'include' && x.span.start > d.bodyEnd && x.span.start < body.endIndex);
}

/** Every #define of the file by name, with the offsets of its replacement text. */
function definitionsByName(scope: MacroScope): Map<string, Definition[]> {
  const { mask, pp } = scope;
  const definitions = new Map<string, Definition[]>();
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
    definitions.set(d.name, [...(definitions.get(d.name) ?? []), { name: d.name, params: d.params, bodyStart, bodyEnd: d.span.end, macro: d }]);
  }
  return definitions;
}

/**
 * Every use of the macro outside preprocessor tests and its own #define and
 * #undef lines, with its arguments (none for an object-like macro);
 * undefined when a function-like macro is named without a call.
 */
function usesOf(mask: string, name: string, functionLike: boolean): MacroUse[] | undefined {
  const uses: MacroUse[] = [];
  for (const m of mask.matchAll(new RegExp(`\\b${name}\\b`, 'g'))) {
    const line = mask.slice(mask.lastIndexOf('\n', m.index) + 1, m.index);
    if (/^[ \t]*#[ \t]*(?:define|undef|ifn?def|elifn?def)[ \t]+$/.test(line) || /\bdefined[ \t]*\(?[ \t]*$/.test(line)) continue;
    if (!functionLike) {
      uses.push({ at: m.index, args: [] });
      continue;
    }
    const open = /^\s*\(/.exec(mask.slice(m.index + name.length));
    const args = open ? callArguments(mask, m.index + name.length + open[0].length) : undefined;
    if (!args) return undefined;
    uses.push({ at: m.index, args });
  }
  return uses;
}

/** Top-level comma-separated arguments from just after `(` to the matching `)`. */
export function callArguments(mask: string, from: number): string[] | undefined {
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

/** What a rewrite of a statement macro's definitions did: its returns, its releases of the module, or both. */
export function macroRewriteNote(name: string, edits: readonly TextEdit[]): string {
  const what = [edits.some((e) => e.newText.startsWith('-1')) ? 'its return NULL now returns -1' : '', edits.some((e) => e.newText === '') ? 'its release of the module is dropped' : ''].filter(Boolean);
  return `Macro ${name}: its definition was rewritten for exec (${what.join(', and ')}), since the init was its only user.`;
}
