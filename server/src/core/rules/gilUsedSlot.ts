// gil-used-slot: a multi-phase module declares Py_MOD_GIL_USED. Conversions
// write it by default (it is what free-threaded builds assumed before), so
// this information finding is where the user learns the next step: audit,
// then declare Py_MOD_GIL_NOT_USED.
import type { Finding } from '../findings';
import { makeFinding, type RuleContext } from './rule';

export function gilUsedSlot(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const module of ctx.model.modules) {
    if (module.phase !== 'multi' || !module.slots) continue;
    for (const slot of module.slots.slots) {
      if (slot.id !== 'Py_mod_gil' || slot.value.trim() !== 'Py_MOD_GIL_USED') continue;
      findings.push(
        makeFinding(
          'gil-used-slot',
          slot.span,
          `Module '${module.name}' declares Py_MOD_GIL_USED: importing it on a free-threaded CPython 3.13+ re-enables the GIL for the whole process. Once the module is audited for thread safety (https://docs.python.org/3/howto/free-threading-extensions.html), declare Py_MOD_GIL_NOT_USED.`,
          { module: module.name, fixable: true },
        ),
      );
    }
  }
  return findings;
}
