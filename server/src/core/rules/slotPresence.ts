// Shared by missing-gil-slot and missing-multiple-interpreters-slot: each
// multi-phase slot array once, whether it declares a given slot, and the fix
// that adds it (written, guarded and line-ended as the conversion writes it).
import { guardedSlotLines, slotEntry, type VersionedSlot } from '../convert/slots';
import { lineEnding } from '../convert/style';
import { lineStartOf } from '../convert/text';
import type { TextEdit } from '../edits';
import type { Finding, FindingFix, RuleCode } from '../findings';
import type { FileModel, ModuleInfo, SlotArrayInfo } from '../model';
import { editFix, moduleOfFinding } from './editFix';
import { makeFinding, type RuleContext } from './rule';

export function missingSlotFindings(
  ctx: RuleContext,
  code: RuleCode,
  slotId: VersionedSlot,
  message: (module: ModuleInfo, slots: SlotArrayInfo) => string,
): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<SlotArrayInfo>();
  for (const module of ctx.model.modules) {
    const slots = module.slots;
    if (module.phase !== 'multi' || !slots || seen.has(slots)) continue;
    seen.add(slots);
    // An entry we cannot read (a macro) may well be the slot: stay quiet.
    if (slots.opaqueEntries > 0 || slots.slots.some((s) => s.id === slotId)) continue;
    // The span is the array's name; `slots.insertAt` is where the fix adds the entry.
    findings.push(makeFinding(code, slots.nameSpan, message(module, slots), { module: module.name }));
  }
  return findings;
}

/** The fix adding `{slotId, value}` to the finding's slot array, before its terminator. */
export function addSlotFix(ctx: RuleContext, finding: Finding, slotId: VersionedSlot, value: string): FindingFix | undefined {
  const slots = moduleOfFinding(ctx.model, finding)?.slots;
  if (!slots) return undefined;
  const entry = slotEntry(slotId, value, entryPad(ctx.model, slots));
  return editFix(ctx.model, `Add ${entry} to ${slots.varName}`, [slotInsertion(ctx, slots, entry, slotId)]);
}

/** `{ a, b }` when the array's own entries are written so. */
function entryPad(model: FileModel, slots: SlotArrayInfo): '' | ' ' {
  return /^\{[^{]*\{[ \t]/.test(model.mask.slice(slots.initSpan.start, slots.initSpan.end)) ? ' ' : '';
}

function slotInsertion(ctx: RuleContext, slots: SlotArrayInfo, entry: string, slotId: VersionedSlot): TextEdit {
  const { text } = ctx.model;
  const eol = lineEnding(text);
  const lineStart = lineStartOf(text, slots.insertAt);
  const before = text.slice(lineStart, slots.insertAt);
  if (/^[ \t]*$/.test(before)) {
    // The terminator starts its line: insert whole lines above it, same indentation.
    const lines = guardedSlotLines(slotId, [`${before}${entry},`]);
    return { start: lineStart, end: lineStart, newText: lines.map((line) => line + eol).join('') };
  }
  const lines = guardedSlotLines(slotId, [`    ${entry},`]);
  // `{..}, {0, NULL}` on one line: the guard needs lines of its own, which take
  // the place of the blanks before the terminator (so no line is left ending in one).
  const gap = /[ \t]*$/.exec(text.slice(lineStart, slots.insertAt))![0].length;
  return { start: slots.insertAt - gap, end: slots.insertAt, newText: `${eol}${lines.join(eol)}${eol}    ` };
}
