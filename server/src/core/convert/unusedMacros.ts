// A macro the conversion expanded in the init (MODULE_CREATE, MODULE_ERROR,
// MODULE_RETURN(m), a def-declaring MODULE_DEF) often has no user left
// afterwards: the init was its only one. Its definitions then go, in every
// #if arm, and a group left with nothing but blank arms goes with them, so
// the file keeps no dead macros. A name the converted file still mentions
// anywhere (code, another macro's body, an #ifdef) keeps its definitions.
import type { Span } from '../model';
import { codeMask } from '../text/codeMask';
import { scanPreprocessor } from '../text/preprocessorModel';
import { nextLineStart, wholeChange } from './text';
import { applyEdits, type TextEdit } from '../edits';

export interface DroppedMacros {
  text: string;
  /** Names whose definitions were removed, in the order given. */
  dropped: string[];
}

/** `text` without the definitions of those `names` nothing in it uses any more. */
export function dropUnusedMacros(text: string, names: readonly string[]): DroppedMacros {
  const mask = codeMask(text);
  const pp = scanPreprocessor(mask);
  const removals: Span[] = [];
  const dropped: string[] = [];
  for (const name of names) {
    const lines = pp.directives.filter((d) => (d.kind === 'define' || d.kind === 'undef') && new RegExp(`^${name}\\b`).test(d.rest));
    if (lines.length === 0) continue;
    // The defined name itself, right after `#define`/`#undef`, is no use.
    const own = new Set(lines.map((d) => d.span.start + (/^[ \t]*#[ \t]*(?:define|undef)[ \t]+/.exec(mask.slice(d.span.start))?.[0].length ?? 0)));
    const used = [...mask.matchAll(new RegExp(`\\b${name}\\b`, 'g'))].some((m) => !own.has(m.index));
    if (used) continue;
    dropped.push(name);
    for (const d of lines) {
      let end = nextLineStart(text, d.span.end);
      // Between two blank lines: one of them goes too, so no double gap is left.
      if (/(?:^|\n)[ \t]*\r?\n$/.test(text.slice(0, d.span.start)) && /^[ \t]*\r?\n/.test(text.slice(end))) end = nextLineStart(text, end);
      removals.push({ start: d.span.start, end });
    }
  }
  if (dropped.length === 0) return { text, dropped };
  // Inner groups first, so an outer group emptied by them goes too.
  for (const group of [...pp.groups].reverse()) {
    if (!group.endif) continue;
    const arms = group.arms.map((arm) => leftOf(text, arm.body, removals));
    if (!arms.some((a) => a.touched)) continue;
    if (arms.every((a) => a.blank)) removals.push({ start: group.arms[0]!.directive.span.start, end: nextLineStart(text, group.endif.span.end) });
    // A trailing #else emptied: its line goes (an emptied #if or #elif arm stays: dropping it would change what the others mean).
    else if (group.arms.length > 1 && group.arms[group.arms.length - 1]!.directive.kind === 'else' && arms[arms.length - 1]!.touched && arms[arms.length - 1]!.blank) {
      removals.push({ start: group.arms[group.arms.length - 1]!.directive.span.start, end: group.endif.span.start });
    }
  }
  return { text: removeSpans(text, removals), dropped };
}

/** Whether `removals` touch the arm's `body`, and whether it is blank without them. */
function leftOf(text: string, body: Span, removals: readonly Span[]): { touched: boolean; blank: boolean } {
  let rest = '';
  let at = body.start;
  let touched = false;
  for (const r of [...removals].sort((a, b) => a.start - b.start)) {
    if (r.end <= body.start || r.start >= body.end) continue;
    touched = true;
    rest += text.slice(at, Math.max(at, r.start));
    at = Math.max(at, r.end);
  }
  rest += text.slice(at, Math.max(at, body.end));
  return { touched, blank: rest.trim() === '' };
}

/** `text` without `spans` (overlaps and nesting allowed: each offset goes once). */
function removeSpans(text: string, spans: readonly Span[]): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    if (s.start > at) out += text.slice(at, s.start);
    at = Math.max(at, s.end);
  }
  return out + text.slice(at);
}

/** The converted edits without the dead definitions of the macros the expansion wrote out, and notes saying so; undefined when none is dead. */
export function dropExpandedMacros(source: string, result: { edits: TextEdit[]; notes?: string[] }, names: readonly string[]): { edits: TextEdit[]; notes?: string[] } | undefined {
  const { text, dropped } = dropUnusedMacros(applyEdits(source, result.edits), names);
  if (dropped.length === 0) return undefined;
  const gone = new Set(dropped);
  const notes = (result.notes ?? []).map((n) => {
    const m = /^Macro (\w+): expanded in place (in the init|where it declared the def)\b/.exec(n);
    if (!m || !gone.has(m[1]!)) return n;
    const where = m[2] === 'in the init' ? 'in the init, its only user' : 'where it declared the def, its only use';
    return `Macro ${m[1]}: expanded in place ${where}; its definitions are removed, in every #if arm, since nothing uses them any more.`;
  });
  return { edits: [wholeChange(source, text)], notes };
}
