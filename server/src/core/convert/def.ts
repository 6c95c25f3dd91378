// Edits to the PyModuleDef initialiser: m_size -1 -> 0 (a multi-phase def
// with a negative size fails to load) and m_slots pointing at the slot array.
import type { TextEdit } from '../edits';
import { DEF_FIELDS, type InitEntry, type ModuleDefInfo } from '../model';
import type { FileStyle } from './style';
import { indentAt, lineStartOf } from './text';

/** Values for positional fields a short initialiser leaves out, up to m_slots. */
const FILLERS: Record<string, string> = { m_doc: 'NULL', m_size: '0', m_methods: 'NULL' };

export function defEdits(text: string, def: ModuleDefInfo, slotsName: string, style: FileStyle): TextEdit[] {
  const edits: TextEdit[] = [];
  const size = def.fields.m_size;
  if (size && def.mSize !== undefined && def.mSize < 0) edits.push({ start: size.value.start, end: size.value.end, newText: '0' });

  const slots = def.fields.m_slots;
  if (slots) {
    edits.push({ start: slots.value.start, end: slots.value.end, newText: slotsName });
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
  const separator = multiline ? `,${style.eol}${indentAt(text, last.span.start)}` : ', ';
  if (def.style === 'positional') {
    const missing = DEF_FIELDS.slice(entries.length, 5).map((f) => FILLERS[f] ?? 'NULL');
    const added = [...missing, slotsName].map((v) => separator + v).join('');
    edits.push({ start: last.span.end, end: last.span.end, newText: added });
    return edits;
  }
  // Designated: after the last field that comes before m_slots, keeping
  // declaration order (C++ designated initialisers require it).
  const anchor = lastBefore(entries, DEF_FIELDS.indexOf('m_slots')) ?? last;
  const anchorSeparator = multiline ? `,${style.eol}${indentAt(text, lineStartOf(text, anchor.span.start) === anchor.span.start ? anchor.span.start : last.span.start)}` : ', ';
  edits.push({ start: anchor.span.end, end: anchor.span.end, newText: `${anchorSeparator}.m_slots = ${slotsName}` });
  return edits;
}

function lastBefore(entries: InitEntry[], limit: number): InitEntry | undefined {
  let found: InitEntry | undefined;
  for (const e of entries) {
    const index = e.field ? DEF_FIELDS.indexOf(e.field) : -1;
    if (index !== -1 && index < limit) found = e;
  }
  return found;
}
