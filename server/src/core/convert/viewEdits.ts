// Edits computed on the target view (analysis/viewModel.ts) land on the
// user's text at the same offsets. Two things differ: lines the view blanked
// (directives it resolved, arms that cannot apply to Python 3.5+) come out
// of the new text, and an edit must hold whole #if groups of the source, or
// the file's #if/#endif would no longer pair up. An edit that starts or ends
// inside a group is widened to the whole group and rewritten from the view,
// so that group's Python 2 arm goes with it.
import { applyEdits, type TextEdit } from '../edits';
import type { FileModel, Span } from '../model';
import { LineIndex } from '../text/lines';
import type { PreprocessorModel } from '../text/preprocessorModel';
import { refusal, type Refusal } from './refusalCatalogue';

export type ViewEdits = { ok: true; edits: TextEdit[]; notes: string[] } | { ok: false; reason: Refusal };

export function editsOnSource(model: FileModel, edits: readonly TextEdit[]): ViewEdits {
  if (model.source === undefined) return { ok: true, edits: [...edits], notes: [] };
  // The scan the view was built from (analysis/viewModel.ts).
  const { text: source, preprocessor: pp } = model.source;
  const lines = new LineIndex(source);
  // The view is only trusted on a file whose #if/#else/#endif pair up.
  const unpaired = pp.stray[0]?.span.start ?? pp.groups.find((g) => !g.endif)?.arms[0]!.directive.span.start;
  if (unpaired !== undefined) return { ok: false, reason: refusal('preprocessor-split-edit', `the #if lines of the file do not pair up (line ${lines.positionAt(unpaired).line + 1}), so the init cannot be read through them`) };
  // Widened spans, merged where they meet; each becomes one edit.
  const widened: (Span & { edit: TextEdit })[] = [];
  for (const edit of edits) {
    const span = widen(pp, { start: edit.start, end: edit.end });
    if (!span) return { ok: false, reason: refusal('preprocessor-split-edit', `the rewrite at line ${lines.positionAt(edit.start).line + 1} would cut through an #if group that has no #endif`) };
    widened.push({ ...span, edit });
  }
  const spans: (Span & { inside: TextEdit[] })[] = [];
  for (const w of widened.sort((a, b) => a.start - b.start || a.end - b.end)) {
    const last = spans[spans.length - 1];
    // Overlapping, or an insertion strictly inside a widened span.
    if (last && (w.start < last.end || (w.start === last.end && w.end === w.start && last.end > last.start && w.edit.start < last.end))) {
      last.end = Math.max(last.end, w.end);
      last.inside.push(w.edit);
    } else spans.push({ start: w.start, end: w.end, inside: [w.edit] });
  }
  const out: TextEdit[] = [];
  const removed: string[] = [];
  for (const { inside, ...span } of spans) {
    const exact = inside.length === 1 && inside[0]!.start === span.start && inside[0]!.end === span.end;
    const newText = exact ? inside[0]!.newText : applyEdits(model.text.slice(span.start, span.end), inside.map((e) => ({ ...e, start: e.start - span.start, end: e.end - span.start })));
    // Whole lines of spaces are what the view blanked (a real blank line is
    // empty); where the rewrite already trimmed them, the run of blank lines
    // they leave is cut to one.
    out.push({ ...span, newText: newText.replace(/^[ \t]+\r?\n/gm, '').replace(/(\r?\n)(?:[ \t]*\r?\n){2,}/g, '$1$1') });
    for (const group of pp.groups) {
      const first = group.arms[0]!.directive.span.start;
      const dropsCode = group.arms.some((a) => /\S/.test(source.slice(a.body.start, a.body.end)) && !/\S/.test(model.text.slice(a.body.start, a.body.end)));
      if (first < span.start || first >= span.end || !dropsCode) continue;
      removed.push(`${lines.positionAt(first).line + 1}-${lines.positionAt(group.endif!.span.end).line + 1}`);
    }
  }
  const notes = removed.length
    ? [`Python 2: the #if arms that cannot apply to Python 3.5 or later (lines ${removed.join(', ')}) were removed with the code the conversion rewrote; the converted module needs Python 3.5 or later.`]
    : [];
  return { ok: true, edits: out, notes };
}

/** The smallest span holding `span` and every #if group it touches, whole; undefined when a group never ends. */
function widen(pp: PreprocessorModel, span: Span): Span | undefined {
  const out = { ...span };
  for (let grew = true; grew; ) {
    grew = false;
    for (const d of pp.directives) {
      if (d.group === undefined || d.span.start < out.start || d.span.start >= out.end) continue;
      const group = pp.groups[d.group]!;
      if (!group.endif) return undefined;
      const first = group.arms[0]!.directive.span.start;
      if (first < out.start || group.endif.span.end > out.end) {
        out.start = Math.min(out.start, first);
        out.end = Math.max(out.end, group.endif.span.end);
        grew = true;
      }
    }
  }
  return out;
}
