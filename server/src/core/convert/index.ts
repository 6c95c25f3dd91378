// Entry point of the conversion: single-phase module in, edits or a refusal
// out. Pure: reads the model, returns plain-offset edits, writes nothing.
import type { TextEdit } from '../edits';
import type { FileModel, ModuleInfo } from '../model';
import { createBodyContext, rewriteBody } from './body';
import { freshName } from './bodyContext';
import { calleesReleasingModule, noteCalleeState } from './calleeState';
import { guardEdit, wantsGuard } from './guard';
import { layoutEdits } from './layout';
import type { ConversionOptions } from './options';
import { findTarget } from './refusals';
import { detectStyle } from './style';
import { verifyEdits } from './verify';

export type ConversionResult =
  | { ok: true; module: string; edits: TextEdit[] }
  | { ok: false; module: string; reasons: string[] };

export function convertModule(model: FileModel, module: ModuleInfo, options: ConversionOptions): ConversionResult {
  const refuse = (reasons: string[]): ConversionResult => ({ ok: false, module: module.name, reasons });
  try {
    const found = findTarget(model, module);
    if (!found.ok) return refuse(found.reasons);
    const target = found.target;
    const style = detectStyle(model.text, target.source, model.lang);
    const ctx = createBodyContext(model.text, model.mask, target, style, options);
    if (ctx.reasons.length) return refuse(ctx.reasons);
    rewriteBody(ctx);
    if (ctx.reasons.length) return refuse(ctx.reasons);
    const released = calleesReleasingModule(ctx, model.functions);
    if (released.length) return refuse(released);
    noteCalleeState(ctx, model.functions);
    if (wantsGuard(options.reinitGuard, ctx)) ctx.edits.push(guardEdit(ctx));

    const base = target.init.moduleName;
    const execName = freshName(model.mask, [`${base}_exec`, `${base}_module_exec`, `exec_${base}`]);
    const slotsName = freshName(model.mask, [`${base}_slots`, `${base}_module_slots`, `slots_${base}`]);
    const layout = layoutEdits({ ctx, lang: model.lang, options, execName, slotsName });
    if (!layout.ok) return refuse([layout.reason]);
    const problem = verifyEdits(model, layout.edits, {
      moduleName: module.name,
      defName: target.def.varName,
      slotsName,
      execName: layout.hasExec ? execName : undefined,
    });
    if (problem) return refuse([problem]);
    return { ok: true, module: module.name, edits: layout.edits };
  } catch (err) {
    // A shape the converter did not foresee: refuse rather than guess.
    return refuse([`the converter could not handle this code (${err instanceof Error ? err.message : String(err)})`]);
  }
}
