// Words without which no rule can fire: every module has a PyInit_ or a
// PyModuleDef (slot arrays are PyModuleDef_Slot), and the two rules about
// calls name PyState_* and PyUnstable_Module_SetGIL. A text search is far
// cheaper than a parse, and most sources of a large package mention none.
export const PREFILTER_WORDS = ['PyInit_', 'PyModuleDef', 'PyState_', 'PyUnstable_Module_SetGIL'] as const;

/**
 * The piece of `word` searched first in raw bytes. Buffer search scans for a
 * needle's first byte when the needle is shorter than 7 bytes, but uses a
 * Boyer-Moore-Horspool variant for longer ones that crawls through C text,
 * where `P` (of every `Py...` name) and `_` are among the commonest bytes:
 * on numpy's tree `PyState_` took 18 ms per 30 MB, `State_` 2 ms. A file
 * without the piece cannot hold the word; only the few files with it are
 * searched for the word itself, so the answer is the same.
 */
export function quickPiece(word: string): string {
  return (word.startsWith('Py') && word.length > 2 ? word.slice(2) : word).slice(0, 6);
}

/**
 * A test for any of `words` in decoded text, and the same test on a file's
 * raw bytes, before any decoding (the words are ASCII, so the same in UTF-8
 * and Latin-1): most files of a tree fail it and are never decoded or parsed.
 */
export function wordTests(words: readonly string[]): { inText: (text: string) => boolean; inBytes: (content: Buffer) => boolean } {
  const byPiece = new Map<string, Buffer[]>();
  for (const word of words) {
    const piece = quickPiece(word);
    byPiece.set(piece, [...(byPiece.get(piece) ?? []), Buffer.from(word, 'latin1')]);
  }
  const groups = [...byPiece].map(([piece, wholes]) => ({ piece: Buffer.from(piece, 'latin1'), wholes }));
  return {
    inText: (text) => words.some((word) => text.includes(word)),
    inBytes: (content) => groups.some((g) => content.includes(g.piece) && g.wholes.some((whole) => content.includes(whole))),
  };
}

const FINDING_WORDS = wordTests(PREFILTER_WORDS);

export const mayHoldFindings = FINDING_WORDS.inText;

export const bytesMayHoldFindings = FINDING_WORDS.inBytes;
