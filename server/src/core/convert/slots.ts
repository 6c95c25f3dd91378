// The slot array: exec, then the subinterpreter and GIL declarations, each
// under a version guard unless the minimum Python already has the slot.
import type { LanguageId } from '../grammars';
import { versionHex, type ConversionOptions } from './options';
import type { FileStyle } from './style';

const PY312 = 0x030c0000;
const PY313 = 0x030d0000;

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
  const entry = (a: string, b: string): string => `{${pad}${a}, ${b}${pad}},`;
  const layout = spec.style.initialiserIndent;
  const indent = layout?.member ?? spec.style.indent;
  const minimum = versionHex(spec.options.minimumPythonVersion) ?? 0;
  const lines: string[] = [];
  const guarded = (since: number, hex: string, entry: string, comments: string[] = []): void => {
    const body = [...comments.flatMap((c) => reindent(c, indent)), indent + entry];
    // Under the limited API, moduleobject.h defines the slot only when
    // Py_LIMITED_API itself is recent enough, whatever the headers' version.
    if (spec.limitedApi) lines.push(`#if PY_VERSION_HEX >= ${hex} && (!defined(Py_LIMITED_API) || Py_LIMITED_API+0 >= ${hex})`, ...body, '#endif');
    else if (minimum >= since) lines.push(...body);
    else lines.push(`#if PY_VERSION_HEX >= ${hex}`, ...body, '#endif');
  };
  if (spec.execName) {
    const exec = spec.lang === 'cpp' ? `(void *)${spec.execName}` : spec.execName;
    lines.push(indent + entry('Py_mod_exec', exec));
  }
  if (spec.interpreters) guarded(PY312, '0x030C0000', entry('Py_mod_multiple_interpreters', spec.interpreters));
  if (spec.gil) guarded(PY313, '0x030D0000', entry('Py_mod_gil', spec.gil), spec.gilComments);
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
