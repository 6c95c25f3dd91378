// What every rule module is: a pure function from the file model to findings.
import type { Finding, RelatedInfo, RuleCode } from '../findings';
import type { FileModel, ModuleInfo, Span } from '../model';
import { CATALOGUE } from './catalogue';

export interface RuleContext {
  model: FileModel;
  /** Why converting `module` would be refused; empty when it is safe. */
  refusalFor(module: ModuleInfo): string[];
  /**
   * Attach each single-phase module's process-wide state to its finding
   * (check --format json reports it). False while the user types: diagnostics
   * never show it, it walks every function of the file, and hover asks for it
   * itself.
   */
  moduleState?: boolean;
}

export type Rule = (ctx: RuleContext) => Finding[];

export function makeFinding(
  code: RuleCode,
  span: Span,
  message: string,
  extra: { related?: RelatedInfo[]; fixable?: boolean; module?: string; severity?: Finding['severity']; refusal?: string[]; state?: Finding['state'] } = {},
): Finding {
  return {
    code,
    severity: extra.severity ?? CATALOGUE[code].defaultSeverity,
    message,
    span,
    related: extra.related ?? [],
    fixable: extra.fixable ?? false,
    module: extra.module,
    refusal: extra.refusal,
    ...(extra.state ? { state: extra.state } : {}),
  };
}

export function defRelated(module: ModuleInfo): RelatedInfo[] {
  return module.def ? [{ span: module.def.nameSpan, message: `PyModuleDef '${module.def.varName}'` }] : [];
}

/**
 * Why `module` will not be converted automatically: a macro-built init is
 * never rewritten whatever the converter says (the text to change is shared
 * macro text), then the converter's own reasons.
 */
export function conversionRefusal(ctx: RuleContext, module: ModuleInfo): string[] {
  const init = module.init;
  const refusal = init?.opaque && init.opaqueReason ? [init.opaqueReason] : [];
  for (const reason of ctx.refusalFor(module)) if (!refusal.includes(reason)) refusal.push(reason);
  return refusal;
}
