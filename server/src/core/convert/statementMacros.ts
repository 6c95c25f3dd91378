// Statement macros the init body uses whose expansion holds control flow or
// a release: `#define ADD_TYPE(m, n, t) do { if (...) goto error; } while (0)`,
// `#define DEFINE_STRING(S) if (!(str_##S = ...)) return NULL` (defined inside
// the init), `#define ADD_INT(N, V) if (...) { Py_DECREF(m); return NULL; }`.
// Every definition the converted code can see is read: a `goto` to a label of
// the body is exec's own error path and stays (so must the label); `return
// NULL` must become `return -1`, and a release of the (now borrowed) module
// must go. When the body is the macro's only user, its definitions take those
// forms; when other code uses it too, it is expanded at the body's uses
// instead (macroExpansion.ts). Uses count through other macros (FAIL inside
// ADD_INT) and through an #include in the body (X-macro lists). What the text
// cannot prove is refused, naming the macro and why.
import type { TextEdit } from '../edits';
import { callArgumentSpans } from './text';
import { HIDES_FLOW, readDefinition, substitute, writesThrough, type Definition, type MacroScope, type MacroUse } from './macroFlow';

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
  const inBodyAt = (at: number): boolean => at >= source.body.startIndex && at < source.body.endIndex;
  const definitions = definitionsByName(scope);
  const seen = seenDefinitions(scope, definitions);
  const uses = usesThroughMacros(scope, seen);
  // An #include inside the body may use any macro in scope there, named in the body or not.
  const includes = scope.pp.directives.filter((x) => x.kind === 'include' && inBodyAt(x.span.start));
  const nestedIn = new Map<string, string[]>();
  const reached = reachedFrom(bodyMask, seen, mask);
  const hides = hidingFlow(seen, mask);
  for (const [name, { live, scopes }] of seen) {
    const included = includes.some((x) => live.some((d) => x.span.start > d.bodyEnd && x.span.start < scopes.get(d)!));
    if ((!included && !reached.has(name)) || !hides.has(name)) continue;
    const all = uses(name);
    const throughMacros = all?.some((u) => u.via !== undefined && inBodyAt(u.at)) ?? false;
    // INITERROR-style macros the body rewrite reads as statements need nothing here, unless other macros expand them.
    if ((scope.understood.has(name) && !throughMacros) || !(included || throughMacros || new RegExp(`\\b${name}\\b`).test(bodyMask))) continue;
    const refuse = (why: string): void => void plan.refused.push({ name, why });
    if (!all) {
      refuse('is used in a way the conversion cannot follow (named without its arguments, or through a recursive macro)');
      continue;
    }
    // An X-macro (`#define X(...)`, `#include "list.def"`, `#undef X` inside the body) has its uses in the included file.
    if (all.length === 0 && !live.every((d) => includedAfter(scope, d))) {
      refuse('has no use in sight (an included file may use it)');
      continue;
    }
    const inBody = all.filter((u) => inBodyAt(u.at));
    const readings = live.map((d) => readDefinition(scope, d, inBody, definitions));
    const bad = readings.find((r) => 'why' in r);
    if (bad && 'why' in bad) {
      refuse(bad.why);
      continue;
    }
    const read = readings.filter((r): r is Exclude<typeof r, { why: string }> => !('why' in r));
    // Only macros whose definitions in scope hide flow need settling.
    nestedIn.set(name, read.flatMap((r) => r.nested).filter((n) => hides.has(n)));
    for (const d of live) for (const written of writesThrough(scope, d, inBody)) plan.writes.add(written);
    const edits = read.flatMap((r) => r.edits);
    if (edits.length === 0) {
      // Only jumps to the body's own labels and releases of other objects: the macro stays.
      for (const r of read) for (const label of r.labels) plan.labels.add(label);
      plan.handled.add(name);
      continue;
    }
    if (inBody.length !== all.length) {
      const why = all.some((u) => u.via !== undefined) ? 'is used outside the init too, and through another macro, which cannot be expanded in place' : live.length > 1 ? 'is used outside the init too and defined differently in #if arms, so it can be neither rewritten nor expanded in place' : 'is used outside the init too, so only an expansion in place could convert it';
      refuse(why.replace('the init', source.name));
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
  refuseOverNested(plan, nestedIn);
  return plan;
}

/** Macros whose definitions hold flow or a release, or name a macro that does, and so on. */
function hidingFlow(seen: ReadonlyMap<string, Seen>, mask: string): Set<string> {
  const bodies = [...seen].map(([name, s]) => ({ name, text: s.live.map((d) => mask.slice(d.bodyStart, d.bodyEnd)).join('\n') }));
  const hiding = new Set(bodies.filter((b) => HIDES_FLOW.test(b.text)).map((b) => b.name));
  for (let grew = true; grew; ) {
    grew = false;
    for (const b of bodies) {
      if (hiding.has(b.name) || !(b.text.match(/\b[A-Za-z_]\w*\b/g) ?? []).some((id) => hiding.has(id) && id !== b.name)) continue;
      hiding.add(b.name);
      grew = true;
    }
  }
  return hiding;
}

/** Macros the body names, and those their definitions name, and so on. */
function reachedFrom(bodyMask: string, seen: ReadonlyMap<string, Seen>, mask: string): Set<string> {
  const reached = new Set<string>();
  const queue = [...new Set(bodyMask.match(/\b[A-Za-z_]\w*\b/g) ?? [])].filter((id) => seen.has(id));
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (reached.has(name)) continue;
    reached.add(name);
    for (const d of seen.get(name)!.live) for (const id of mask.slice(d.bodyStart, d.bodyEnd).match(/\b[A-Za-z_]\w*\b/g) ?? []) if (seen.has(id) && !reached.has(id)) queue.push(id);
  }
  return reached;
}

/** A macro expanding one the plan could not settle hides that one's flow: it is refused too (chains included). */
function refuseOverNested(plan: MacroPlan, nestedIn: ReadonlyMap<string, string[]>): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, nested] of nestedIn) {
      const unsettled = plan.handled.has(name) ? nested.find((n) => !plan.handled.has(n)) : undefined;
      if (unsettled === undefined) continue;
      plan.handled.delete(name);
      plan.fileEdits.delete(name);
      plan.bodyEdits.delete(name);
      plan.refused.push({ name, why: `expands ${unsettled}, which hides control flow the conversion cannot settle` });
      changed = true;
    }
  }
}

interface Seen {
  /** The definitions the body sees: those in it, and those before it that no #undef ends first. */
  live: Definition[];
  scopes: Map<Definition, number>;
}

function seenDefinitions(scope: MacroScope, definitions: ReadonlyMap<string, Definition[]>): Map<string, Seen> {
  const body = scope.source.body;
  const seen = new Map<string, Seen>();
  for (const [name, defs] of definitions) {
    const scopes = new Map(defs.map((d) => [d, scopeEnd(scope, d)]));
    const live = defs.filter((d) => scope.live(d.macro) && d.bodyStart < body.endIndex && scopes.get(d)! > body.startIndex);
    if (live.length) seen.set(name, { live, scopes });
  }
  return seen;
}

/**
 * The uses of each macro: in code, and through other macros (a reference to
 * O in M's definition is one use of O at each use of M, its arguments
 * substituted); undefined when a use cannot be read or macros recurse.
 */
function usesThroughMacros(scope: MacroScope, seen: ReadonlyMap<string, Seen>): (name: string) => MacroUse[] | undefined {
  const { mask } = scope;
  const memo = new Map<string, MacroUse[] | undefined>();
  const idsOf = new Map([...seen].map(([name, s]) => [name, new Set(s.live.flatMap((d) => mask.slice(d.bodyStart, d.bodyEnd).match(/\b[A-Za-z_]\w*\b/g) ?? []))]));
  const inDefinition = (at: number): boolean => [...seen.values()].some((s) => s.live.some((d) => at >= d.bodyStart && at < d.bodyEnd));
  const usesOfName = (name: string, depth: number): MacroUse[] | undefined => {
    if (memo.has(name)) return memo.get(name);
    const entry = seen.get(name);
    if (!entry || depth > 4) return undefined;
    const functionLike = entry.live[0]!.params !== undefined;
    // Uses another definition serves (an X-macro list included elsewhere under its own #define) are not this one's.
    const direct = usesOf(mask, name, functionLike)?.filter((u) => !inDefinition(u.at) && entry.live.some((d) => u.at >= d.bodyEnd && u.at < entry.scopes.get(d)!));
    const all = direct ? [...direct] : undefined;
    for (const [outer, { live }] of seen) {
      if (outer === name || !all || !idsOf.get(outer)!.has(name)) continue;
      for (const d of live.filter((x) => !x.params?.includes(name))) {
        const body = mask.slice(d.bodyStart, d.bodyEnd);
        for (const ref of body.matchAll(new RegExp(`\\b${name}\\b`, 'g'))) {
          const outerUses = usesOfName(outer, depth + 1);
          const open = functionLike ? /^\s*\(/.exec(body.slice(ref.index + name.length)) : null;
          const args = functionLike ? (open ? callArguments(body, ref.index + name.length + open[0].length) : undefined) : [];
          if (!outerUses || !args) {
            memo.set(name, undefined);
            return undefined;
          }
          all.push(...outerUses.map((u) => ({ at: u.at, args: d.params ? args.map((a) => substitute(a, d.params!, u.args)) : args, via: outer })));
        }
      }
    }
    memo.set(name, all);
    return all;
  };
  return (name) => usesOfName(name, 0);
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

/** The trimmed top-level arguments of the call whose `(` is just before `from` (see callArgumentSpans). */
export function callArguments(mask: string, from: number): string[] | undefined {
  return callArgumentSpans(mask, from)?.map((s) => mask.slice(s.start, s.end).trim());
}

/** What a rewrite of a statement macro's definitions did: its returns, its releases of the module, or both. */
export function macroRewriteNote(name: string, edits: readonly TextEdit[]): string {
  const what = [edits.some((e) => e.newText.startsWith('-1')) ? 'its return NULL now returns -1' : '', edits.some((e) => e.newText === '') ? 'its release of the module is dropped' : ''].filter(Boolean);
  return `Macro ${name}: its definition was rewritten for exec (${what.join(', and ')}), since the init was its only user.`;
}
