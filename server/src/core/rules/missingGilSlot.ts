// missing-gil-slot: a multi-phase module that does not say whether it needs the GIL.
import type { Finding } from '../findings';
import type { RuleContext } from './rule';
import { missingSlotFindings } from './slotPresence';

export function missingGilSlot(ctx: RuleContext): Finding[] {
  return missingSlotFindings(
    ctx,
    'missing-gil-slot',
    'Py_mod_gil',
    (module, slots) =>
      `Multi-phase module '${module.name}' has no Py_mod_gil slot in '${slots.varName}': importing it on a free-threaded CPython 3.13+ re-enables the GIL for the whole process. Add {Py_mod_gil, Py_MOD_GIL_NOT_USED} (under #if PY_VERSION_HEX >= 0x030D0000) once the module is thread-safe, or Py_MOD_GIL_USED to say it is not.`,
  );
}
