// Entry point of the conversion: single-phase module in, edits or a refusal
// out. Pure: reads the model, returns plain-offset edits, writes nothing.
import { buildModel } from '../analysis/buildModel';
import { applyEdits, type TextEdit } from '../edits';
import type { FileModel, InitFunctionInfo, ModuleInfo } from '../model';
import { parseText } from '../parser';
import { editsForLineEnds } from '../text/lineEndings';
import { createBodyContext, rewriteBody } from './body';
import { freshName } from '../analysis/names';
import { calleesReleasingModule, noteCalleeState } from './calleeState';
import { analyzeModuleState } from '../analysis/moduleState';
import { headerMacroNote, nameNotes, stateNote } from './notes';
import { decide, type ReinitPolicy } from './policy';
import { sizeByVersionNote } from './msize';
import { dropFindModuleEarlyReturn, earlyReturnNote } from './earlyReturn';
import { hasTeardown, limitedApi, onceDeclarations, onceExec, onceNames } from './replay';
import { rewriteStateLookups, stateLookupCalls } from './stateLookup';
import { layoutEdits, type OnceLayout } from './layout';
import { versionHex, type ConversionOptions } from './options';
import { findTarget, hiddenMacroReason, isLocalDef, stateLookupReason, TARGET_CHECKS } from './refusals';
import { generatedNameBase, type TargetCheck } from './target';
import { refusal, type Refusal, type RefusalCode } from './refusalCatalogue';
import { detectStyle } from './style';
import { splitDualModeHelper, splitDualModeInit } from './dualMode';
import { countParseErrors, verifyEdits } from './verify';
import { editsOnSource } from './viewEdits';
import { wholeChange } from './text';
import { expandInitMacros, expansionNotes, tidyExpanded, withDefMacro } from './macroExpansion';
import { macroRewriteNote } from './statementMacros';
import { settlePython2 } from './python2';
import { explainMacroRefusal } from './macroRefusal';
import { py3FlagNote } from '../text/py3Flag';
import type { MaskedText } from '../text/codeMask';

export type ConversionResult =
  /** `notes`: behaviour changes worth a line to the user; the edits are right regardless. */
  /** `verified` (convertModule's own, never returned): the converted text and mask the verification built. */
  | { ok: true; module: string; edits: TextEdit[]; notes?: string[]; policy?: ReinitPolicy; verified?: MaskedText }
  /**
   * `internalError`: the converter threw. Still no edit, but a bug, not
   * caution: callers log it and tests fail on it. Its reason has the code
   * `internal-error`.
   */
  | { ok: false; module: string; reasons: Refusal[]; internalError?: InternalError };

export interface InternalError {
  message: string;
  stack?: string;
}

/** The steps of a conversion a caller may replace: tests inject a failing one. */
export interface ConversionSteps {
  checks: readonly TargetCheck[];
}

export const DEFAULT_STEPS: ConversionSteps = { checks: TARGET_CHECKS };

export function convertModule(model: FileModel, module: ModuleInfo, options: ConversionOptions, steps: ConversionSteps = DEFAULT_STEPS): ConversionResult {
  if (model.loneCarriageReturns === 'mixed') {
    return { ok: false, module: module.name, reasons: [refusal('mixed-line-ends', 'some lines of the file end in a lone CR and others in LF: save it with one kind of line ending first')] };
  }
  const converted = guarded(module, () => convertAnyShape(model, module, options, steps));
  if (!converted.ok) return converted;
  const { verified, ...result } = converted;
  const onSource = editsOnSource(model, result.edits);
  if (!onSource.ok) return { ok: false, module: module.name, reasons: [onSource.reason] };
  if (onSource.notes.length) result.notes = [...(result.notes ?? []), ...onSource.notes];
  for (const [name, defined] of model.py3Flags) result.notes = [...(result.notes ?? []), py3FlagNote(name, defined)];
  result.edits = onSource.edits;
  if (module.init) settleOnSource(model, module.init, result, options.keepPython2, verified);
  // Checked on the view; the source the edits land on is checked again.
  if (model.source !== undefined && addsParseErrors(model.source.text, result.edits, model.lang)) {
    return { ok: false, module: module.name, reasons: [refusal('verify-failed', 'the converted code would not parse cleanly in the file as written (its #if lines around the init)')] };
  }
  // Computed on the text read with LFs: write the file's own lone CRs.
  return { ...result, edits: editsForLineEnds(model.loneCarriageReturns, result.edits) ?? [] };
}

/** The Python 2 code the edits touch, settled (python2.ts): the edits become one change when it moves anything. */
function settleOnSource(model: FileModel, init: InitFunctionInfo, result: { edits: TextEdit[]; notes?: string[] }, keep: boolean, verified?: MaskedText): void {
  const before = model.source?.text ?? model.text;
  const after = applyEdits(before, result.edits);
  const settled = settlePython2(after, {
    moduleName: init.moduleName,
    before,
    initText: before.slice(init.span.start, init.span.end),
    flags: model.py3Flags,
    verified,
    ...(init.helper ? { helper: { name: init.helper.name, text: before.slice(init.helper.span.start, init.helper.span.end) } } : {}),
  }, keep);
  if (settled.notes.length) result.notes = [...(result.notes ?? []), ...settled.notes];
  if (settled.text !== after) result.edits = [wholeChange(before, settled.text)];
}

function convertAnyShape(model: FileModel, module: ModuleInfo, options: ConversionOptions, steps: ConversionSteps): ConversionResult {
  const direct = guarded(module, () => convertDirect(model, module, options, steps));
  if (direct.ok || direct.internalError || !module.init || model.generator) return direct;
  const init = module.init;
  let afterExpansion: Refusal[] | undefined;
  if (direct.reasons.some((r) => MACRO_CODES.has(r.code))) {
    const expanded = guarded(module, () => convertExpanded(model, init, options, steps) ?? direct);
    if (expanded.ok || expanded.internalError) return expanded;
    if (expanded !== direct) afterExpansion = expanded.reasons;
  }
  const dual = guarded(module, () => convertDualMode(model, init, options, steps) ?? direct);
  // The dual-mode attempt only helps when it converts or fails outright.
  if (dual.ok || dual.internalError) return dual;
  return { ...direct, reasons: explainMacroRefusal(model, init, direct.reasons, afterExpansion) };
}

/** Refusals that expanding the init's macros in place may lift. */
const MACRO_CODES = new Set<RefusalCode>(['init-from-macro', 'hidden-control-flow', 'creation-in-macro', 'no-creation', 'def-not-plain', 'return-without-value', 'returns-other-object']);

/** The init with its file-local macros expanded (macroExpansion.ts), converted; one edit from the original. */
function convertExpanded(model: FileModel, init: InitFunctionInfo, options: ConversionOptions, steps: ConversionSteps): ConversionResult | undefined {
  const expansion = expandInitMacros(model, init, options.keepPython2);
  if (!expansion) return undefined;
  const result = convertIntermediate(model, init, expansion.text, options, steps, expansionNotes(expansion, init.name));
  // A kept Python 2 init is written beside a plain PyInit_x header and reads the macros' Python 2 definitions (python2.ts): all stay then.
  if (result?.ok && !options.keepPython2) Object.assign(result, tidyExpanded(model.text, result, expansion));
  return result && !result.ok ? { ...result, reasons: withDefMacro(result.reasons, expansion) } : result;
}

/** Runs a step; an exception becomes an internal error, never a plain refusal. */
function guarded(module: ModuleInfo, run: () => ConversionResult): ConversionResult {
  try {
    return run();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const stack = err instanceof Error ? err.stack : undefined;
    return {
      ok: false,
      module: module.name,
      reasons: [refusal('internal-error', `the converter failed on this code (${message}); nothing was changed`)],
      internalError: stack ? { message, stack } : { message },
    };
  }
}

/**
 * A Python 2/3 dual-mode init: split it in two functions, convert the
 * Python 3 one, and hand back one edit from the original text to the result.
 */
function convertDualMode(model: FileModel, init: InitFunctionInfo, options: ConversionOptions, steps: ConversionSteps): ConversionResult | undefined {
  const split = init.helper ? splitDualModeHelper(model.text, model.mask, init.helper, model.py3Flags, model.preprocessor) : splitDualModeInit(model.text, model.mask, init, model.py3Flags, model.preprocessor);
  return split === undefined ? undefined : convertIntermediate(model, init, split, options, steps, []);
}

/**
 * Convert `intermediate` (the file reshaped so the converter can read the
 * init: split in two, or its macros expanded) and hand back one edit from
 * the original text to the result, with `extraNotes` saying what changed.
 */
function convertIntermediate(model: FileModel, init: InitFunctionInfo, intermediate: string, options: ConversionOptions, steps: ConversionSteps, extraNotes: string[]): ConversionResult | undefined {
  const tree = parseText(intermediate, model.lang);
  const inner = buildModel(intermediate, tree, model.lang);
  try {
    const module = inner.modules.find((m) => m.init?.name === init.name && m.phase === 'single');
    if (!module) return undefined;
    const result = convertDirect(inner, module, options, steps);
    if (!result.ok) return result;
    // The intermediate text may itself be read through its target view.
    const onIntermediate = editsOnSource(inner, result.edits);
    if (!onIntermediate.ok) return { ok: false, module: module.name, reasons: [onIntermediate.reason] };
    const converted = applyEdits(inner.source?.text ?? intermediate, onIntermediate.edits);
    extraNotes.unshift(...onIntermediate.notes);
    const after = parseText(converted, model.lang);
    const worse = countParseErrors(after.rootNode) > countParseErrors(model.tree.rootNode);
    after.delete();
    if (worse) return undefined;
    const notes = [...(result.notes ?? []), ...extraNotes];
    return { ok: true, module: module.name, edits: [wholeChange(model.text, converted)], ...(notes.length ? { notes } : {}), ...(result.policy ? { policy: result.policy } : {}) };
  } finally {
    inner.dispose();
    tree.delete();
  }
}

function convertDirect(model: FileModel, module: ModuleInfo, options: ConversionOptions, steps: ConversionSteps): ConversionResult {
  const refuse = (reasons: Refusal[]): ConversionResult => ({ ok: false, module: module.name, reasons });
  const found = findTarget(model, module, steps.checks, versionHex(options.minimumPythonVersion));
  if (!found.ok) return refuse(found.reasons);
  const target = found.target;
  // A def local to the init moves to file scope: its own indentation is not the file's.
  const style = detectStyle(model.text, model.mask, target.source, model.lang, isLocalDef(target.def, target.source) ? undefined : target.def.declSpan);
  const ctx = createBodyContext(model.text, model.mask, target, style, options, model.lang);
  const early = dropFindModuleEarlyReturn(ctx, target.size.verdict === 'negative');
  if (ctx.reasons.length) return refuse(ctx.reasons);
  rewriteBody(ctx);
  if (ctx.reasons.length) return refuse(ctx.reasons);
  const released = calleesReleasingModule(ctx, model.functions);
  if (released.length) return refuse(released);
  noteCalleeState(ctx, model.functions);

  const state = analyzeModuleState(model, module);
  const decisions = decide({
    options,
    state,
    bodyState: ctx.staticState,
    negativeSize: target.size.verdict === 'negative',
    gilFromCode: ctx.gilValue,
    hasTeardown: hasTeardown(ctx),
    moduleName: module.name,
  });
  const base = generatedNameBase(target.init);
  const execName = freshName(model.mask, [`${base}_exec`, `${base}_module_exec`, `exec_${base}`]);
  const slotsName = freshName(model.mask, [`${base}_slots`, `${base}_module_slots`, `slots_${base}`]);
  const lookups = stateLookupCalls(model).filter((c) => c.startIndex !== early?.call.startIndex);
  const findsModule = lookups.some((c) => c.childForFieldName('function')?.text === 'PyState_FindModule');
  if (lookups.length && decisions.policy !== 'replay') {
    const which = lookups[0]!.childForFieldName('function')!.text.replace(/^PyState_/, '');
    const why = target.size.verdict === 'negative' ? ` (it is converted only with reinitGuard auto or replay)` : ` (it is converted only for an m_size -1 module with process-wide state, which keeps one module object)`;
    return refuse([stateLookupReason(which, why)]);
  }
  let outsideEdits: TextEdit[] = [];
  let once: OnceLayout | undefined;
  if (decisions.policy !== 'never') {
    const names = onceNames(model.mask, base, execName);
    const lookup = rewriteStateLookups(ctx, lookups, names.bodyModule);
    if (!lookup.ok) return refuse([lookup.reason]);
    const declarations = onceDeclarations(ctx, names, decisions.policy);
    outsideEdits = [...lookup.edits, ...declarations.defEdits];
    const header = `static int${/\n/.test(model.text.slice(target.source.span.start, target.source.nameSpan.start)) ? ctx.style.eol : ' '}${execName}${ctx.style.callGap}(${ctx.style.objectPointer}${ctx.paramName})`;
    once = { bodyName: names.body, exec: onceExec(ctx, names, decisions.policy, header), statics: declarations.statics, wrappers: declarations.wrappers, usedAt: lookup.usedAt };
    if (limitedApi(ctx)) decisions.differences = decisions.differences.filter((d) => !d.startsWith('Subinterpreters: when the first import happens'));
    if (limitedApi(ctx)) decisions.differences.push('Subinterpreters: under the limited API the converted module cannot tell which interpreter ran its body, so a first import inside a legacy subinterpreter leaves later imports its objects even after that subinterpreter ends.');
    if (findsModule) decisions.differences.push('PyState_FindModule: the rewrite returns the module that ran the body (the first one, from any interpreter); single-phase init returned the latest module of the current interpreter, and nothing before PyInit had returned.');
  }
  // On text the parser could not read, the tree can hand the rewrite one
  // statement twice: that is the file's damage, not a converter bug.
  if (overlapping(ctx.edits) && countParseErrors(model.tree.rootNode) > 0) return refuse([unreadableAround(target.source.name)]);
  const layout = layoutEdits({ ctx, lang: model.lang, execName, slotsName, interpreters: decisions.interpreters, gil: decisions.gil, once, functions: [...model.functions.values()] });
  if (!layout.ok) return refuse([layout.reason]);
  // A macro definition the layout also rewrites (moved with the def, say) keeps its refusal.
  const clashes = [...target.macroEdits].filter(([, list]) => list.some((m) => layout.edits.some((e) => m.start < e.end && m.end > e.start)));
  if (clashes.length) return refuse([hiddenMacroReason(target.source, clashes.map(([name]) => ({ name, why: 'is defined where the conversion rewrites code' })))]);
  // The teardown wrappers rename an m_free/m_clear/m_traverse entry the def edits may also touch (m_slots written right after it).
  const touching = outsideEdits.find((o) => layout.edits.some((e) => o.start <= e.end && o.end >= e.start));
  if (touching) return refuse([refusal('def-too-many-fields', `the def's teardown entry at offset ${touching.start} sits where m_slots is written; put m_traverse, m_clear and m_free after m_slots in the initialiser`)]);
  const edits = [...layout.edits, ...outsideEdits, ...[...target.macroEdits.values()].flat()];
  if (overlapping(edits) && countParseErrors(model.tree.rootNode) > 0) return refuse([unreadableAround(target.source.name)]);
  let verified: MaskedText | undefined;
  const expected = { moduleName: module.name, defName: target.def.varName, slotsName, execName: layout.hasExec ? execName : undefined };
  const problem = verifyEdits(model, edits, expected, (converted) => (verified = converted));
  if (problem) return refuse([problem]);
  const sizeNote = sizeByVersionNote(target.size, decisions.policy);
  const notes = [stateNote(state, ctx.staticState), ...decisions.differences, ...(sizeNote ? [sizeNote] : []), ...(early ? [earlyReturnNote(early, target.init.name)] : []), ...nameNotes(target.def.moduleName, target.init.moduleName)];
  const from = target.init.nameFrom;
  if (from) notes.push(`Init name: ${from.spelling} is kept as written, since ${from.macro} comes from outside this file; the new functions and the slot array are named independently of it.`);
  for (const name of new Set([...target.macroEdits.keys(), ...target.bodyMacroEdits.keys()])) {
    if (name !== 'Py_LIMITED_API') notes.push(macroRewriteNote(name, [...(target.macroEdits.get(name) ?? []), ...(target.bodyMacroEdits.get(name) ?? [])]));
  }
  if (target.headerMacros.length) notes.push(headerMacroNote(target.headerMacros));
  if (target.macroEdits.has('Py_LIMITED_API')) notes.push('Py_LIMITED_API: raised to 0x03050000, the first limited API with multi-phase initialization; the built module needs Python 3.5 or later.');
  return { ok: true, module: module.name, edits, notes, policy: decisions.policy, verified };
}

function unreadableAround(name: string): Refusal {
  return refusal('parse-error', `${name} sits in code the parser cannot read (unbalanced braces or a macro?), so its rewrite cannot be laid out; fix the parse errors first`);
}

function overlapping(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  return sorted.some((e, i) => i > 0 && sorted[i - 1]!.end > e.start);
}

function addsParseErrors(source: string, edits: readonly TextEdit[], lang: FileModel['lang']): boolean {
  const before = parseText(source, lang);
  const after = parseText(applyEdits(source, edits), lang);
  try {
    return countParseErrors(after.rootNode) > countParseErrors(before.rootNode);
  } finally {
    before.delete();
    after.delete();
  }
}
