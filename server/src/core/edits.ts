// Text edits as plain offsets, and the checks every edit set goes through
// before anyone applies it: sorted, non-overlapping, inside the text.
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** Sort by position; reject overlapping edits (two inserts at one point are fine, kept in order). */
export function normalizeEdits(edits: readonly TextEdit[], textLength: number): TextEdit[] {
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i)
    .map((x) => x.e);
  for (let k = 0; k < sorted.length; k++) {
    const e = sorted[k]!;
    if (e.start < 0 || e.end > textLength || e.start > e.end) throw new Error(`edit ${e.start}-${e.end} is outside the text`);
    const prev = sorted[k - 1];
    if (prev && prev.end > e.start) throw new Error(`edits overlap at ${e.start}`);
  }
  return sorted;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = normalizeEdits(edits, text.length);
  const parts: string[] = [];
  let last = 0;
  for (const e of sorted) {
    parts.push(text.slice(last, e.start), e.newText);
    last = e.end;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

/** Whether `edits` can join `accepted` without overlapping any of them. */
export function fitsWith(accepted: readonly TextEdit[], edits: readonly TextEdit[], textLength: number): boolean {
  try {
    normalizeEdits([...accepted, ...edits], textLength);
    return true;
  } catch {
    return false;
  }
}
