// What m_size evaluates to, as far as the file shows: a multi-phase def with
// a negative size fails to load, so a size the converter cannot read is a
// reason to refuse, not to guess.
//
// m_size may be chosen per version inside the initialiser (simplejson):
//   #if PY_VERSION_HEX >= 0x030D0000
//       0,      /* m_size */
//   #else
//       -1,     /* m_size */
//   #endif
// Every arm holds one m_size value, so the fields after it keep their
// positions. The arms the supported versions compile (the target view drops
// the others) are each read; the group is rewritten whole when one of them is
// negative (def.ts). Any other #if line inside the initialiser is refused,
// saying what it holds.
import type { FileModel, InitEntry, ModuleDefInfo, Span } from '../model';
import type { ConditionalGroup, PreprocessorModel } from '../text/preprocessorModel';
import { targetView } from '../text/targetView';
import type { ReinitPolicy } from './policy';

export type SizeVerdict = 'negative' | 'fine' | 'unknown';

/** An #if group inside the initialiser choosing m_size, one value per arm. */
export interface SizeArms {
  /** The `#if` line as written (`#if PY_VERSION_HEX >= 0x030D0000`). */
  condition: string;
  /** From the `#if` line's start to the end of the `#endif` line. */
  span: Span;
  /** The arms the supported versions compile: the arm's text and its m_size entry. */
  live: { body: Span; entry: InitEntry; verdict: SizeVerdict }[];
}

export interface SizeReading {
  /** Negative when the size is negative on any supported version. */
  verdict: SizeVerdict;
  arms?: SizeArms;
  /** The supported versions disagree: negative on some, not on others. */
  byVersion: boolean;
}

/** The m_size of `def` for Python `minimumHex` and later, or why the #if lines in its initialiser cannot be read. */
export function readMSize(def: ModuleDefInfo, model: FileModel, minimumHex: number): SizeReading | { problem: string } {
  if (!def.hasPreprocessor) return { verdict: plainVerdict(def, model.preprocessor), byVersion: false };
  const pp = model.preprocessor;
  const inside = (s: Span): boolean => s.start > def.initSpan.start && s.end < def.initSpan.end;
  const lineOf = (at: number): number => model.text.slice(0, at).split('\n').length;
  const directives = pp.directives.filter((d) => inside(d.span));
  const where = (d: { rest: string; kind: string; span: Span }): string => `'#${d.kind} ${d.rest}' (line ${lineOf(d.span.start)}) inside the initialiser of '${def.varName}'`;
  const stray = directives.find((d) => d.group === undefined || !inside(pp.groups[d.group]!.arms[0]!.directive.span) || !pp.groups[d.group]!.endif || !inside(pp.groups[d.group]!.endif!.span));
  if (stray) return { problem: `${where(stray)} is not a whole #if group of its own, so the fields' positions cannot be known` };
  const groups = [...new Set(directives.map((d) => d.group!))].map((id) => pp.groups[id]!);
  const nested = groups.find((g) => g.inside && groups.some((o) => o.id === g.inside!.group));
  if (nested) return { problem: `${where(nested.arms[0]!.directive)} sits in another #if inside it, so the fields' positions cannot be known` };
  const perArm = (g: ConditionalGroup): InitEntry[][] => g.arms.map((a) => def.entries.filter((e) => e.span.start >= a.body.start && e.span.end <= a.body.end));
  for (const g of groups) {
    const counts = perArm(g).map((list) => list.length);
    const open = g.arms[0]!.directive;
    if (g.arms[g.arms.length - 1]!.directive.kind !== 'else') counts.push(0);
    if (counts.some((c) => c !== counts[0])) return { problem: `the arms of ${where(open)} hold different numbers of fields (${counts.join(', ')}), so the fields after it cannot be located safely` };
    const fields = [...new Set(perArm(g).flat().map((e) => e.field ?? 'a field past m_free'))];
    if (fields.length !== 1 || fields[0] !== 'm_size' || counts[0] !== 1) return { problem: `${where(open)} chooses ${fields.join(', ')}; only an m_size chosen per #if arm (one value in each) can be rewritten` };
  }
  const sizeGroup = groups[0];
  if (!sizeGroup) return { verdict: plainVerdict(def, pp), byVersion: false };
  const kept = targetView(model.text, pp, minimumHex, model.py3Flags).resolved.get(sizeGroup.id);
  const entries = perArm(sizeGroup);
  const live = sizeGroup.arms
    .map((a, i) => ({ body: a.body, entry: entries[i]![0]!, verdict: evaluate(entries[i]![0]!.valueText, pp, 0) }))
    .filter((_, i) => kept === undefined || kept === i);
  const verdicts = new Set(live.map((a) => a.verdict));
  const open = sizeGroup.arms[0]!.directive;
  const condition = model.text.slice(open.span.start, open.span.end).trim();
  // -1 on some versions and a state size on others: which one the module's code expects differs by version too.
  const sized = verdicts.has('negative') ? live.find((a) => a.verdict === 'fine' && !/^\(?\s*0\s*\)?$/.test(a.entry.valueText.trim())) : undefined;
  if (sized) return { problem: `m_size of '${def.varName}' is negative in one arm of '${condition}' and '${sized.entry.valueText.trim()}' in another, so the module's own code depends on the version; give it one size first` };
  const verdict: SizeVerdict = verdicts.has('unknown') ? 'unknown' : verdicts.has('negative') ? 'negative' : 'fine';
  return {
    verdict,
    arms: { condition, span: { start: open.span.start, end: sizeGroup.endif!.span.end }, live },
    byVersion: verdicts.size > 1 && verdict === 'negative',
  };
}

/** `-1`, `(Py_ssize_t)-1`, `sizeof(state)`, `0`, a macro defined in the file. */
function plainVerdict(def: ModuleDefInfo, pp: PreprocessorModel): SizeVerdict {
  if (def.mSize !== undefined) return def.mSize < 0 ? 'negative' : 'fine';
  const entry = def.fields.m_size;
  if (!entry) return 'fine';
  return evaluate(entry.valueText, pp, 0);
}

function evaluate(expression: string, pp: PreprocessorModel, depth: number): SizeVerdict {
  const text = expression.replace(/\s+/g, ' ').trim().replace(/^\((.*)\)$/, '$1').trim();
  // A cast in front changes nothing about the sign.
  const uncast = text.replace(/^\(\s*(?:Py_ssize_t|int|long|size_t|ssize_t)\s*\)\s*/, '');
  if (/^-\s*\d+[uUlL]*$/.test(uncast)) return 'negative';
  if (/^\+?\s*\d+[uUlL]*$/.test(uncast)) return 'fine';
  if (/^sizeof\b/.test(uncast) && !/[-]/.test(uncast)) return 'fine';
  if (/^\w+$/.test(uncast) && depth < 4) {
    const values = pp.definitions(uncast).filter((d) => d.params === undefined && d.body !== '').map((d) => evaluate(d.body, pp, depth + 1));
    if (values.length && values.every((v) => v === 'fine')) return 'fine';
    if (values.length && values.every((v) => v === 'negative')) return 'negative';
  }
  return 'unknown';
}

/** The sentence for an m_size that is negative on some supported versions only; undefined otherwise. */
export function sizeByVersionNote(reading: SizeReading, policy: ReinitPolicy): string | undefined {
  if (!reading.byVersion || !reading.arms) return undefined;
  const chosen = `m_size: the original chose it with '${reading.arms.condition}', negative on some supported versions and not on others, where single-phase init ran again on every re-import`;
  if (policy === 'replay') return `${chosen}; the conversion keeps the negative size's behaviour on every version, so there a re-import now gets a copy of the first module's namespace.`;
  if (policy === 'error') return `${chosen}; there too a second import now raises ImportError.`;
  return `${chosen}, as exec now does on every version.`;
}
