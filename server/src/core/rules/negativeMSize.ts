// negative-m-size: m_size < 0 (fatal with slots, a smell without).
import type { Finding } from '../findings';
import { conversionRefusal, makeFinding, type RuleContext } from './rule';

export function negativeMSize(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const def of ctx.model.defs) {
    const entry = def.fields.m_size;
    if (!entry || def.mSize === undefined || def.mSize >= 0) continue;
    const module = ctx.model.modules.find((m) => m.def === def);
    if (def.hasSlots) {
      findings.push(
        makeFinding('negative-m-size', entry.value, `PyModuleDef '${def.varName}' has m_slots and m_size ${def.mSize}: CPython refuses to load a multi-phase module with a negative m_size. Use 0, or the size of the module state.`, {
          severity: 'error',
          fixable: true,
          module: module?.name,
        }),
      );
    } else if (module?.phase === 'single') {
      findings.push(
        makeFinding('negative-m-size', entry.value, `PyModuleDef '${def.varName}' has m_size ${def.mSize}: the module keeps global state and cannot be re-initialised or loaded in a subinterpreter. Converting to multi-phase init sets it to 0.`, {
          fixable: conversionRefusal(ctx, module).length === 0,
          module: module.name,
        }),
      );
    }
  }
  return findings;
}
