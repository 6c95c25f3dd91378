// Words without which no rule can fire: every module has a PyInit_ or a
// PyModuleDef (slot arrays are PyModuleDef_Slot), and the two rules about
// calls name PyState_* and PyUnstable_Module_SetGIL. A text search is far
// cheaper than a parse, and most sources of a large package mention none.
export const PREFILTER_WORDS = ['PyInit_', 'PyModuleDef', 'PyState_', 'PyUnstable_Module_SetGIL'] as const;

export function mayHoldFindings(text: string): boolean {
  return PREFILTER_WORDS.some((word) => text.includes(word));
}

/** The words as bytes (ASCII, so the same in UTF-8 and Latin-1). */
const PREFILTER_NEEDLES = PREFILTER_WORDS.map((word) => Buffer.from(word, 'latin1'));

/**
 * The same test on a file's raw bytes, before any decoding: most files of a
 * tree fail it and are never decoded or parsed.
 */
export function bytesMayHoldFindings(content: Buffer): boolean {
  return PREFILTER_NEEDLES.some((needle) => content.includes(needle));
}
