// Analysis for documents being typed in. The rules ask the converter whether
// each single-phase module would be refused (the answer goes into the
// message); a conversion re-parses and re-analyses the whole file to verify
// itself, which costs far more than a keystroke can. So while the user types,
// the verdicts come from the last exact analysis of the same module (by name),
// and an exact analysis follows once typing pauses. Everything else — which
// modules exist, every finding and its range — is always computed afresh.
// The first analysis of a document just opened has nothing remembered: it
// may take every module as convertible for now, so the file's findings show
// at once and the converter's verdict follows with the exact analysis.
import type { Tree } from 'web-tree-sitter';
import { buildModel } from '../core/analysis/buildModel';
import type { FunctionMemo } from '../core/analysis/functionMemo';
import { conversionOf } from '../core/convert/memo';
import type { ConversionOptions } from '../core/convert/options';
import type { Finding } from '../core/findings';
import type { LanguageId } from '../core/grammars';
import type { FileModel, ModuleInfo } from '../core/model';
import { runRules } from '../core/analyze';
import type { Refusal } from '../core/convert/refusalCatalogue';
import { logInternalError } from './internalErrors';

/** Verdicts from the converter by module name; empty reasons = convertible. */
export type VerdictCache = Map<string, Refusal[]>;

export interface LiveAnalysis {
  model: FileModel;
  findings: Finding[];
  /** Every verdict came from the converter for this very text. */
  exact: boolean;
}

/** The converter's verdict on one module: why it would refuse, or nothing. */
export function verdictOf(model: FileModel, module: ModuleInfo, options: ConversionOptions): Refusal[] {
  // Kept with the model: a code action on this analysis reuses the conversion.
  const result = conversionOf(model, module, options);
  if (!result.ok && result.internalError) logInternalError(module.name, result.internalError);
  return result.ok ? [] : result.reasons;
}

export interface LiveOptions {
  /** The remembered verdicts were asked for this very text. */
  rememberedAreExact?: boolean;
  /** A module with no remembered verdict counts as convertible until the exact analysis (instead of asking the converter now). */
  unknownAsConvertible?: boolean;
  /** What the document's earlier analyses learnt about its functions. */
  functions?: FunctionMemo;
  /** The model already built for this very text (its conversions are kept with it). */
  model?: FileModel;
}

/**
 * core's runRules over a fresh model; `remembered`
 * supplies verdicts when given (modules it does not know are asked for), and
 * `verdicts` records every verdict used.
 */
export function analyzeLive(
  text: string,
  tree: Tree,
  lang: LanguageId,
  options: ConversionOptions,
  remembered: VerdictCache | null,
  verdicts: VerdictCache,
  how: LiveOptions = {},
): LiveAnalysis {
  const { rememberedAreExact = false, unknownAsConvertible = false } = how;
  const model = how.model ?? buildModel(text, tree, lang, how.functions);
  let exact = true;
  const asked = new Map<ModuleInfo, Refusal[]>();
  const refusalFor = (module: ModuleInfo): Refusal[] => {
    const known = asked.get(module);
    if (known) return known;
    let reasons = remembered?.get(module.name);
    if (reasons && !rememberedAreExact) exact = false;
    else if (!reasons && unknownAsConvertible) {
      reasons = [];
      exact = false;
    } else reasons = verdictOf(model, module, options);
    asked.set(module, reasons);
    verdicts.set(module.name, reasons);
    return reasons;
  };
  // No module state on findings while typing: hover computes it when asked.
  return { model, findings: runRules(model, refusalFor, options, false), exact };
}
