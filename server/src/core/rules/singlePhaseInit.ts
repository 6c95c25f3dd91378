// single-phase-init: PyInit_x creates the module itself.
import { analyzeModuleState } from '../analysis/moduleState';
import type { Finding, FindingFix } from '../findings';
import type { CreationCall, InitFunctionInfo, ModuleInfo } from '../model';
import { describeRefusals, refusal as makeRefusal } from '../convert/refusalCatalogue';
import { conversionFix, conversionRefusal, defRelated, makeFinding, type Rule, type RuleContext } from './rule';

export const singlePhaseInit: Rule = { check, fix };

function check(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const module of ctx.model.modules) {
    const init = module.init;
    if (module.phase !== 'single' || !init) continue;
    const py2 = init.creations.filter((c) => c.python2);
    const refusal = conversionRefusal(ctx, module);
    const own = ownCreation(module);
    for (const creation of own ? [own] : []) {
      const base = `Module '${module.name}' uses single-phase initialization: ${init.name}${through(init, creation)} builds it ${creation.viaClass ? `through an object of the C++ class ${creation.viaClass}` : `with ${creation.kind}`}${creation.viaMacro ? ` (inside macro ${creation.viaMacro})` : ''}. Convert it to multi-phase initialization (PEP 489) so it can declare free-threading and subinterpreter support.`;
      findings.push(
        makeFinding('single-phase-init', creation.span, refusal.length ? `${base} Not converted automatically: ${describeRefusals(refusal)}.` : base, {
          related: defRelated(module),
          module: module.name,
          refusal: refusal.length ? refusal : undefined,
          state: ctx.moduleState === false ? undefined : analyzeModuleState(ctx.model, module),
        }),
      );
    }
    for (const creation of py2) {
      const creator = creation.viaMacro ?? creation.call.childForFieldName('function')?.text ?? 'Py_InitModule';
      findings.push(
        makeFinding(
          'single-phase-init',
          creation.span,
          `Module '${module.name}' has a Python 2 branch that creates it with ${creator}; Python 2 has no multi-phase initialization, so this branch is not converted automatically.`,
          { related: defRelated(module), module: module.name, refusal: [makeRefusal('python2-only', PYTHON2_BRANCH, creation.span)] },
        ),
      );
    }
  }
  return findings;
}

const PYTHON2_BRANCH = 'Python 2 Py_InitModule branch';

/** The conversion of the finding's module; a Python 2 branch has none. */
function fix(ctx: RuleContext, finding: Finding): FindingFix | undefined {
  if (finding.refusal?.some((r) => r.code === 'python2-only')) return undefined;
  const module = ctx.model.modules.find((m) => m.name === finding.module && m.phase === 'single' && m.init);
  return module ? conversionFix(ctx, module) : undefined;
}

/** The creation of the module itself, not of a sub-module the init also builds (Python 3 branch). */
export function ownCreation(module: ModuleInfo): CreationCall | undefined {
  const py3 = module.init?.creations.filter((c) => !c.python2) ?? [];
  return py3.find((c) => module.def && c.defName === module.def.varName) ?? py3[0];
}

function through(init: InitFunctionInfo, creation: CreationCall): string {
  return init.helper && creation.inFunction === init.helper.name ? ` (through ${init.helper.name}())` : '';
}
