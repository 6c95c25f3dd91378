// Line edits between a region's C text and its conversion. For an assembled
// template the edits are anchored on the lines found once in both texts and
// in the same order (as a patience diff does): a minimal diff may otherwise
// match a moved line (the new PyInit's header) and re-write the lines between,
// across the strings the module is assembled from, even when the conversion
// left them alone.
import { diffLines } from 'diff';
import type { TextEdit } from '../edits';

/** Line-granular edits from `before` to `after`, in offsets of `before`. */
export function lineEdits(before: string, after: string): TextEdit[] {
  const edits: TextEdit[] = [];
  let at = 0;
  let pending: TextEdit | undefined;
  for (const change of diffLines(before, after)) {
    if (change.added || change.removed) {
      pending ??= { start: at, end: at, newText: '' };
      if (change.removed) {
        at += change.value.length;
        pending.end = at;
      } else pending.newText += change.value;
      continue;
    }
    if (pending) edits.push(pending);
    pending = undefined;
    at += change.value.length;
  }
  if (pending) edits.push(pending);
  return edits;
}

interface Line {
  start: number;
  text: string;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const text_ of text.split(/(?<=\n)/)) {
    if (text_ === '') continue;
    lines.push({ start, text: text_ });
    start += text_.length;
  }
  return lines;
}

/** Lines that occur once in `lines` and are not blank, by text. */
function uniqueLines(lines: readonly Line[]): Map<string, Line> {
  const seen = new Map<string, Line | null>();
  for (const l of lines) if (l.text.trim() !== '') seen.set(l.text, seen.has(l.text) ? null : l);
  return new Map([...seen].filter((e): e is [string, Line] => e[1] !== null));
}

/** The longest run of pairs increasing in both texts (patience sorting). */
function longestIncreasing(pairs: readonly [Line, Line][]): [Line, Line][] {
  const tails: number[] = [];
  const previous = new Array<number>(pairs.length).fill(-1);
  pairs.forEach(([, a], i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1].start < a.start) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const out: [Line, Line][] = [];
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = previous[i]!) out.unshift(pairs[i]!);
  return out;
}

/** Edits between two texts, shifted to where the first starts in the whole. */
function shifted(edits: TextEdit[], by: number): TextEdit[] {
  return edits.map((e) => ({ ...e, start: e.start + by, end: e.end + by }));
}

/** A line's start, by which a changed line is still recognised (`static struct PyModuleDef d = {` whose m_size changed). */
function lineKey(line: string): string | undefined {
  const key = line.trim().slice(0, 24);
  return key.length >= 12 ? key : undefined;
}

/** Lines whose key occurs once in `lines`. */
function uniqueKeys(lines: readonly Line[]): Map<string, Line> {
  const seen = new Map<string, Line | null>();
  for (const l of lines) {
    const key = lineKey(l.text);
    if (key !== undefined) seen.set(key, seen.has(key) ? null : l);
  }
  return new Map([...seen].filter((e): e is [string, Line] => e[1] !== null));
}

/**
 * `lineEdits`, anchored on the lines unique to both texts (the same text, or
 * the same start once: a line the conversion changed stays where it was, its
 * change an edit of its own); the gaps between anchors are diffed alone.
 */
function patienceLineEdits(before: string, after: string): TextEdit[] {
  const beforeLines = linesOf(before);
  const afterLines = linesOf(after);
  const exactAfter = uniqueLines(afterLines);
  const keyedAfter = uniqueKeys(afterLines);
  const keyedBefore = uniqueKeys(beforeLines);
  const exactBefore = uniqueLines(beforeLines);
  const pairs: [Line, Line][] = [];
  for (const l of beforeLines) {
    const exact = exactBefore.get(l.text) === l ? exactAfter.get(l.text) : undefined;
    const key = lineKey(l.text);
    const keyed = !exact && key !== undefined && keyedBefore.get(key) === l ? keyedAfter.get(key) : undefined;
    const match = exact ?? keyed;
    if (match) pairs.push([l, match]);
  }
  const edits: TextEdit[] = [];
  let b = 0;
  let a = 0;
  for (const [lb, la] of [...longestIncreasing(pairs), [{ start: before.length, text: '' }, { start: after.length, text: '' }] as [Line, Line]]) {
    edits.push(...shifted(lineEdits(before.slice(b, lb.start), after.slice(a, la.start)), b));
    if (lb.text !== la.text) edits.push({ start: lb.start, end: lb.start + lb.text.length, newText: la.text });
    b = lb.start + lb.text.length;
    a = la.start + la.text.length;
  }
  return edits;
}

/**
 * Edits for an assembled template: first each `kept` key (a computed
 * piece's stand-in, which no edit may move) splits both texts at the one
 * line holding it in each, in order: that line pair is compared alone (the
 * conversion may change the rest of the line, never move it). Each gap is
 * then compared with its unique lines as anchors.
 */
export function anchoredLineEdits(before: string, after: string, kept: readonly string[]): TextEdit[] {
  const lineWith = (text: string, key: string): Line | undefined => {
    const at = text.indexOf(key);
    if (at < 0 || text.indexOf(key, at + 1) >= 0) return undefined;
    const start = text.lastIndexOf('\n', at - 1) + 1;
    const end = text.indexOf('\n', at);
    return { start, text: text.slice(start, end < 0 ? text.length : end + 1) };
  };
  for (const [i, key] of kept.entries()) {
    const lb = lineWith(before, key);
    const la = lineWith(after, key);
    if (!lb || !la) continue;
    const line = lb.text === la.text ? [] : [{ start: lb.start, end: lb.start + lb.text.length, newText: la.text }];
    const rest = anchoredLineEdits(before.slice(lb.start + lb.text.length), after.slice(la.start + la.text.length), kept.slice(i + 1));
    return [...patienceLineEdits(before.slice(0, lb.start), after.slice(0, la.start)), ...line, ...shifted(rest, lb.start + lb.text.length)];
  }
  return patienceLineEdits(before, after);
}
