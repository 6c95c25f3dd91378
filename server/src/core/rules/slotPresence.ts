// Shared by missing-gil-slot and missing-multiple-interpreters-slot: each
// multi-phase slot array once, and whether it declares a given slot.
import type { Finding, RuleCode } from '../findings';
import type { ModuleInfo, SlotArrayInfo } from '../model';
import { makeFinding, type RuleContext } from './rule';

export function missingSlotFindings(
  ctx: RuleContext,
  code: RuleCode,
  slotId: string,
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
    // The span is the array's name; `slots.insertAt` is where a quick fix adds the entry.
    findings.push(makeFinding(code, slots.nameSpan, message(module, slots), { fixable: true, module: module.name }));
  }
  return findings;
}
