// When an init spelled through a macro still cannot be converted, the user
// needs to know which macro and why: the file defines it several times where
// Python 3 may compile it, #undefs it, makes it the whole function, or
// expanding it left another reason (which is then the real one).
import type { FileModel, InitFunctionInfo } from '../model';
import { targetView } from '../text/targetView';
import { VIEW_MINIMUM_HEX } from '../analysis/viewModel';
import { refusal, type Refusal } from './refusalCatalogue';

/** `PyInit_x(void) { ... }` in the macro's body: the macro is the whole function. */
const WHOLE_FUNCTION = /\)\s*\\?\s*\{/;

/**
 * The reasons to show for a module whose init a macro spells: `direct`'s,
 * with the init-from-macro reason saying why the macro was not expanded; or,
 * when it was expanded and the result was still refused, that result's
 * reasons (their spans were on the expanded text: dropped).
 */
export function explainMacroRefusal(model: FileModel, init: InitFunctionInfo, direct: readonly Refusal[], afterExpansion: readonly Refusal[] | undefined): Refusal[] {
  const macro = init.definedByMacro;
  if (!macro || !direct.some((r) => r.code === 'init-from-macro')) return [...direct];
  if (afterExpansion?.length) {
    return afterExpansion.map((r) => refusal(r.code, `${r.message} (with the init's macros expanded, ${macro} among them)`));
  }
  const why = whyNotExpanded(model, macro);
  return direct.map((r) => (r.code === 'init-from-macro' && why ? { ...r, message: `${r.message}, which cannot be expanded here: ${why}` } : r));
}

function whyNotExpanded(model: FileModel, name: string): string | undefined {
  const pp = model.preprocessor;
  const all = pp.definitions(name);
  if (all.length === 0) return 'it is defined outside this file';
  if (all.some((d) => d.undefined)) return 'the file also #undefs it, so which definition applies depends on the line';
  const view = targetView(model.text, pp, VIEW_MINIMUM_HEX, model.py3Flags, { insideUnknown: true }).text;
  const live = all.filter((d) => view.slice(d.span.start, d.span.end).trim() !== '');
  const lineOf = (offset: number): number => model.text.slice(0, offset).split('\n').length;
  if (live.length > 1) return `it is defined ${live.length} times where Python 3 may compile it (lines ${live.map((d) => lineOf(d.span.start)).join(', ')}), on conditions the file alone does not decide`;
  const body = model.text.slice(live[0]?.span.start ?? 0, live[0]?.span.end ?? 0);
  if (live.length === 1 && WHOLE_FUNCTION.test(body)) return 'its body is the whole function, text shared by every module that uses it';
  return undefined;
}
