// Quick fixes for the smaller rules, as plain offset edits: add the GIL or
// interpreters slot, set m_size to 0, drop a DECREF of the module in exec,
// use the `-1` form of a NumPy import macro. Module conversion itself is the
// converter's (core/convert).
import type { TextEdit } from '../core/edits';
import type { Finding } from '../core/findings';
import { versionHex } from '../core/convert/options';
import type { FileModel, ModuleInfo, SlotArrayInfo } from '../core/model';
import type { MultiphaseSettings } from '../core/settings';

export interface RuleFix {
  title: string;
  edits: TextEdit[];
}

const GIL_VALUES: Record<MultiphaseSettings['gil'], string> = {
  // Adding the slot to a module that has none keeps what free-threaded builds already assume.
  preserve: 'Py_MOD_GIL_USED',
  not_used: 'Py_MOD_GIL_NOT_USED',
  used: 'Py_MOD_GIL_USED',
  // The user asked conversions not to write the slot; a fix they pick explicitly still needs a value.
  omit: 'Py_MOD_GIL_NOT_USED',
};

const INTERPRETER_VALUES: Record<MultiphaseSettings['multipleInterpreters'], string> = {
  // A quick fix on an already multi-phase module does not weigh its state: promise the least.
  auto: 'Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED',
  not_supported: 'Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED',
  supported: 'Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED',
  per_interpreter_gil: 'Py_MOD_PER_INTERPRETER_GIL_SUPPORTED',
  omit: 'Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED',
};

/** NumPy import macros that `return NULL` (or nothing) and their forms that return -1. */
const IMPORT_MACRO_FIXES: Record<string, string> = {
  import_array: 'import_array1(-1)',
  import_umath: 'import_umath1(-1)',
  import_ufunc: 'import_umath1(-1)',
};

function moduleOf(model: FileModel, finding: Finding): ModuleInfo | undefined {
  const inside = (m: ModuleInfo): boolean =>
    [m.slots?.initSpan, m.def?.initSpan, m.init?.span].some((span) => span && span.start <= finding.span.start && finding.span.end <= span.end);
  return model.modules.find((m) => m.name === finding.module && inside(m)) ?? model.modules.find((m) => m.name === finding.module) ?? model.modules.find(inside);
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** A slot entry before the terminator, behind a version guard unless the minimum version already has it. */
function slotInsertion(text: string, slots: SlotArrayInfo, entry: string, sinceMinor: number, settings: MultiphaseSettings): TextEdit {
  const minimum = versionHex(settings.minimumPythonVersion) ?? 0;
  const since = 0x03000000 | (sinceMinor << 16);
  const guard = minimum < since ? `#if PY_VERSION_HEX >= 0x03${sinceMinor.toString(16).toUpperCase().padStart(2, '0')}0000` : null;
  const lineStart = lineStartOf(text, slots.insertAt);
  const before = text.slice(lineStart, slots.insertAt);
  if (/^[ \t]*$/.test(before)) {
    // The terminator starts its line: insert whole lines above it, same indentation.
    const lines = guard ? `${guard}\n${before}${entry},\n#endif\n` : `${before}${entry},\n`;
    return { start: lineStart, end: lineStart, newText: lines };
  }
  // `{..}, {0, NULL}` on one line: a guard must sit on lines of its own.
  return { start: slots.insertAt, end: slots.insertAt, newText: guard ? `\n${guard}\n    ${entry},\n#endif\n    ` : `${entry}, ` };
}

/** Offset of the last character before `offset` that is code (comments and literals skipped). */
function previousCode(mask: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(mask[i]!)) i--;
  return i;
}

function dropStatement(model: FileModel, finding: Finding): TextEdit | null {
  const { text, mask } = model;
  const afterCall = /^\s*;/.exec(mask.slice(finding.span.end, finding.span.end + 64));
  if (!afterCall) return null;
  const end = finding.span.end + afterCall[0].length;
  const prev = previousCode(mask, finding.span.start);
  const prevChar = prev >= 0 ? mask[prev]! : '{';
  // After `if (...)`, `else` or `do` the statement is a branch body: keep an empty one.
  if (!';{}:'.includes(prevChar)) return { start: finding.span.start, end, newText: '{}' };
  // A label needs a statement after it (before C23): keep an empty one when nothing else follows.
  const nextCode = /\S/.exec(mask.slice(end));
  if (prevChar === ':' && nextCode?.[0] === '}') return { start: finding.span.start, end, newText: ';' };
  const lineStart = lineStartOf(text, finding.span.start);
  const lineEnd = text.indexOf('\n', end);
  const aloneOnLine = /^[ \t]*$/.test(text.slice(lineStart, finding.span.start)) && /^[ \t]*\r?$/.test(text.slice(end, lineEnd === -1 ? text.length : lineEnd));
  if (aloneOnLine) return { start: lineStart, end: lineEnd === -1 ? text.length : lineEnd + 1, newText: '' };
  const trailing = /^[ \t]*/.exec(text.slice(end))![0].length;
  return { start: finding.span.start, end: end + trailing, newText: '' };
}

function importMacroFix(model: FileModel, finding: Finding): RuleFix | null {
  const call = /\b(import_array|import_umath|import_ufunc)\s*\(\s*\)/.exec(model.text.slice(finding.span.start, finding.span.end + 32));
  if (!call || call.index > finding.span.end - finding.span.start) return null;
  const replacement = IMPORT_MACRO_FIXES[call[1]!]!;
  const start = finding.span.start + call.index;
  return { title: `Use ${replacement} (returns -1 from exec on failure)`, edits: [{ start, end: start + call[0].length, newText: replacement }] };
}

/** The quick fix for a smaller rule's finding, or null when it has none or the code is too unusual to edit safely. */
export function ruleFix(model: FileModel, finding: Finding, settings: MultiphaseSettings): RuleFix | null {
  switch (finding.code) {
    case 'missing-gil-slot': {
      const slots = moduleOf(model, finding)?.slots;
      if (!slots) return null;
      const value = GIL_VALUES[settings.gil];
      return { title: `Add {Py_mod_gil, ${value}} to ${slots.varName}`, edits: [slotInsertion(model.text, slots, `{Py_mod_gil, ${value}}`, 13, settings)] };
    }
    case 'missing-multiple-interpreters-slot': {
      const slots = moduleOf(model, finding)?.slots;
      if (!slots) return null;
      const value = INTERPRETER_VALUES[settings.multipleInterpreters];
      return {
        title: `Add {Py_mod_multiple_interpreters, ${value}} to ${slots.varName}`,
        edits: [slotInsertion(model.text, slots, `{Py_mod_multiple_interpreters, ${value}}`, 12, settings)],
      };
    }
    case 'negative-m-size': {
      const def = model.defs.find((d) => d.fields.m_size && d.fields.m_size.value.start <= finding.span.start && finding.span.end <= d.fields.m_size.value.end);
      // Without slots the module is single-phase: its fix is the conversion, which also sets m_size.
      if (!def?.hasSlots) return null;
      const value = def.fields.m_size!.value;
      return { title: `Set m_size of ${def.varName} to 0`, edits: [{ start: value.start, end: value.end, newText: '0' }] };
    }
    case 'exec-decrefs-module': {
      const edit = dropStatement(model, finding);
      return edit ? { title: 'Remove the release of the module (exec borrows it)', edits: [edit] } : null;
    }
    case 'import-macro-in-exec':
      return importMacroFix(model, finding);
    case 'gil-used-slot': {
      const at = model.text.lastIndexOf('Py_MOD_GIL_USED', finding.span.end);
      if (at < finding.span.start) return null;
      return { title: 'Declare Py_MOD_GIL_NOT_USED (only once the module is audited for free-threading)', edits: [{ start: at, end: at + 'Py_MOD_GIL_USED'.length, newText: 'Py_MOD_GIL_NOT_USED' }] };
    }
    default:
      return null;
  }
}
