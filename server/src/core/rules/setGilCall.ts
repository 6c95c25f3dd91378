// set-gil-call: PyUnstable_Module_SetGIL is the single-phase way to declare
// GIL use; multi-phase modules declare it with the Py_mod_gil slot.
import { textCalls } from '../analysis/textCalls';
import type { Finding, FindingFix } from '../findings';
import { enclosingFunction } from './context';
import { conversionFix, makeFinding, type Rule, type RuleContext } from './rule';

export const setGilCall: Rule = { check, fix };

function check(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const call of textCalls(ctx.model.mask, ['PyUnstable_Module_SetGIL'])) {
    const where = enclosingFunction(ctx.model, call.span.start);
    let message: string;
    if (where.kind === 'exec') {
      message = `PyUnstable_Module_SetGIL in Py_mod_exec function '${where.fn.name}': in a multi-phase module the Py_mod_gil slot is the supported way to declare GIL use. Declare {Py_mod_gil, ...} in the slot array and drop the call.`;
    } else if (where.kind === 'init' && where.module.phase === 'single') {
      message = `PyUnstable_Module_SetGIL in single-phase module '${where.module.name}': converting the module to multi-phase init turns this call into a {Py_mod_gil, ...} slot.`;
    } else {
      message = 'PyUnstable_Module_SetGIL is the single-phase way to declare GIL use on free-threaded builds; a multi-phase module declares it with the Py_mod_gil slot.';
    }
    findings.push(makeFinding('set-gil-call', call.span, message, { module: 'module' in where ? where.module.name : undefined }));
  }
  return findings;
}

/** In a single-phase init the conversion turns the call into the Py_mod_gil slot. */
function fix(ctx: RuleContext, finding: Finding): FindingFix | undefined {
  const where = enclosingFunction(ctx.model, finding.span.start);
  return where.kind === 'init' && where.module.phase === 'single' ? conversionFix(ctx, where.module) : undefined;
}
