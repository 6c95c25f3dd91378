// gil-used-slot: a multi-phase module declares Py_MOD_GIL_USED. Conversions
// write it by default (it is what free-threaded builds assumed before), so
// this information finding is where the user learns the next step: audit,
// then declare Py_MOD_GIL_NOT_USED, which its fix writes.
import type { Finding, FindingFix } from '../findings';
import { editFix } from './editFix';
import { makeFinding, type Rule, type RuleContext } from './rule';

export const gilUsedSlot: Rule = { check, fix };

function check(ctx: RuleContext): Finding[] {
  // Two defs may share one slot array: one finding per slot, naming every module.
  const bySlot = new Map<number, { span: Finding['span']; names: string[] }>();
  for (const module of ctx.model.modules) {
    if (module.phase !== 'multi' || !module.slots) continue;
    for (const slot of module.slots.slots) {
      if (slot.id !== 'Py_mod_gil' || slot.value.trim() !== 'Py_MOD_GIL_USED') continue;
      const seen = bySlot.get(slot.span.start);
      if (seen) seen.names.push(module.name);
      else bySlot.set(slot.span.start, { span: slot.span, names: [module.name] });
    }
  }
  return [...bySlot.values()].map(({ span, names }) =>
    makeFinding(
      'gil-used-slot',
      span,
      `${names.length === 1 ? 'Module' : 'Modules'} ${names.map((n) => `'${n}'`).join(' and ')} ${names.length === 1 ? 'declares' : 'declare'} Py_MOD_GIL_USED: importing ${names.length === 1 ? 'it' : 'one'} on a free-threaded CPython 3.13+ re-enables the GIL for the whole process. Once the module is audited for thread safety (https://docs.python.org/3/howto/free-threading-extensions.html), declare Py_MOD_GIL_NOT_USED.`,
      { module: names[0]! },
    ),
  );
}

/** The value becomes Py_MOD_GIL_NOT_USED: the title says it is for after an audit. */
function fix(ctx: RuleContext, finding: Finding): FindingFix | undefined {
  const at = ctx.model.text.lastIndexOf('Py_MOD_GIL_USED', finding.span.end);
  if (at < finding.span.start) return undefined;
  const fixed = editFix(ctx.model, 'Declare Py_MOD_GIL_NOT_USED (only once the module is audited for free-threading)', [{ start: at, end: at + 'Py_MOD_GIL_USED'.length, newText: 'Py_MOD_GIL_NOT_USED' }]);
  return fixed?.kind === 'edits' ? { ...fixed, onlyOnRequest: true } : fixed;
}
