// Plans the conversion of a file's single-phase modules with the converter,
// keeping each module's edits as one group and refusing any module whose
// edits would overlap another's. Shared by code actions and commands.
import { conversionOf } from '../core/convert/memo';
import { normalizeEdits } from '../core/edits';
import type { ConversionOptions } from '../core/convert/options';
import type { FileModel, ModuleInfo } from '../core/model';
import type { LineIndex } from '../core/text/lines';
import { isModuleSilenced, SILENCED_MODULE } from '../core/suppression';
import { addIfDisjoint, type EditGroup } from './workspaceEdit';
import { describeRefusal, refusal } from '../core/convert/refusalCatalogue';
import { logInternalError } from './internalErrors';

export interface ModuleRefusal {
  module: string;
  /** Each `[code]: message`, as the user reads it. */
  reasons: string[];
}

export interface FilePlan {
  groups: EditGroup[];
  converted: string[];
  refused: ModuleRefusal[];
  /** What each converted module's conversion states about behaviour (one sentence each). */
  notes: Record<string, string[]>;
}

export function conversionTitle(moduleName: string): string {
  return `Convert '${moduleName}' to multi-phase initialization (PEP 489)`;
}

/** Modules the converter should look at: single-phase ones with an init function. */
export function singlePhaseModules(model: FileModel): ModuleInfo[] {
  return model.modules.filter((module) => module.phase === 'single' && module.init !== undefined);
}

export type ModuleConversion = { ok: true; group: EditGroup; notes: string[] } | { ok: false; reasons: string[] };

/**
 * Conversions already made for a model. Editors ask for code actions at every
 * cursor move; a model lives for one document version under one set of
 * settings, so its conversions can be reused until it is replaced.
 */
const conversionsByModel = new WeakMap<FileModel, Map<ModuleInfo, ModuleConversion>>();

/** One module's conversion; a converter crash becomes a refusal, never a server crash. */
export function convertOne(model: FileModel, module: ModuleInfo, options: ConversionOptions): ModuleConversion {
  let known = conversionsByModel.get(model);
  if (!known) conversionsByModel.set(model, (known = new Map<ModuleInfo, ModuleConversion>()));
  let conversion = known.get(module);
  if (!conversion) known.set(module, (conversion = convertFresh(model, module, options)));
  return conversion;
}

function convertFresh(model: FileModel, module: ModuleInfo, options: ConversionOptions): ModuleConversion {
  try {
    const result = conversionOf(model, module, options);
    if (!result.ok && result.internalError) logInternalError(module.name, result.internalError);
    if (!result.ok) return { ok: false, reasons: result.reasons.map(describeRefusal) };
    // Checked here so a bad edit set is refused for this module alone.
    normalizeEdits(result.edits, model.text.length);
    const notes = result.notes ?? [];
    const description = [`PyInit_${module.name} returns PyModuleDef_Init; the rest moves to a Py_mod_exec function.`, ...notes].join(' ');
    return { ok: true, group: { label: conversionTitle(module.name), description, edits: result.edits }, notes };
  } catch (error) {
    const internal = { message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined };
    logInternalError(module.name, internal);
    return { ok: false, reasons: [describeRefusal(refusal('internal-error', `the converter failed: ${internal.message}`))] };
  }
}

/** Convert every single-phase module of a file that can be converted safely. */
export function planFile(model: FileModel, lines: LineIndex, options: ConversionOptions): FilePlan {
  const plan: FilePlan = { groups: [], converted: [], refused: [], notes: {} };
  for (const module of singlePhaseModules(model)) {
    if (isModuleSilenced(model.text, lines, module)) {
      plan.refused.push({ module: module.name, reasons: [describeRefusal(refusal('silenced', SILENCED_MODULE))] });
      continue;
    }
    const conversion = convertOne(model, module, options);
    if (!conversion.ok) plan.refused.push({ module: module.name, reasons: conversion.reasons });
    else if (!addIfDisjoint(plan.groups, conversion.group, model.text.length)) {
      plan.refused.push({ module: module.name, reasons: [describeRefusal(refusal('edit-overlap', "its edits overlap another module's conversion in this file; convert that one first"))] });
    } else {
      plan.converted.push(module.name);
      plan.notes[module.name] = conversion.notes;
    }
  }
  return plan;
}
