// Words without which no rule can fire: every module has a PyInit_ or a
// PyModuleDef (slot arrays are PyModuleDef_Slot), and the two rules about
// calls name PyState_* and PyUnstable_Module_SetGIL. A text search is far
// cheaper than a parse, and most sources of a large package mention none.
export const PREFILTER_WORDS = ['PyInit_', 'PyModuleDef', 'PyState_', 'PyUnstable_Module_SetGIL'] as const;

/**
 * A test for any of `words` in decoded text, and the same test on a file's
 * raw bytes, before any decoding (the words are ASCII, so the same in UTF-8
 * and Latin-1): most files of a tree fail it and are never decoded or parsed.
 */
export function wordTests(words: readonly string[]): { inText: (text: string) => boolean; inBytes: (content: Buffer) => boolean } {
  const needles = words.map((word) => Buffer.from(word, 'latin1'));
  return {
    inText: (text) => words.some((word) => text.includes(word)),
    inBytes: (content) => needles.some((needle) => content.includes(needle)),
  };
}

const FINDING_WORDS = wordTests(PREFILTER_WORDS);

export const mayHoldFindings = FINDING_WORDS.inText;

export const bytesMayHoldFindings = FINDING_WORDS.inBytes;
