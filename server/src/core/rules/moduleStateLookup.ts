// module-state-lookup: PyState_FindModule/AddModule/RemoveModule. They fail
// with a multi-phase def, and block converting a single-phase module.
import { defNameOfArgument, textCalls } from '../analysis/textCalls';
import type { Finding } from '../findings';
import { armsAt } from '../text/preprocessorModel';
import { moduleOfDef } from './context';
import { makeFinding, type Rule, type RuleContext } from './rule';

const LOOKUPS = ['PyState_FindModule', 'PyState_AddModule', 'PyState_RemoveModule'];

export const moduleStateLookup: Rule = { check };

function check(ctx: RuleContext): Finding[] {
  const { model } = ctx;
  const findings: Finding[] = [];
  // Includes `#define` bodies: `#define GETSTATE() PyState_FindModule(&def)` is the usual spelling.
  for (const call of textCalls(model.mask, LOOKUPS)) {
    // PyState_AddModule(module, &def) takes the def second; the others take it first.
    const defArg = call.args[call.name === 'PyState_AddModule' ? 1 : 0];
    const defName = defArg ? defNameOfArgument(model.text.slice(defArg.start, defArg.end)) : undefined;
    const def = model.defs.find((d) => d.varName === defName);
    const module = moduleOfDef(model, def);
    // A dual-mode module sets m_slots only under `#if`, and keeps the lookup
    // for its single-phase build in an `#if` arm of its own: valid there.
    if (def?.fields.m_slots?.conditional && armsAt(model.preprocessor, call.span.start).length > armsAt(model.preprocessor, def.declSpan.start).length) continue;
    if (def?.hasSlots) {
      findings.push(
        makeFinding('module-state-lookup', call.span, `${call.name} with the multi-phase PyModuleDef '${def.varName}' fails: one multi-phase def can make many modules, so there is no single module to look up (${call.name === 'PyState_FindModule' ? 'it returns NULL' : 'it raises SystemError'}). Reach the module state through the module object: PyModule_GetState(module), PyType_GetModuleByDef(type, &def).`, {
          severity: 'error',
          related: [{ span: def.nameSpan, message: `PyModuleDef '${def.varName}' has m_slots` }],
          module: module?.name ?? def.varName,
        }),
      );
    } else {
      const owner = module ? `single-phase module '${module.name}'` : defName ? `PyModuleDef '${defName}'` : 'the module';
      findings.push(
        makeFinding('module-state-lookup', call.span, `${call.name} works only while ${owner} uses single-phase initialization; after conversion to multi-phase init it fails. It blocks automatic conversion, except for an m_size -1 module with process-wide state, whose conversion keeps the module that ran the body and reads it instead: pass the module object (or use PyType_GetModuleByDef) to reach module state.`, {
          related: def ? [{ span: def.nameSpan, message: `PyModuleDef '${def.varName}'` }] : [],
          module: module?.name,
        }),
      );
    }
  }
  return findings;
}
