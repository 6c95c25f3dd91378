// What every rule module is: a pure check from the file model to findings,
// and the fix for those findings (edits as plain offsets, or the conversion
// of their module). Whether a finding is fixable follows from its fix.
import type { ConversionOptions } from '../convert/options';
import type { Finding, FindingFix, RelatedInfo, RuleCode } from '../findings';
import type { FileModel, ModuleInfo, Span } from '../model';
import { CATALOGUE } from './catalogue';
import { addRefusal, type Refusal } from '../convert/refusalCatalogue';

export interface RuleContext {
  model: FileModel;
  /** What fixes write (slot values, version guards), as for a conversion. */
  options: ConversionOptions;
  /** Why converting `module` would be refused; empty when it is safe. */
  refusalFor(module: ModuleInfo): Refusal[];
  /**
   * Attach each single-phase module's process-wide state to its finding
   * (check --format json reports it). False while the user types: diagnostics
   * never show it, it walks every function of the file, and hover asks for it
   * itself.
   */
  moduleState?: boolean;
}

export interface Rule {
  check(ctx: RuleContext): Finding[];
  /** The fix for one of this rule's findings; undefined when the code is too unusual to edit safely. */
  fix?(ctx: RuleContext, finding: Finding): FindingFix | undefined;
}

/** A fix exists, and is not a conversion the converter refuses. */
export function isFixable(fix: FindingFix | undefined): boolean {
  return fix !== undefined && !(fix.kind === 'conversion' && fix.refused);
}

/** The fix that converts `module`, with the reasons it is refused, if it is. */
export function conversionFix(ctx: RuleContext, module: ModuleInfo): FindingFix {
  const refused = conversionRefusal(ctx, module);
  return refused.length ? { kind: 'conversion', module: module.name, refused } : { kind: 'conversion', module: module.name };
}

export function makeFinding(
  code: RuleCode,
  span: Span,
  message: string,
  extra: { related?: RelatedInfo[]; module?: string; severity?: Finding['severity']; refusal?: Refusal[]; state?: Finding['state'] } = {},
): Finding {
  return {
    code,
    severity: extra.severity ?? CATALOGUE[code].defaultSeverity,
    message,
    span,
    related: extra.related ?? [],
    // Set with the fix, once the rule's fix has looked at the finding.
    fixable: false,
    module: extra.module,
    refusal: extra.refusal,
    ...(extra.state ? { state: extra.state } : {}),
  };
}

export function defRelated(module: ModuleInfo): RelatedInfo[] {
  return module.def ? [{ span: module.def.nameSpan, message: `PyModuleDef '${module.def.varName}'` }] : [];
}

/**
 * Why `module` will not be converted automatically: the converter's reasons,
 * after why the analysis could not read the init (a macro-built one).
 */
export function conversionRefusal(ctx: RuleContext, module: ModuleInfo): Refusal[] {
  const verdict = ctx.refusalFor(module);
  // A macro-built init the converter reads by expanding its macros converts like any other.
  if (verdict.length === 0) return [];
  const init = module.init;
  const refusal = init?.opaque && init.opaqueRefusal ? [init.opaqueRefusal] : [];
  for (const reason of verdict) addRefusal(refusal, reason);
  return refusal;
}
