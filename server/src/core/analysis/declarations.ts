// Finds `PyModuleDef` and `PyModuleDef_Slot[]` definitions by scanning the
// comment-free mask, and splits their initialisers into entries from text.
// Text, not the tree, because `#if` lines inside initialiser lists and export
// macros before declarations are exactly where tree-sitter goes wrong.
import { matchBrace } from '../text/codeMask';
import { directivesIn, type PreprocessorModel } from '../text/preprocessorModel';
import { insideAny } from '../text/spans';
import { DEF_FIELDS, type DefFieldName, type InitEntry, type ModuleDefInfo, type SlotArrayInfo, type SlotEntry, type Span } from '../model';

const DEF_RE = /\b(?:struct\s+)?PyModuleDef\s+(\w+)\s*=\s*\{/g;
const SLOTS_RE = /\b(?:struct\s+)?PyModuleDef_Slot\s+(\w+)\s*\[[^\]\n]*\]\s*=\s*\{/g;

/** Start of the declaration containing `at`: back over specifiers and macros. */
export function declarationStart(mask: string, at: number): number {
  let i = at;
  while (i > 0 && /[\w\s*&]/.test(mask[i - 1]!)) i--;
  // Never start inside a preprocessor line (the walk back stops at its `#`
  // or at an operator in `#if X >= 3`): move down past it, and past blank lines.
  for (;;) {
    const lineEnd = mask.indexOf('\n', i);
    if (lineEnd === -1 || lineEnd >= at) break;
    const line = mask.slice(mask.lastIndexOf('\n', i - 1) + 1, lineEnd);
    if (!line.trimStart().startsWith('#') && mask.slice(i, lineEnd).trim() !== '') break;
    i = lineEnd + 1;
  }
  while (i < at && /\s/.test(mask[i]!)) i++;
  return i;
}

interface RawEntry {
  span: Span;
  text: string;
  conditional: boolean;
  /**
   * Position counting only one branch of each `#if`/`#else` group, so
   * `#if A "doc", #else NULL, #endif` is one field, not two.
   */
  logical: number;
}

/**
 * Top-level comma-separated entries of the initialiser `{...}` at `open`.
 * Preprocessor lines come from `pp` (the file's model) when given, else
 * from a scan of the initialiser alone.
 */
export function splitInitializer(text: string, mask: string, open: number, close: number, pp?: PreprocessorModel): { entries: RawEntry[]; hasPreprocessor: boolean } {
  const entries: RawEntry[] = [];
  const directives = directivesIn(mask, open + 1, close, pp);
  let next = 0;
  let depth = 0;
  let start = open + 1;
  let conditional = false;
  let logical = 0;
  // Groups opened inside the initialiser, by id: the positions their first arm started at and reached.
  const branches = new Map<number, { start: number; max: number }>();
  const push = (end: number): void => {
    const raw = mask.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trail = raw.length - raw.trimEnd().length;
    if (raw.trim() !== '') {
      const span = { start: start + lead, end: end - trail };
      entries.push({ span, text: text.slice(span.start, span.end), conditional: conditional || branches.size > 0, logical: logical++ });
    }
    conditional = false;
  };
  for (let i = open + 1; i < close; i++) {
    const d = directives[next];
    if (d && d.span.start === i) {
      // A preprocessor line: blank it out of the entry it sits in.
      next++;
      const group = d.group === undefined ? undefined : branches.get(d.group);
      if (d.kind === 'if' || d.kind === 'ifdef' || d.kind === 'ifndef') branches.set(d.group!, { start: logical, max: logical });
      else if (d.kind === 'endif' && group) {
        logical = Math.max(group.max, logical);
        branches.delete(d.group!);
      } else if (d.kind.startsWith('el') && group) {
        // Another branch of the same group fills the same positions again.
        group.max = Math.max(group.max, logical);
        logical = group.start;
      }
      if (branches.size > 0 || d.kind === 'endif') conditional = true;
      const end = Math.min(d.span.end, close);
      if (mask.slice(start, i).trim() === '') start = end;
      i = end;
      continue;
    }
    const ch = mask[i]!;
    if (ch === '{' || ch === '(' || ch === '[') depth++;
    else if (ch === '}' || ch === ')' || ch === ']') depth--;
    else if (ch === ',' && depth === 0) {
      push(i);
      start = i + 1;
    }
  }
  push(close);
  return { entries, hasPreprocessor: directives.length > 0 };
}

function declEnd(mask: string, close: number): number {
  const semi = /^\s*;/.exec(mask.slice(close + 1));
  return semi ? close + 1 + semi[0].length : close + 1;
}

/**
 * `PyModuleDef` definitions outside `#define` bodies: a def spelled inside a
 * macro (`#define MOD_DEF(...) static struct PyModuleDef d = {...};`) is
 * shared text no rule or rewrite may touch.
 */
export function findModuleDefs(text: string, mask: string, defines: readonly Span[] = [], pp?: PreprocessorModel): ModuleDefInfo[] {
  const defs: ModuleDefInfo[] = [];
  for (const m of mask.matchAll(DEF_RE)) {
    if (insideAny(defines, m.index)) continue;
    const open = m.index + m[0].length - 1;
    const close = matchBrace(mask, open);
    if (close === -1) continue;
    const start = declarationStart(mask, m.index);
    const nameStart = m.index + m[0].indexOf(m[1]!, m[0].indexOf('PyModuleDef') + 11);
    const { entries: raw, hasPreprocessor } = splitInitializer(text, mask, open, close, pp);
    const entries: InitEntry[] = [];
    // A designator moves the position: later positional entries count from it.
    let anchor = { logical: 0, position: 0 };
    let designatedCount = 0;
    for (const r of raw) {
      const d = /^\.\s*(\w+)\s*=\s*/.exec(r.text);
      let field: DefFieldName | null = null;
      let value = r.span;
      const position = anchor.position + (r.logical - anchor.logical);
      if (d) {
        designatedCount++;
        field = (DEF_FIELDS as readonly string[]).includes(d[1]!) ? (d[1] as DefFieldName) : null;
        value = { start: r.span.start + d[0].length, end: r.span.end };
        anchor = { logical: r.logical + 1, position: field ? DEF_FIELDS.indexOf(field) + 1 : position + 1 };
      } else {
        field = DEF_FIELDS[position] ?? null;
      }
      entries.push({ field, span: r.span, value, valueText: text.slice(value.start, value.end), designated: Boolean(d), conditional: r.conditional });
    }
    const fields: Partial<Record<DefFieldName, InitEntry>> = {};
    for (const e of entries) if (e.field && !fields[e.field]) fields[e.field] = e;
    const style = designatedCount === 0 ? 'positional' : designatedCount === entries.length ? 'designated' : 'mixed';
    const slotsText = fields.m_slots?.valueText.trim();
    const sizeText = fields.m_size?.valueText.replace(/\s+/g, '');
    const nameLiteral = /^"([^"]*)"$/.exec(fields.m_name?.valueText.trim() ?? '');
    defs.push({
      varName: m[1]!,
      declSpan: { start, end: declEnd(mask, close) },
      nameSpan: { start: nameStart, end: nameStart + m[1]!.length },
      initSpan: { start: open, end: close + 1 },
      isStatic: /\bstatic\b/.test(mask.slice(start, m.index)),
      entries,
      fields,
      style,
      hasPreprocessor,
      hasError: false,
      moduleName: nameLiteral?.[1],
      slotsName: slotsText && /^\w+$/.test(slotsText) && !isNullish(slotsText) ? slotsText : undefined,
      hasSlots: slotsText !== undefined && !isNullish(slotsText),
      mSize: sizeText && /^[-+]?\d+$/.test(sizeText) ? Number(sizeText) : undefined,
    });
  }
  return defs;
}

/** `{Py_mod_gil, X}` and its designated forms `{.slot = Py_mod_gil, .value = X}` (either order). */
function slotParts(first: string, second: string): { id: string; value: string } {
  const designated = (part: string): { key?: string; text: string } => {
    const d = /^\.\s*(slot|value)\s*=\s*([\s\S]*)$/.exec(part.trim());
    return d ? { key: d[1], text: d[2]!.trim() } : { text: part };
  };
  const a = designated(first);
  const b = designated(second);
  return a.key === 'value' || b.key === 'slot' ? { id: b.text, value: a.text } : { id: a.text, value: b.text };
}

export function isNullish(value: string): boolean {
  return /^\(?\s*(NULL|0|nullptr|\(\s*void\s*\*\s*\)\s*0)\s*\)?$/.test(value.trim());
}

export function findSlotArrays(text: string, mask: string, defines: readonly Span[] = [], pp?: PreprocessorModel): SlotArrayInfo[] {
  const arrays: SlotArrayInfo[] = [];
  for (const m of mask.matchAll(SLOTS_RE)) {
    if (insideAny(defines, m.index)) continue;
    const open = m.index + m[0].length - 1;
    const close = matchBrace(mask, open);
    if (close === -1) continue;
    const { entries, hasPreprocessor } = splitInitializer(text, mask, open, close, pp);
    const nameStart = m.index + m[0].indexOf(m[1]!, m[0].indexOf('PyModuleDef_Slot') + 16);
    const slots: SlotEntry[] = [];
    let insertAt = close;
    let opaqueEntries = 0;
    for (const e of entries) {
      const inner = /^\{\s*([^,]+?)\s*,\s*([\s\S]*?)\s*\}$/.exec(e.text);
      if (!inner) {
        // `{0}` and `{}` end the array like `{0, NULL}`.
        if (/^\{\s*(?:0|NULL)?\s*\}$/.test(e.text)) insertAt = Math.min(insertAt, e.span.start);
        else opaqueEntries++;
        continue;
      }
      const { id, value } = slotParts(inner[1]!, inner[2]!);
      if (isNullish(id)) {
        insertAt = Math.min(insertAt, e.span.start);
        continue;
      }
      slots.push({ id, value, span: e.span, conditional: e.conditional });
    }
    arrays.push({
      varName: m[1]!,
      declSpan: { start: declarationStart(mask, m.index), end: declEnd(mask, close) },
      initSpan: { start: open, end: close + 1 },
      hasPreprocessor,
      slots,
      insertAt,
      nameSpan: { start: nameStart, end: nameStart + m[1]!.length },
      opaqueEntries,
    });
  }
  return arrays;
}
