// Lone carriage returns: classic Mac OS ended every line with a CR alone.
// GCC and LSP count a lone CR as a line end, but tree-sitter's preprocessor
// rules and the converter's line scans look for LF. The analysis therefore
// reads such text with each lone CR replaced by an LF: one character for one,
// so every offset stays valid in the original text, and edits made on it
// get their LFs turned back into CRs before they leave the core.

/** 'all': lines end in lone CRs only; 'mixed': some in lone CRs, others in LF or CR LF. */
export type LoneCarriageReturns = 'none' | 'all' | 'mixed';

const LONE_CR = /\r(?!\n)/g;

export function loneCarriageReturns(text: string): LoneCarriageReturns {
  if (!text.includes('\r')) return 'none';
  LONE_CR.lastIndex = 0;
  if (!LONE_CR.test(text)) return 'none';
  return text.includes('\n') ? 'mixed' : 'all';
}

/** `text` with every lone CR as an LF: same length, same offsets. */
export function withLineFeeds(text: string): string {
  return text.includes('\r') ? text.replace(LONE_CR, '\n') : text;
}

/** Text written for a file whose lines end in lone CRs: its LFs become CRs. */
export function withCarriageReturns(text: string): string {
  return text.replace(/\r?\n/g, '\r');
}

/**
 * Edits computed on the model's text, as they must be written into the file:
 * with its lone CRs ('all'), or none at all ('mixed': no line end is right).
 */
export function editsForLineEnds<E extends { newText: string }>(lone: LoneCarriageReturns | undefined, edits: readonly E[]): E[] | undefined {
  if (lone === 'mixed') return undefined;
  if (lone !== 'all') return [...edits];
  return edits.map((edit) => ({ ...edit, newText: withCarriageReturns(edit.newText) }));
}
