// Notes of a conversion that read the target rather than a rewrite step:
// the state line, the __name__ change, macros from headers.
import { describeModuleState, STATE_SCOPE_NOTE, type ModuleState } from '../analysis/moduleState';

/**
 * Single-phase init names the module after m_name (CPython puts the package
 * in front when m_name equals the last part of the import name); multi-phase
 * init takes __name__ from the import spec. Only the last part of the import
 * name is known here: an m_name equal to it changes nothing, while a dotted
 * one was used verbatim and may not be the import path (websockets'
 * "websocket.speedups"), so it gets the note too.
 */
export function nameNotes(mName: string | undefined, initName: string): string[] {
  if (mName === undefined || mName === initName) return [];
  // Single-phase init kept a dotted m_name verbatim; whether it is the import path one file cannot tell.
  if (mName.includes('.') && mName.split('.').pop() === initName) {
    return [`__name__: it now comes from the import spec; m_name '${mName}' was used before, so if that is not the import path, __name__ changes.`];
  }
  return [`__name__: it now comes from the import spec; m_name '${mName}' is no longer used for it.`];
}

/** The state line of the notes, with what the body rewrite saw that the analysis does not list (C++ member calls, callees' writes). */
export function stateNote(state: ModuleState, bodyState: readonly string[]): string {
  const listed = new Set(state.items.map((i) => i.name));
  const extra = bodyState.filter((s) => !listed.has(s.replace(/^static (?:type )?/, '').replace(/ via .*$/, '')));
  const line = describeModuleState(state);
  // Macros interning a few dozen strings would make the line a paragraph: name four, count the rest.
  const named = extra.length > 5 ? `${extra.slice(0, 4).join(', ')} and ${extra.length - 4} more` : extra.join(', ');
  if (!extra.length) return `State: ${line}.`;
  // The analysis found nothing, but the body writes statics: they are the state (and the policy treats them so).
  if (state.summary === 'none') return `State: the init writes ${named}, kept as process-wide state (${STATE_SCOPE_NOTE}).`;
  return `State: the init writes ${named}; ${line}.`;
}

/** Macros from a header run in exec now: one that returns NULL on failure would make exec report success. */
export function headerMacroNote(names: readonly string[]): string {
  const list = names.join(', ');
  return `Header macros: ${list} ${names.length === 1 ? 'comes' : 'come'} from a header this file does not show; exec returns int, so if ${names.length === 1 ? 'it hides' : 'one hides'} a 'return NULL' on failure, make it 'return -1' (exec runs ${names.length === 1 ? 'it' : 'them'} unchanged).`;
}
