// The converter runs once per model, module and options: the rules ask it
// for its verdict, and code actions and commands want its edits for the same
// model. A model lives for one text, so its results are kept with it.
import type { FileModel, ModuleInfo } from '../model';
import { convertModule, type ConversionResult } from './index';
import type { ConversionOptions } from './options';

interface ModelConversions {
  options: ConversionOptions;
  results: Map<ModuleInfo, ConversionResult>;
}

const byModel = new WeakMap<FileModel, ModelConversions>();

function sameOptions(a: ConversionOptions, b: ConversionOptions): boolean {
  const keys = Object.keys(a) as (keyof ConversionOptions)[];
  return a === b || (keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]));
}

/** `convertModule`, remembered for this model; a converter that throws is not remembered. */
export function conversionOf(model: FileModel, module: ModuleInfo, options: ConversionOptions): ConversionResult {
  let known = byModel.get(model);
  if (!known || !sameOptions(known.options, options)) byModel.set(model, (known = { options, results: new Map() }));
  let result = known.results.get(module);
  if (!result) known.results.set(module, (result = convertModule(model, module, options)));
  return result;
}
