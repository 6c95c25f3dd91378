// The file as the converted code sees it: Python 3, PY_VERSION_HEX anywhere
// from the minimum Python upward, and the file's own macros derived from
// those. An #if group whose arm is the same for every such version is
// resolved: its directive lines and dead arms are blanked to spaces
// (newlines kept), so offsets map 1:1 to the source and every edit lands on
// the user's text. A group that depends on anything else keeps all its arms.
import type { Span } from '../model';
import { evaluateCondition, type MacroEnv, type Value } from './conditions';
import type { ConditionalGroup, Directive, PreprocessorModel } from './preprocessorModel';

export interface TargetView {
  /** Same length as the source; resolved directive lines and dead arms blanked. */
  text: string;
  /** Spans blanked, in order. */
  blanked: Span[];
  /** Per resolved group: the arm kept (-1: none). */
  resolved: Map<number, number>;
}

/** Every final release from `minimum` up to 3.20, and a far-future one. */
function versionSamples(minimumHex: number): number[] {
  const samples = [minimumHex];
  for (let minor = 0; minor <= 20; minor++) {
    const hex = 0x030000f0 + minor * 0x10000;
    if (hex > minimumHex) samples.push(hex);
  }
  samples.push(0x7f0000f0);
  return samples;
}

type Definition = { body: string } | 'unknown';

/** Arm chosen per group for one configuration: an index, -1 for none, undefined when unknown. */
function chooseArms(pp: PreprocessorModel, versionHex: number, assumed: ReadonlyMap<string, boolean>, insideUnknown: boolean): Map<number, number | undefined> {
  const env = new Map<string, Definition>([
    ['PY_MAJOR_VERSION', { body: '3' }],
    ['PY_MINOR_VERSION', { body: String((versionHex >> 16) & 0xff) }],
    ['PY_VERSION_HEX', { body: `0x${versionHex.toString(16)}` }],
  ]);
  // A name the file has not defined may come from a header or the build: unknown, not 0.
  const lookup: MacroEnv = { lookup: (name) => env.get(name) ?? (undefinedNames.has(name) ? undefined : 'unknown') };
  const undefinedNames = new Set<string>();
  for (const [name, defined] of assumed) {
    if (defined) env.set(name, { body: '1' });
    else undefinedNames.add(name);
  }
  const choice = new Map<number, number | undefined>();
  // Live: the directive is compiled in this configuration; maybe: it depends on something unknown.
  const state = (d: Directive): 'live' | 'dead' | 'maybe' => {
    let verdict: 'live' | 'dead' | 'maybe' = 'live';
    for (let ref = d.inside; ref; ref = pp.groups[ref.group]!.inside) {
      const chosen = choice.get(ref.group);
      if (chosen === undefined) verdict = verdict === 'dead' ? 'dead' : 'maybe';
      else if (chosen !== ref.arm) return 'dead';
    }
    return verdict;
  };
  for (const d of pp.directives) {
    const compiled = state(d);
    if (compiled === 'dead') continue;
    // A group inside an arm that may not be compiled still has one answer when it is: its defines stay unknown, its choice may be read.
    const where = insideUnknown && compiled === 'maybe' && d.kind !== 'define' && d.kind !== 'undef' ? 'live' : compiled;
    if (d.kind === 'define' || d.kind === 'undef') {
      const name = /^\w+/.exec(d.rest)?.[0];
      if (!name || PINNED.has(name)) continue;
      if (where === 'maybe') env.set(name, 'unknown');
      else if (d.kind === 'undef') {
        env.delete(name);
        undefinedNames.add(name);
      } else env.set(name, /^\w+\(/.test(d.rest) ? 'unknown' : { body: d.rest.slice(name.length).trim() });
      continue;
    }
    if (d.group === undefined || d.kind === 'endif') continue;
    const group = pp.groups[d.group]!;
    const arm = group.arms.findIndex((a) => a.directive === d);
    if (where === 'maybe' || (arm > 0 && choice.get(group.id) !== -1)) {
      // Decided already (an earlier arm taken or unknown), or the group itself may not be compiled.
      if (arm === 0 || where === 'maybe') choice.set(group.id, undefined);
      continue;
    }
    const value = armValue(d, lookup);
    if (value === undefined) choice.set(group.id, undefined);
    else if (value) choice.set(group.id, arm);
    else choice.set(group.id, -1);
  }
  return choice;
}

/** Fixed by the target; a file that redefines them (old compatibility shims) does not change it. */
const PINNED = new Set(['PY_MAJOR_VERSION', 'PY_MINOR_VERSION', 'PY_VERSION_HEX']);

function armValue(d: Directive, env: MacroEnv): Value {
  const name = /^\w+/.exec(d.rest)?.[0] ?? '';
  if (d.kind === 'else') return 1;
  if (d.kind === 'ifdef' || d.kind === 'elifdef') return evaluateCondition(`defined(${name})`, env);
  if (d.kind === 'ifndef' || d.kind === 'elifndef') return evaluateCondition(`!defined(${name})`, env);
  return evaluateCondition(d.rest, env);
}

export interface TargetViewOptions {
  /**
   * Also resolve groups inside an arm that depends on something unknown
   * (`#ifndef NO_PYTHON` around the whole module): when that arm is compiled
   * they have one answer. Off for the model's view, which keeps such files as
   * it always read them.
   */
  insideUnknown?: boolean;
}

/**
 * The target view of `text` (its mask's preprocessor model `pp`) for a minimum Python `minimumHex`;
 * `assumed`: macros the file does not define taken as defined (true) or not (false) for Python 3.
 */
export function targetView(text: string, pp: PreprocessorModel, minimumHex: number, assumed: ReadonlyMap<string, boolean> = new Map(), options: TargetViewOptions = {}): TargetView {
  const choices = versionSamples(minimumHex).map((v) => chooseArms(pp, v, assumed, options.insideUnknown ?? false));
  const resolved = new Map<number, number>();
  for (const group of pp.groups) {
    const picks = choices.map((c) => c.get(group.id));
    // An unfinished group (no #endif) is never resolved: its extent is a guess.
    if (group.endif && picks.every((p) => p !== undefined && p === picks[0])) resolved.set(group.id, picks[0]!);
  }
  const blanked: Span[] = [];
  for (const group of pp.groups) {
    const kept = resolved.get(group.id);
    if (kept === undefined || insideDeadArm(pp, group, resolved)) continue;
    group.arms.forEach((arm, i) => {
      blanked.push(arm.directive.span);
      if (i !== kept) blanked.push(arm.body);
    });
    blanked.push(group.endif!.span);
  }
  blanked.sort((a, b) => a.start - b.start);
  const pieces: string[] = [];
  let at = 0;
  for (const span of blanked) {
    if (span.end <= at) continue;
    const start = Math.max(at, span.start);
    pieces.push(text.slice(at, start), text.slice(start, span.end).replace(/[^\r\n]/g, ' '));
    at = span.end;
  }
  pieces.push(text.slice(at));
  return { text: pieces.join(''), blanked, resolved };
}

/** A group inside an arm the view drops is blanked with it. */
function insideDeadArm(pp: PreprocessorModel, group: ConditionalGroup, resolved: ReadonlyMap<number, number>): boolean {
  for (let ref = group.inside; ref; ref = pp.groups[ref.group]!.inside) {
    const kept = resolved.get(ref.group);
    if (kept !== undefined && kept !== ref.arm) return true;
  }
  return false;
}
