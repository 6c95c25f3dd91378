// One scan of a file's preprocessor lines, over the comment-free mask: every
// directive with the #if group and arm it opens or sits in, and the table of
// #defines. The rest of the core reads this instead of its own #if stacks
// and #define regexes.
import type { Span } from '../span';

export type DirectiveKind = 'if' | 'ifdef' | 'ifndef' | 'elif' | 'elifdef' | 'elifndef' | 'else' | 'endif' | 'define' | 'undef' | 'include' | 'other';

export interface Directive {
  kind: DirectiveKind;
  /** From the line start to the end of the line (continuations included), no newline. */
  span: Span;
  /** What follows the directive name (the condition, the macro), continuations joined. */
  rest: string;
  /** The #if group this line opens or continues (#if/#elif/#else/#endif). */
  group?: number;
  /** The group and arm the line sits in (undefined at top level). */
  inside?: ArmRef;
}

export interface ArmRef {
  group: number;
  arm: number;
}

export interface ConditionalArm {
  /** The #if/#elif/#else line. */
  directive: Directive;
  /** The text of the arm: after its directive line, up to the next arm's line or #endif. */
  body: Span;
}

export interface ConditionalGroup {
  id: number;
  arms: ConditionalArm[];
  /** Missing when the file ends before the #endif. */
  endif?: Directive;
  /** The arm the group sits in. */
  inside?: ArmRef;
}

export interface MacroDefinition {
  name: string;
  /** Parameter names of a function-like macro; undefined for an object-like one. */
  params?: string[];
  /** The replacement text, continuations joined, trimmed. */
  body: string;
  span: Span;
  /** The file also #undefs the name somewhere. */
  undefined: boolean;
  inside?: ArmRef;
}

export interface PreprocessorModel {
  directives: Directive[];
  groups: ConditionalGroup[];
  defines: MacroDefinition[];
  /** Every definition of a name, in file order. */
  definitions(name: string): MacroDefinition[];
  /** Directives without a matching #if (stray #else/#endif). */
  stray: Directive[];
}

const KINDS = new Set<string>(['if', 'ifdef', 'ifndef', 'elif', 'elifdef', 'elifndef', 'else', 'endif', 'define', 'undef', 'include']);

/** Scan `mask` (comments and literals blanked) once. */
export function scanPreprocessor(mask: string): PreprocessorModel {
  const directives: Directive[] = [];
  const groups: ConditionalGroup[] = [];
  const defines: MacroDefinition[] = [];
  const stray: Directive[] = [];
  const open: ConditionalGroup[] = [];
  const undefs = new Set<string>();
  const line = /^[ \t]*#[ \t]*(\w*)/gm;
  for (let m = line.exec(mask); m; m = line.exec(mask)) {
    let end = mask.indexOf('\n', m.index);
    while (end !== -1 && mask[end - 1 - (mask[end - 1] === '\r' ? 1 : 0)] === '\\') end = mask.indexOf('\n', end + 1);
    if (end === -1) end = mask.length;
    const lineEnd = mask[end - 1] === '\r' ? end - 1 : end;
    const kind = (KINDS.has(m[1]!) ? m[1] : 'other') as DirectiveKind;
    const rest = mask.slice(m.index + m[0].length, lineEnd).replace(/\\\r?\n/g, ' ').trim();
    const top = open[open.length - 1];
    const here: ArmRef | undefined = top ? { group: top.id, arm: top.arms.length - 1 } : undefined;
    const directive: Directive = { kind, span: { start: m.index, end: lineEnd }, rest, ...(here ? { inside: here } : {}) };
    const next = end < mask.length ? end + 1 : end;
    if (kind === 'if' || kind === 'ifdef' || kind === 'ifndef') {
      const group: ConditionalGroup = { id: groups.length, arms: [{ directive, body: { start: next, end: mask.length } }], ...(here ? { inside: here } : {}) };
      directive.group = group.id;
      groups.push(group);
      open.push(group);
    } else if (kind === 'elif' || kind === 'elifdef' || kind === 'elifndef' || kind === 'else' || kind === 'endif') {
      if (!top) stray.push(directive);
      else {
        const outer = top.inside;
        directive.group = top.id;
        if (outer) directive.inside = outer;
        else delete directive.inside;
        top.arms[top.arms.length - 1]!.body.end = m.index;
        if (kind === 'endif') {
          top.endif = directive;
          open.pop();
        } else top.arms.push({ directive, body: { start: next, end: mask.length } });
      }
    } else if (kind === 'define') {
      const d = /^(\w+)(\(([^)]*)\))?/.exec(rest);
      if (d) {
        const params = d[2] === undefined ? undefined : d[3]!.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
        defines.push({ name: d[1]!, ...(params ? { params } : {}), body: rest.slice(d[0].length).trim(), span: directive.span, undefined: false, ...(here ? { inside: here } : {}) });
      }
    } else if (kind === 'undef') {
      const name = /^\w+/.exec(rest)?.[0];
      if (name) undefs.add(name);
    }
    directives.push(directive);
    line.lastIndex = next;
  }
  for (const d of defines) d.undefined = undefs.has(d.name);
  const byName = new Map<string, MacroDefinition[]>();
  for (const d of defines) byName.set(d.name, [...(byName.get(d.name) ?? []), d]);
  return { directives, groups, defines, definitions: (name) => byName.get(name) ?? [], stray };
}

/** The groups open at `offset`, outermost first, each with the arm holding it. */
export function armsAt(pp: PreprocessorModel, offset: number): ArmRef[] {
  const found: ArmRef[] = [];
  for (const group of pp.groups) {
    const arm = group.arms.findIndex((a) => offset >= a.body.start && offset < a.body.end);
    if (arm !== -1) found.push({ group: group.id, arm });
  }
  return found;
}

/** Whether every #if group that a span touches starts and ends inside it. */
export function balancedWithin(pp: PreprocessorModel, span: Span): boolean {
  return pp.directives.every((d) => d.group === undefined || d.span.start < span.start || d.span.start >= span.end || groupWithin(pp.groups[d.group]!, span));
}

function groupWithin(group: ConditionalGroup, span: Span): boolean {
  const first = group.arms[0]!.directive.span.start;
  return first >= span.start && group.endif !== undefined && group.endif.span.end <= span.end;
}

const CONDITIONAL = new Set<DirectiveKind>(['if', 'ifdef', 'ifndef', 'elif', 'elifdef', 'elifndef', 'else', 'endif']);

/**
 * What one configuration of [from, to) leaves out, as the compiler reads the
 * first arm of each group: every conditional directive line (every directive
 * line with `allDirectives`), and each later (#elif/#else) arm whose line is
 * in range, up to its group's #endif. Sorted by start; spans may nest.
 */
export function laterArmSpans(pp: PreprocessorModel, mask: string, from: number, to: number, allDirectives = false): Span[] {
  const out: Span[] = [];
  const inRange = (d: Directive): boolean => d.span.start >= from && d.span.start < to;
  const lineEnd = (at: number): number => (mask.startsWith('\r\n', at) ? at + 2 : mask[at] === '\n' ? at + 1 : at);
  for (const d of pp.directives) if (inRange(d) && (allDirectives || CONDITIONAL.has(d.kind))) out.push({ start: d.span.start, end: lineEnd(d.span.end) });
  for (const group of pp.groups) {
    const later = group.arms.slice(1).find((arm) => inRange(arm.directive));
    if (later) out.push({ start: later.directive.span.start, end: group.endif?.span.start ?? group.arms[group.arms.length - 1]!.body.end });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The pieces of [start, end) that one configuration compiles (see laterArmSpans), ordered and disjoint. */
export function firstArmRanges(pp: PreprocessorModel, mask: string, start: number, end: number): Span[] {
  const kept: Span[] = [];
  let at = start;
  for (const skip of laterArmSpans(pp, mask, start, end)) {
    if (skip.start > at) kept.push({ start: at, end: skip.start });
    at = Math.max(at, skip.end);
  }
  if (at < end) kept.push({ start: at, end: Math.min(end, mask.length) });
  return kept;
}

/**
 * The `}` closing the `{` at `open`, counting braces as one configuration
 * does: `#if A  if (x) {  #else  if (y) {  #endif` opens one block, not two.
 * -1 if none.
 */
export function matchBodyBrace(mask: string, open: number, pp: PreprocessorModel): number {
  if (mask[open] !== '{') return -1;
  const skips = laterArmSpans(pp, mask, open, mask.length, true);
  let next = 0;
  let depth = 0;
  for (let i = open; i < mask.length; i++) {
    while (next < skips.length && skips[next]!.end <= i) next++;
    const skip = skips[next];
    if (skip && skip.start <= i) {
      i = Math.max(i, skip.end) - 1;
      continue;
    }
    const ch = mask[i];
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return -1;
}

/** The directive lines starting in mask[from, to): from the file's model when given, else a scan of that slice. */
export function directivesIn(mask: string, from: number, to: number, pp?: PreprocessorModel): Directive[] {
  if (pp) return pp.directives.filter((d) => d.span.start >= from && d.span.start < to);
  const atLineStart = from === 0 || mask[from - 1] === '\n';
  return scanPreprocessor(mask.slice(from, to))
    .directives.filter((d) => atLineStart || /\n/.test(mask.slice(from, from + d.span.start)))
    .map((d) => ({ ...d, span: { start: d.span.start + from, end: d.span.end + from } }));
}
