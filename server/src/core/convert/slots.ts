// The slot array: exec, then the subinterpreter and GIL declarations, each
// under a version guard unless the minimum Python already has the slot.
import type { LanguageId } from '../grammars';
import { versionHex, type ConversionOptions } from './options';
import type { FileStyle } from './style';

/** The slots newer than multi-phase init itself, and the CPython that added each. */
export type VersionedSlot = 'Py_mod_multiple_interpreters' | 'Py_mod_gil';
const SLOT_SINCE: Record<VersionedSlot, { hex: number; text: string }> = {
  Py_mod_multiple_interpreters: { hex: 0x030c0000, text: '0x030C0000' },
  Py_mod_gil: { hex: 0x030d0000, text: '0x030D0000' },
};

/** `{a, b}`, or `{ a, b }` in files that pad their entries. */
export function slotEntry(id: string, value: string, pad: '' | ' '): string {
  return `{${pad}${id}, ${value}${pad}}`;
}

/** Whether the file mentions Py_LIMITED_API, so the slot macros also depend on it. */
export function mentionsLimitedApi(mask: string): boolean {
  return /\bPy_LIMITED_API\b/.test(mask);
}

/**
 * Lines (no line ends) declaring one versioned slot: `body` as it is when
 * the minimum Python already has the slot, else behind a version guard.
 * Shared by the conversion's slot array and the missing-slot fixes.
 */
export function guardedSlotLines(slot: VersionedSlot, body: readonly string[], minimumPythonVersion: string, limitedApi: boolean): string[] {
  const since = SLOT_SINCE[slot];
  // Under the limited API, moduleobject.h defines the slot only when
  // Py_LIMITED_API itself is recent enough, whatever the headers' version.
  if (limitedApi) return [`#if PY_VERSION_HEX >= ${since.text} && (!defined(Py_LIMITED_API) || Py_LIMITED_API+0 >= ${since.text})`, ...body, '#endif'];
  if ((versionHex(minimumPythonVersion) ?? 0) >= since.hex) return [...body];
  return [`#if PY_VERSION_HEX >= ${since.text}`, ...body, '#endif'];
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
  options: ConversionOptions;
  style: FileStyle;
  /** The file mentions Py_LIMITED_API: the slot macros also depend on it. */
  limitedApi: boolean;
}

/** The `static PyModuleDef_Slot name[] = {...};` declaration, no trailing newline. */
export function slotArrayText(spec: SlotArraySpec): string {
  const { eol, entryPad: pad } = spec.style;
  const entry = (a: string, b: string): string => `${slotEntry(a, b, pad)},`;
  const layout = spec.style.initialiserIndent;
  const indent = layout?.member ?? spec.style.indent;
  const lines: string[] = [];
  const guarded = (slot: VersionedSlot, entry: string, comments: string[] = []): void => {
    lines.push(...guardedSlotLines(slot, [...comments.flatMap((c) => reindent(c, indent)), indent + entry], spec.options.minimumPythonVersion, spec.limitedApi));
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
