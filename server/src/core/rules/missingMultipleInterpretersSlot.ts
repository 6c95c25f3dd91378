// missing-multiple-interpreters-slot: a multi-phase module that does not say
// whether it supports subinterpreters (the default is "supported").
import type { Finding } from '../findings';
import type { RuleContext } from './rule';
import { missingSlotFindings } from './slotPresence';

export function missingMultipleInterpretersSlot(ctx: RuleContext): Finding[] {
  return missingSlotFindings(
    ctx,
    'missing-multiple-interpreters-slot',
    'Py_mod_multiple_interpreters',
    (module, slots) =>
      `Multi-phase module '${module.name}' has no Py_mod_multiple_interpreters slot in '${slots.varName}', so CPython 3.12+ assumes it supports subinterpreters. Declare it: Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED unless the module keeps no process-wide state (under #if PY_VERSION_HEX >= 0x030C0000).`,
  );
}
