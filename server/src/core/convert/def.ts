// Edits to the PyModuleDef initialiser: m_size -1 -> 0 (a multi-phase def
// with a negative size fails to load) and m_slots pointing at the slot array.
import type { TextEdit } from '../edits';
import { DEF_FIELDS, type InitEntry, type ModuleDefInfo } from '../model';
import type { SizeArms, SizeReading } from './msize';
import type { FileStyle } from './style';
import { indentAt, lineEndOf, lineStartOf, nextLineStart } from './text';

/** Values for positional fields a short initialiser leaves out, up to m_slots. */
const FILLERS: Record<string, string> = { m_doc: 'NULL', m_size: '0', m_methods: 'NULL' };

export function defEdits(text: string, mask: string, def: ModuleDefInfo, slotsName: string, style: FileStyle, reading: SizeReading): TextEdit[] {
  const edits: TextEdit[] = [];
  const size = def.fields.m_size;
  if (reading.arms && reading.verdict === 'negative') edits.push(sizeArmsEdit(text, reading.arms));
  else if (size && reading.verdict === 'negative') edits.push(replaceKeepingColumns(text, size, '0'));

  const slots = def.fields.m_slots;
  if (slots) {
    edits.push(replaceKeepingColumns(text, slots, slotsName, /\bm_reload\b/));
    return edits;
  }
  const entries = def.entries;
  const last = entries[entries.length - 1];
  if (!last) {
    // `= {}`? Nothing to anchor on: write the whole list.
    edits.push({ start: def.initSpan.start + 1, end: def.initSpan.end - 1, newText: `PyModuleDef_HEAD_INIT, .m_slots = ${slotsName}` });
    return edits;
  }
  const multiline = entries.length > 1 && entries.some((e, i) => i > 0 && text.slice(entries[i - 1]!.span.end, e.span.start).includes('\n'));
  if (def.style === 'positional') {
    const missing = DEF_FIELDS.slice(entries.length, 5).map((f) => FILLERS[f] ?? 'NULL');
    edits.push(...appendAfter(text, mask, last, [...missing, slotsName], multiline, indentAt(text, last.span.start), style.eol));
    return edits;
  }
  // Designated: after the last field that comes before m_slots, keeping
  // declaration order (C++ designated initialisers require it).
  const anchor = lastBefore(entries, DEF_FIELDS.indexOf('m_slots')) ?? last;
  const indent = indentAt(text, lineStartOf(text, anchor.span.start) === anchor.span.start - indentAt(text, anchor.span.start).length ? anchor.span.start : last.span.start);
  edits.push(...appendAfter(text, mask, anchor, [`.m_slots = ${slotsName}`], multiline, indent, style.eol));
  return edits;
}

/**
 * Entries added after `entry`. One per line in a multi-line initialiser,
 * after the comma and any comment ending the entry's line (so a trailing
 * note about m_methods keeps describing its own value).
 */
function appendAfter(text: string, mask: string, entry: InitEntry, added: string[], multiline: boolean, indent: string, eol: string): TextEdit[] {
  if (!multiline) return [{ start: entry.span.end, end: entry.span.end, newText: added.map((v) => `, ${v}`).join('') }];
  const lineEnd = lineEndOf(text, entry.span.end);
  const rest = mask.slice(entry.span.end, lineEnd);
  const hasComma = /^\s*,/.test(rest);
  if (rest.replace(/^\s*,?/, '').trim() !== '') {
    // Another entry shares the line: insert right here instead.
    return [{ start: entry.span.end, end: entry.span.end, newText: added.map((v) => `,${eol}${indent}${v}`).join('') }];
  }
  const edits: TextEdit[] = [];
  if (!hasComma) edits.push({ start: entry.span.end, end: entry.span.end, newText: ',' });
  edits.push({ start: lineEnd, end: lineEnd, newText: added.map((v) => `${eol}${indent}${v}`).join(',') + (hasComma ? ',' : '') });
  return edits;
}

/**
 * Replace an entry's value; a comment after it on the same line stays in its
 * column (and a note naming the old m_reload field is renamed to m_slots).
 */
function replaceKeepingColumns(text: string, entry: InitEntry, value: string, oldName?: RegExp): TextEdit {
  const after = /^(\s*,?)([ \t]+)(\/\*[^\n]*?\*\/|\/\/[^\n]*)/.exec(text.slice(entry.value.end));
  if (!after || after[1]!.includes('\n')) return { start: entry.value.start, end: entry.value.end, newText: value };
  const [whole, comma, gap, comment] = after as unknown as [string, string, string, string];
  const oldWidth = entry.value.end - entry.value.start;
  const padding = ' '.repeat(Math.max(1, gap.replace(/\t/g, '        ').length - (value.length - oldWidth)));
  const note = oldName ? comment.replace(oldName, 'm_slots') : comment;
  return { start: entry.value.start, end: entry.value.end + whole.length, newText: value + comma + padding + note };
}

/**
 * An m_size chosen per #if arm becomes one line: the arm that already has a
 * size multi-phase init accepts (its comment says why), else the first with
 * its value made 0.
 */
function sizeArmsEdit(text: string, arms: SizeArms): TextEdit {
  const arm = arms.live.find((a) => a.verdict === 'fine') ?? arms.live[0]!;
  const value = arm.verdict === 'fine' ? undefined : replaceKeepingColumns(text, arm.entry, '0');
  const body = value ? text.slice(arm.body.start, value.start) + value.newText + text.slice(value.end, arm.body.end) : text.slice(arm.body.start, arm.body.end);
  // The arm's text starts after its directive's newline and ends before the next directive line.
  return { start: arms.span.start, end: nextLineStart(text, arms.span.end), newText: body.replace(/^\r?\n/, '') };
}

function lastBefore(entries: InitEntry[], limit: number): InitEntry | undefined {
  let found: InitEntry | undefined;
  for (const e of entries) {
    const index = e.field ? DEF_FIELDS.indexOf(e.field) : -1;
    if (index !== -1 && index < limit) found = e;
  }
  return found;
}
