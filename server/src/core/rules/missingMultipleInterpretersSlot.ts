// missing-multiple-interpreters-slot: a multi-phase module that does not say
// whether it supports subinterpreters (the default is "supported").
import type { InterpretersOption } from '../convert/options';
import { INTERPRETERS } from '../convert/policy';
import type { Rule } from './rule';
import { addSlotFix, missingSlotFindings } from './slotPresence';

/** What the fix writes for each setting. */
const FIX_VALUES: Record<InterpretersOption, string> = {
  // A fix on an already multi-phase module does not weigh its state: promise the least.
  auto: INTERPRETERS.not_supported,
  not_supported: INTERPRETERS.not_supported,
  supported: INTERPRETERS.supported,
  per_interpreter_gil: INTERPRETERS.per_interpreter_gil,
  omit: INTERPRETERS.not_supported,
};

export const missingMultipleInterpretersSlot: Rule = {
  check: (ctx) =>
    missingSlotFindings(
      ctx,
      'missing-multiple-interpreters-slot',
      'Py_mod_multiple_interpreters',
      (module, slots) =>
        `Multi-phase module '${module.name}' has no Py_mod_multiple_interpreters slot in '${slots.varName}', so CPython 3.12+ assumes it supports subinterpreters. Declare it: Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED unless the module keeps no process-wide state (under #ifdef Py_mod_multiple_interpreters).`,
    ),
  fix: (ctx, finding) => addSlotFix(ctx, finding, 'Py_mod_multiple_interpreters', FIX_VALUES[ctx.options.multipleInterpreters]),
};
