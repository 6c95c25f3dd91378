// Builds the FileModel: which modules a file defines, how each is created,
// and which def, slot array and exec functions belong to it.
import type { Tree } from 'web-tree-sitter';
import type { LanguageId } from '../grammars';
import type { CreationCall, FileModel, FunctionInfo, InitFunctionInfo, ModuleInfo } from '../model';
import { codeMask } from '../text/codeMask';
import { loneCarriageReturns, withLineFeeds } from '../text/lineEndings';
import { addressedName, callsIn, creationsIn, macroCreationsIn } from './creations';
import { findModuleDefs, findSlotArrays } from './declarations';
import { collectFunctions, initNamesInText, locateFunctionByText } from './functions';
import type { FunctionMemo } from './functionMemo';
import { detectGenerator } from './generators';
import { creationMacros, defineSpans, findMacros, type CreationMacro } from './macros';
import { macroBuiltInits } from './macroInits';
import { builtNameInits } from './builtNameInits';
import { classCreation } from './classCreations';
import { scanPreprocessor, type PreprocessorModel } from '../text/preprocessorModel';
import { refusal } from '../convert/refusalCatalogue';
import { seenThroughPreprocessor } from './viewModel';
import { inferredPy3Flags } from '../text/py3Flag';

/** `(void *)name`, `(void*)&name`, `&name`, `reinterpret_cast<void *>(name)` -> `name`. */
export function slotFunctionName(value: string): string | undefined {
  const stripped = value
    .replace(/\b(?:reinterpret_cast|static_cast)\s*<[^>]*>/g, '')
    .replace(/\(\s*(?:void|PyObject)\s*\*\s*\)/g, '')
    .replace(/[&()\s]/g, '');
  return /^\w+$/.test(stripped) ? stripped : undefined;
}

/** `memo`: what this document's earlier analyses learnt about its functions (see FunctionMemo), for callers that analyse it repeatedly. */
export function buildModel(source: string, tree: Tree, lang: LanguageId, memo?: FunctionMemo): FileModel {
  return seenThroughPreprocessor(buildRawModel(source, tree, lang, memo), lang, buildRawModel);
}

function buildRawModel(source: string, tree: Tree, lang: LanguageId, memo?: FunctionMemo): FileModel {
  const loneCRs = loneCarriageReturns(source);
  const text = withLineFeeds(source);
  const mask = codeMask(text);
  const extraTrees: Tree[] = [];
  let scanned: PreprocessorModel | undefined;
  let flags: ReadonlyMap<string, boolean> | undefined;
  const model: FileModel = {
    text,
    ...(loneCRs !== 'none' ? { loneCarriageReturns: loneCRs } : {}),
    mask,
    lang,
    tree,
    modules: [],
    defs: [],
    slotArrays: [],
    inits: [],
    functions: new Map(),
    generator: detectGenerator(text),
    get preprocessor(): PreprocessorModel {
      scanned ??= scanPreprocessor(mask);
      return scanned;
    },
    get py3Flags(): ReadonlyMap<string, boolean> {
      flags ??= inferredPy3Flags(mask, model.preprocessor);
      return flags;
    },
    dispose: () => {
      for (const t of extraTrees.splice(0)) t.delete();
    },
  };
  const allFunctions = collectFunctions(tree, lang, text, memo);
  for (const fn of allFunctions) if (!model.functions.has(fn.name)) model.functions.set(fn.name, fn);
  if (model.generator) return model;
  const macros = findMacros(model.preprocessor);
  const defines = defineSpans(macros);
  const creators = creationMacros(macros);
  model.defs = findModuleDefs(text, mask, defines, model.preprocessor);
  model.slotArrays = findSlotArrays(text, mask, defines, model.preprocessor);

  const initNames = new Set(initNamesInText(mask, model.preprocessor));
  for (const name of model.functions.keys()) if (name.startsWith('PyInit_')) initNames.add(name);
  for (const name of initNames) {
    const fn = locateFunctionByText(text, mask, lang, name, model.functions.get(name), extraTrees, model.preprocessor);
    if (!fn) continue;
    let init = initInfo(fn, model, creators, extraTrees);
    // `#if NEW  PyInit_x() { return PyModuleDef_Init(&d); }  #else  PyInit_x() {
    // return PyModule_Create(&d); }  #endif`: the module is multi-phase.
    if (!init.defInitName) {
      for (const other of allFunctions) {
        if (other.name !== name || other.node.id === fn.node.id) continue;
        const alternative = initInfo(other, model, creators, extraTrees);
        if (alternative.defInitName) init = alternative;
      }
    }
    model.functions.set(name, init);
    model.inits.push(init);
  }
  for (const built of macroBuiltInits(model, macros, defines, extraTrees)) {
    if (model.inits.some((i) => i.name === built.fn.name)) continue;
    const init = initInfo(built.fn, model, creators, extraTrees);
    const seen = new Set(init.creations.map((c) => c.span.start));
    init.creations.unshift(...built.creations.filter((c) => !seen.has(c.span.start)));
    init.opaque = true;
    init.definedByMacro = built.macroName;
    init.opaqueRefusal = refusal('init-from-macro', `${init.name} is defined by macro ${built.macroName}`, init.nameSpan);
    model.inits.push(init);
  }
  for (const built of builtNameInits(tree, mask, model.preprocessor)) {
    if (model.inits.some((i) => i.name === built.fn.name)) continue;
    const init = initInfo(built.fn, model, creators, extraTrees);
    init.nameFrom = { spelling: built.spelling, macro: built.fromBuild };
    // The tree names the function after the macro (`INIT_MODULE`): file it under the init's name, so the state analysis sees the init write its statics.
    for (const [key, f] of model.functions) if (f.node.id === init.node.id) model.functions.delete(key);
    model.functions.set(init.name, init);
    model.inits.push(init);
  }

  const claimedDefs = new Set<string>();
  for (const init of model.inits) {
    const creation = primaryCreation(init, model);
    const defName = init.defInitName ?? creation?.defName;
    const def = model.defs.find((d) => d.varName === defName);
    if (!creation && !init.defInitName) continue;
    if (def) claimedDefs.add(def.varName);
    const module: ModuleInfo = {
      name: init.moduleName,
      phase: init.defInitName ? 'multi' : 'single',
      init,
      def,
      execs: [],
    };
    attachSlots(module, model, extraTrees);
    model.modules.push(module);
  }
  // A def with slots but no PyInit here (exported from another file) is
  // still a multi-phase module whose slots we can check.
  for (const def of model.defs) {
    if (claimedDefs.has(def.varName) || !def.hasSlots) continue;
    const module: ModuleInfo = { name: def.moduleName ?? def.varName, phase: 'multi', def, execs: [] };
    attachSlots(module, model, extraTrees);
    model.modules.push(module);
  }
  return model;
}

/**
 * The creation that makes the module itself when an init also builds
 * sub-modules: the one from a def whose m_name is the module's name (or ends
 * in `.name`), else the first Python 3 creation.
 */
function primaryCreation(init: InitFunctionInfo, model: FileModel): CreationCall | undefined {
  const py3 = init.creations.filter((c) => !c.python2);
  const named = py3.find((c) => {
    const moduleName = model.defs.find((d) => d.varName === c.defName)?.moduleName;
    return moduleName !== undefined && (moduleName === init.moduleName || moduleName.endsWith(`.${init.moduleName}`));
  });
  return named ?? py3[0] ?? init.creations[0];
}

/** Creations in `fn`: calls the tree shows, and macros that expand to one. */
function allCreationsIn(fn: FunctionInfo, model: FileModel, creators: ReadonlyMap<string, CreationMacro>): CreationCall[] {
  const found = [...creationsIn(fn, model.lang), ...macroCreationsIn(fn, model.mask, creators)];
  return found.sort((a, b) => a.span.start - b.span.start);
}

function initInfo(fn: FunctionInfo, model: FileModel, creators: ReadonlyMap<string, CreationMacro>, extraTrees: Tree[]): InitFunctionInfo {
  const init: InitFunctionInfo = {
    ...fn,
    // By name: a function from FunctionMemo finds them through prototype getters, which a spread leaves out.
    node: fn.node,
    body: fn.body,
    moduleName: fn.name.slice('PyInit_'.length),
    creations: allCreationsIn(fn, model, creators),
    opaque: false,
  };
  const calls = callsIn(fn.body, model.lang);
  const defInit = calls.find((c) => c.name === 'PyModuleDef_Init');
  if (defInit) init.defInitName = addressedName(defInit.args.namedChild(0));
  if (!init.creations.some((c) => !c.python2) && !defInit) {
    // `return make_module();`: creation lives in a helper in this file, or
    // one call further (`PyInit_a_wrapper` -> `PyInit_a` -> `make_module`).
    const found = creatingHelper(fn, model, creators, extraTrees, [fn.name]);
    if (found) {
      init.helper = found.helper;
      init.creations.push(...found.creations);
      if (found.defInitName) init.defInitName = found.defInitName;
      if (found.via) {
        init.opaque = true;
        init.opaqueRefusal = refusal('creation-too-deep', `${init.name} creates the module two calls deep, through ${found.via}() and ${found.helper.name}()`);
      }
    }
  }
  const inClass = init.creations.length === 0 && !defInit ? classCreation(model, fn) : undefined;
  if (inClass) {
    init.creations.push(inClass.creation);
    init.opaque = true;
    const user = inClass.usedIn === init.name ? init.name : `${inClass.usedIn}(), called by ${init.name},`;
    const why = inClass.outside
      ? `the module is created by an object of the C++ class ${inClass.className}, defined outside this file: ${user} builds it from ${inClass.creation.defName} and returns its pointer`
      : `the module is created inside the C++ class ${inClass.className}, which ${user} uses`;
    init.opaqueRefusal = refusal('creation-in-class', `${why}; exec cannot take over a module an object makes and owns`, inClass.creation.span);
    return init;
  }
  const hidden = init.creations.find((c) => c.viaMacro && !c.python2);
  if (hidden) {
    init.opaque = true;
    init.opaqueRefusal = refusal('creation-in-macro', `module '${init.moduleName}' is created inside macro ${hidden.viaMacro}`, hidden.span);
  } else if (fn.firstArmOnly || init.helper?.firstArmOnly) {
    // The tree shows one configuration: rewriting from it would drop the others.
    init.opaque = true;
    init.opaqueRefusal = refusal('braces-per-arm', `the braces of ${init.helper?.firstArmOnly ? `${init.helper.name}()` : init.name} balance only within one #if arm`);
  }
  return init;
}

interface CreatingHelper {
  helper: FunctionInfo;
  creations: CreationCall[];
  defInitName?: string;
  /** The function between the init and the helper, when two calls deep. */
  via?: string;
}

/** The first function `fn` calls (or, at depth 2, one of those calls) that creates a module. */
function creatingHelper(fn: FunctionInfo, model: FileModel, creators: ReadonlyMap<string, CreationMacro>, extraTrees: Tree[], visited: string[], depth = 1): CreatingHelper | undefined {
  const callees: FunctionInfo[] = [];
  for (const site of callsIn(fn.body, model.lang)) {
    const known = model.functions.get(site.name);
    if (!known || visited.includes(site.name)) continue;
    visited.push(site.name);
    const helper = locateFunctionByText(model.text, model.mask, model.lang, site.name, known, extraTrees, model.preprocessor) ?? known;
    const creations = allCreationsIn(helper, model, creators).filter((c) => !c.python2);
    // A helper with a `PyModuleDef_Init(&def)` arm is multi-phase, even when
    // another `#if` arm keeps PyModule_Create for old Pythons.
    const defInit = callsIn(helper.body, model.lang).find((c) => c.name === 'PyModuleDef_Init');
    // `make_module(&def)` with `PyModule_Create(def)` inside: the def is the caller's argument.
    const passed = addressedName(site.args.namedChild(0));
    for (const c of creations) {
      if (!c.defName && passed && helper.firstParam && c.call.childForFieldName('arguments')?.namedChild(0)?.text === helper.firstParam) c.defName = passed;
    }
    if (creations.length > 0 || defInit) return { helper, creations, defInitName: defInit ? addressedName(defInit.args.namedChild(0)) : undefined };
    callees.push(helper);
  }
  if (depth >= 2) return undefined;
  for (const callee of callees) {
    const deeper = creatingHelper(callee, model, creators, extraTrees, visited, depth + 1);
    if (deeper) return { ...deeper, via: callee.name };
  }
  return undefined;
}

function attachSlots(module: ModuleInfo, model: FileModel, extraTrees: Tree[]): void {
  const slotsName = module.def?.slotsName;
  if (!slotsName) return;
  module.slots = model.slotArrays.find((s) => s.varName === slotsName);
  for (const slot of module.slots?.slots ?? []) {
    if (slot.id !== 'Py_mod_exec') continue;
    const name = slotFunctionName(slot.value);
    if (!name) continue;
    const fn = locateFunctionByText(model.text, model.mask, model.lang, name, model.functions.get(name), extraTrees, model.preprocessor);
    if (fn && !module.execs.some((e) => e.name === fn.name)) module.execs.push(fn);
  }
}
