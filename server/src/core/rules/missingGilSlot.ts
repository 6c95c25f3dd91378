// missing-gil-slot: a multi-phase module that does not say whether it needs the GIL.
import type { GilOption } from '../convert/options';
import { GIL } from '../convert/policy';
import type { Rule } from './rule';
import { addSlotFix, missingSlotFindings } from './slotPresence';

/** What the fix writes for each setting. */
const FIX_VALUES: Record<GilOption, string> = {
  // Adding the slot to a module that has none keeps what free-threaded builds already assume.
  preserve: GIL.used,
  not_used: GIL.not_used,
  used: GIL.used,
  // The user asked conversions not to write the slot; a fix they pick explicitly still needs a value.
  omit: GIL.not_used,
};

export const missingGilSlot: Rule = {
  check: (ctx) =>
    missingSlotFindings(
      ctx,
      'missing-gil-slot',
      'Py_mod_gil',
      (module, slots) =>
        `Multi-phase module '${module.name}' has no Py_mod_gil slot in '${slots.varName}': importing it on a free-threaded CPython 3.13+ re-enables the GIL for the whole process. Add {Py_mod_gil, Py_MOD_GIL_NOT_USED} (under #ifdef Py_mod_gil) once the module is thread-safe, or Py_MOD_GIL_USED to say it is not.`,
    ),
  fix: (ctx, finding) => addSlotFix(ctx, finding, 'Py_mod_gil', FIX_VALUES[ctx.options.gil]),
};
