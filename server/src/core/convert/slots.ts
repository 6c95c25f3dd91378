// The slot array: exec, then the subinterpreter and GIL declarations, each
// under `#ifdef` of its own slot macro.
import type { LanguageId } from '../grammars';
import type { FileStyle } from './style';

/** The slots newer than multi-phase init itself. */
export type VersionedSlot = 'Py_mod_multiple_interpreters' | 'Py_mod_gil';

/** `{a, b}`, or `{ a, b }` in files that pad their entries. */
export function slotEntry(id: string, value: string, pad: '' | ' '): string {
  return `{${pad}${id}, ${value}${pad}}`;
}

/**
 * Lines (no line ends) declaring one versioned slot: `body` under
 * `#ifdef <slot>`. moduleobject.h defines the slot macro exactly when the
 * slot is usable: the headers are new enough and Py_LIMITED_API, if set, is
 * too. Py_LIMITED_API often comes from the build (setup.py define_macros,
 * py_limited_api), which the file cannot show, so the guard stays even when
 * the minimum Python has the slot. Shared by the conversion's slot array and
 * the missing-slot fixes.
 */
export function guardedSlotLines(slot: VersionedSlot, body: readonly string[]): string[] {
  return [`#ifdef ${slot}`, ...body, '#endif'];
}

export interface SlotArraySpec {
  name: string;
  /** Exec function, absent when the init did nothing but create the module. */
  execName?: string;
  /** Py_mod_multiple_interpreters value (policy.ts decides it); absent: no slot. */
  interpreters?: string;
  /** Py_mod_gil value (policy.ts decides it); absent: no slot. */
  gil?: string;
  /** Comments that sat with that call, written above the Py_mod_gil slot. */
  gilComments?: string[];
  lang: LanguageId;
  style: FileStyle;
}

/** The `static PyModuleDef_Slot name[] = {...};` declaration, no trailing newline. */
export function slotArrayText(spec: SlotArraySpec): string {
  const { eol, entryPad: pad } = spec.style;
  const entry = (a: string, b: string): string => `${slotEntry(a, b, pad)},`;
  const layout = spec.style.initialiserIndent;
  const indent = layout?.member ?? spec.style.indent;
  const lines: string[] = [];
  const guarded = (slot: VersionedSlot, entry: string, comments: string[] = []): void => {
    lines.push(...guardedSlotLines(slot, [...comments.flatMap((c) => reindent(c, indent)), indent + entry]));
  };
  if (spec.execName) {
    const exec = spec.lang === 'cpp' ? `(void *)${spec.execName}` : spec.execName;
    lines.push(indent + entry('Py_mod_exec', exec));
  }
  if (spec.interpreters) guarded('Py_mod_multiple_interpreters', entry('Py_mod_multiple_interpreters', spec.interpreters));
  if (spec.gil) guarded('Py_mod_gil', entry('Py_mod_gil', spec.gil), spec.gilComments);
  lines.push(indent + entry('0', spec.style.nullLiteral).slice(0, -1));
  const open = spec.style.braceOnOwnLine ? `${eol}${layout?.brace ?? ''}{` : ' {';
  return [`static PyModuleDef_Slot ${spec.name}[] =${open}`, ...lines, `${layout?.brace ?? ''}};`].join(eol);
}

/** Prototype so a slot array placed before the exec definition can name it. */
export function execPrototype(execName: string, paramName: string, style: FileStyle): string {
  return `static int ${execName}${style.callGap}(${style.objectPointer}${paramName});`;
}

/** A (possibly multi-line) comment moved to `indent`, its inner lines kept aligned. */
function reindent(comment: string, indent: string): string[] {
  const lines = comment.split(/\r?\n/);
  const inner = lines.slice(1).map((l) => /^[ \t]*/.exec(l)![0].length);
  const strip = inner.length ? Math.min(...inner) : 0;
  return [indent + lines[0]!.trim(), ...lines.slice(1).map((l) => indent + ' '.repeat(Math.max(0, /^[ \t]*/.exec(l)![0].length - strip + 1)) + l.trim())];
}
