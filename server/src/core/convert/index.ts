// Entry point of the conversion: single-phase module in, edits or a refusal
// out. (Filled in by the conversion work; the shape is what callers rely on.)
import type { TextEdit } from '../edits';
import type { FileModel, ModuleInfo } from '../model';
import type { ConversionOptions } from './options';

export type ConversionResult =
  | { ok: true; module: string; edits: TextEdit[] }
  | { ok: false; module: string; reasons: string[] };

export function convertModule(model: FileModel, module: ModuleInfo, _options: ConversionOptions): ConversionResult {
  void model;
  return { ok: false, module: module.name, reasons: ['automatic conversion is not available yet'] };
}
