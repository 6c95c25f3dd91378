// The macro that spells the init's header (`MODULE_INIT(netifaces)`,
// `PY_MOD_INIT_FUNC_DEF(_levenshtein)`, `init_function(void)`) already names
// PyInit_x for Python 3, so the converted init keeps it as written: the
// conversion reads the header expanded, and the new PyInit_x gets the
// project's spelling back. Only when the expanded header appears once in the
// converted file, so the swap cannot land elsewhere.
import type { TextEdit } from '../edits';
import { applyEdits } from '../edits';
import { codeMask } from '../text/codeMask';
import { wholeChange } from './text';

export interface HeaderSpelling {
  macro: string;
  /** The header as the file writes it, up to the body's `{`. */
  written: string;
  /** The same header with its macros expanded. */
  expanded: string;
}

/** The init's header before and after expansion, when a macro spelled it; `openBefore`/`openAfter`: the body's `{` in each text. */
export function headerSpelling(macro: string | undefined, before: string, after: string, start: number): HeaderSpelling | undefined {
  if (!macro) return undefined;
  const openBefore = codeMask(before).indexOf('{', start);
  const openAfter = codeMask(after).indexOf('{', start);
  if (openBefore === -1 || openAfter === -1) return undefined;
  const written = before.slice(start, openBefore);
  const expanded = after.slice(start, openAfter);
  return written !== expanded && /\bPyInit_\w+/.test(expanded) && written.includes(macro) ? { macro, written, expanded } : undefined;
}

/** The converted edits with the new init's header written with the project's macro again, and the note saying so; undefined to keep them as they are. */
export function keepHeaderMacro(source: string, result: { edits: TextEdit[]; notes?: string[] }, header: HeaderSpelling | undefined): { edits: TextEdit[]; notes?: string[] } | undefined {
  if (!header) return undefined;
  const converted = applyEdits(source, result.edits);
  const at = converted.indexOf(header.expanded);
  if (at === -1 || converted.indexOf(header.expanded, at + 1) !== -1) return undefined;
  const restored = converted.slice(0, at) + header.written + converted.slice(at + header.expanded.length);
  const expandedNote = `Macro ${header.macro}: expanded in place in the init (its definition is left for any other user).`;
  const keptNote = `Macro ${header.macro}: kept as the header of the new ${/\bPyInit_\w+/.exec(header.expanded)![0]}, which its Python 3 definition already spells.`;
  return { edits: [wholeChange(source, restored)], notes: (result.notes ?? []).map((n) => (n === expandedNote ? keptNote : n)) };
}
