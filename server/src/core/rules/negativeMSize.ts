// negative-m-size: m_size < 0 (fatal with slots, a smell without).
import type { Finding, FindingFix } from '../findings';
import { editFix } from './editFix';
import { conversionFix, makeFinding, type Rule, type RuleContext } from './rule';

export const negativeMSize: Rule = { check, fix };

function check(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const def of ctx.model.defs) {
    const entry = def.fields.m_size;
    if (!entry || def.mSize === undefined || def.mSize >= 0) continue;
    const module = ctx.model.modules.find((m) => m.def === def);
    if (def.hasSlots) {
      findings.push(
        makeFinding('negative-m-size', entry.value, `PyModuleDef '${def.varName}' has m_slots and m_size ${def.mSize}: CPython refuses to load a multi-phase module with a negative m_size. Use 0, or the size of the module state.`, {
          severity: 'error',
          module: module?.name,
        }),
      );
    } else if (module?.phase === 'single') {
      findings.push(
        makeFinding('negative-m-size', entry.value, `PyModuleDef '${def.varName}' has m_size ${def.mSize}: the module keeps global state and cannot be re-initialised or loaded in a subinterpreter. Converting to multi-phase init sets it to 0.`, {
          module: module.name,
        }),
      );
    }
  }
  return findings;
}

/** With slots, m_size becomes 0; without, the module is single-phase and its fix is the conversion (which sets m_size too). */
function fix(ctx: RuleContext, finding: Finding): FindingFix | undefined {
  const def = ctx.model.defs.find((d) => d.fields.m_size && d.fields.m_size.value.start <= finding.span.start && finding.span.end <= d.fields.m_size.value.end);
  if (!def) return undefined;
  if (def.hasSlots) return editFix(ctx.model, `Set m_size of ${def.varName} to 0`, [{ start: def.fields.m_size!.value.start, end: def.fields.m_size!.value.end, newText: '0' }]);
  const module = ctx.model.modules.find((m) => m.def === def);
  return module?.phase === 'single' ? conversionFix(ctx, module) : undefined;
}
