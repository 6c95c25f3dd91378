// gil-used-slot: a multi-phase module declares Py_MOD_GIL_USED. Conversions
// write it by default (it is what free-threaded builds assumed before), so
// this information finding is where the user learns the next step: audit,
// then declare Py_MOD_GIL_NOT_USED, which its fix writes.
import type { Finding, FindingFix } from '../findings';
import { editFix } from './editFix';
import { makeFinding, type Rule, type RuleContext } from './rule';

export const gilUsedSlot: Rule = { check, fix };

function check(ctx: RuleContext): Finding[] {
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
          { module: module.name },
        ),
      );
    }
  }
  return findings;
}

/** The value becomes Py_MOD_GIL_NOT_USED: the title says it is for after an audit. */
function fix(ctx: RuleContext, finding: Finding): FindingFix | undefined {
  const at = ctx.model.text.lastIndexOf('Py_MOD_GIL_USED', finding.span.end);
  if (at < finding.span.start) return undefined;
  const fixed = editFix(ctx.model, 'Declare Py_MOD_GIL_NOT_USED (only once the module is audited for free-threading)', [{ start: at, end: at + 'Py_MOD_GIL_USED'.length, newText: 'Py_MOD_GIL_NOT_USED' }]);
  return fixed?.kind === 'edits' ? { ...fixed, onlyOnRequest: true } : fixed;
}
