// Checks on the def and on a helper the init delegates to, run by findTarget.
import type { Node } from 'web-tree-sitter';
import type { FileModel, FunctionInfo, InitFunctionInfo, ModuleDefInfo } from '../model';
import { inPython2OnlyArm } from './dualMode';
import { readMSize } from './msize';
import { refusal, type Refusal } from './refusalCatalogue';
import type { TargetCheck } from './target';
import { codeChildren, descendants, unwrapExpression } from './text';

export const defChecks: TargetCheck[] = [
  {
    name: 'def fields',
    needs: 'def',
    run(s) {
      const def = s.def!;
      const at = def.nameSpan;
      if (def.hasError) s.reasons.push(refusal('def-unreadable', `the initialiser of '${def.varName}' could not be read`, at));
      const size = readMSize(def, s.model, s.minimumHex);
      if ('problem' in size) s.reasons.push(refusal('def-preprocessor', size.problem, at));
      else if (size.verdict === 'unknown') s.reasons.push(refusal('m-size-unknown', `m_size of '${def.varName}' is '${(size.arms?.live.find((a) => a.verdict === 'unknown')?.entry ?? def.fields.m_size)?.valueText.trim()}', which the converter cannot evaluate (a negative size fails to load once the def has slots)`, at));
      else s.size = size;
      if (def.hasSlots) s.reasons.push(refusal('already-has-slots', `'${def.varName}' already has m_slots, which PyModule_Create refuses; the module is half converted`, at));
      // Counted by position: the arms of an #if in the initialiser fill the same fields.
      if (def.style === 'positional' && def.entries.some((e) => e.field === null)) s.reasons.push(refusal('def-too-many-fields', `'${def.varName}' has more initialisers than PyModuleDef has fields`, at));
    },
  },
  {
    name: 'def place',
    needs: 'def',
    run(s) {
      const problem = localDefProblem(s.model, s.def!, s.init, s.source!);
      if (problem) s.reasons.push(refusal('local-def-shape', problem, s.def!.nameSpan));
    },
  },
  {
    name: 'def users',
    needs: 'def',
    run(s) {
      const { model, init, source } = s;
      const def = s.def!;
      const sharers = model.inits.filter((other) => other.name !== init.name && other.creations.some((c) => c.defName === def.varName));
      if (sharers.length) s.reasons.push(refusal('def-shared', `PyModuleDef '${def.varName}' is shared with ${sharers.map((o) => o.name).join(', ')}`));
      const creators = [...model.mask.matchAll(new RegExp(`\\bPyModule_Create2?\\s*\\(\\s*(?:\\([^()]*\\)\\s*)?&\\s*\\(?\\s*${def.varName}\\b`, 'g'))];
      const outside = creators.filter((m) => (m.index < source!.span.start || m.index >= source!.span.end) && !inDefine(model, m.index));
      if (outside.length && !sharers.length) s.reasons.push(refusal('def-created-elsewhere', `'${def.varName}' is also passed to PyModule_Create outside ${source!.name}, which would fail once the def has slots`));
    },
  },
];

/**
 * `return make_module();` converts when the helper is a static, parameterless
 * function called from nowhere else: its body becomes exec in its place.
 */
export function helperProblem(model: FileModel, init: InitFunctionInfo, helper: FunctionInfo): Refusal | undefined {
  const where = `the module is created inside the helper function ${helper.name}()`;
  const shape = (message: string): Refusal => refusal('helper-shape', message, helper.nameSpan);
  const statements = codeChildren(init.body);
  const only = statements.length === 1 && statements[0]!.type === 'return_statement' ? unwrapExpression(codeChildren(statements[0]!)[0] ?? null) : null;
  const args = only?.type === 'call_expression' ? codeChildren(only.childForFieldName('arguments') ?? only) : [null];
  for (const call of descendants(init.body)) {
    if (call.type !== 'call_expression' || call.childForFieldName('function')?.text !== helper.name) continue;
    const problem = defParameterProblem(model, helper, codeChildren(call.childForFieldName('arguments') ?? call));
    if (problem) return refusal('helper-def-parameter', problem, helper.nameSpan);
  }
  if (only?.childForFieldName('function')?.text !== helper.name) return shape(`${where}, and ${init.name} does more than return its result`);
  if (args.length) return shape(`${where}, which takes arguments from ${init.name}`);
  const header = model.mask.slice(helper.span.start, helper.body.startIndex);
  if (!/\bstatic\b/.test(header)) return shape(`${where}, which is not static: other files may call it`);
  if (!/\(\s*(?:void)?\s*\)\s*$/.test(header.trim())) return shape(`${where}, which takes parameters`);
  for (const m of model.mask.matchAll(new RegExp(`\\b${helper.name}\\s*\\(`, 'g'))) {
    const inInit = m.index >= init.span.start && m.index < init.span.end;
    const inHelper = m.index >= helper.span.start && m.index < helper.span.end;
    const inOtherFunction = [...model.functions.values()].some((f) => m.index >= f.body.startIndex && m.index < f.body.endIndex);
    // A Python 2 init under `#else` calling its own copy of the helper does not count.
    if (!inInit && !inHelper && inOtherFunction && !inPython2OnlyArm(model.preprocessor, m.index, model.py3Flags)) return shape(`${where}, which is also called from elsewhere`);
  }
  return undefined;
}

/** `return helper(&def);`: one body serving several defs, which exec cannot be. */
function defParameterProblem(model: FileModel, helper: FunctionInfo, args: (Node | null)[]): string | undefined {
  const passesDef = args.some((a) => a?.type === 'pointer_expression' && model.defs.some((d) => d.varName === a.childForFieldName('argument')?.text));
  if (!passesDef) return undefined;
  const callers = model.inits.filter((i) => new RegExp(`\\b${helper.name}\\s*\\(`).test(model.mask.slice(i.body.startIndex, i.body.endIndex)));
  const shared = callers.length > 1 ? ` and is shared by ${callers.length} inits (${callers.map((c) => c.name).join(', ')})` : '';
  return `the helper ${helper.name}() gets its PyModuleDef as a parameter${shared}`;
}

/** Whether the def is declared inside the function that becomes exec. */
export function isLocalDef(def: ModuleDefInfo, fn: FunctionInfo): boolean {
  return def.declSpan.start >= fn.body.startIndex && def.declSpan.end <= fn.body.endIndex;
}

/**
 * A def declared inside the init (Pillow's style) moves to file scope, next
 * to exec: only a `static` one at the top level of that body, naming nothing
 * local, whose name is free at file scope, and (for a helper) before PyInit.
 */
function localDefProblem(model: FileModel, def: ModuleDefInfo, init: InitFunctionInfo, source: FunctionInfo): string | undefined {
  const inInit = source !== init && def.declSpan.start >= init.span.start && def.declSpan.end <= init.span.end;
  if (inInit) return `PyModuleDef '${def.varName}' is declared inside ${init.name}, but the module is created in ${source.name}()`;
  if (!isLocalDef(def, source)) return undefined;
  const where = `PyModuleDef '${def.varName}' is declared inside ${source.name}`;
  if (!def.isStatic) return `${where} without static`;
  if (source.span.start > init.span.start) return `${where}, which comes after ${init.name}`;
  const defMask = model.mask.slice(def.initSpan.start, def.initSpan.end);
  const locals = [...localNamesOf(source)].filter((n) => n !== def.varName && new RegExp(`\\b${n}\\b`).test(defMask));
  if (locals.length) return `${where} and uses its local ${locals.join(', ')}`;
  const outside = [...model.mask.matchAll(new RegExp(`\\b${def.varName}\\b`, 'g'))].filter((m) => (m.index < source.span.start || m.index >= source.span.end) && !inDefine(model, m.index));
  if (outside.length) return `${where}, and the name '${def.varName}' is also used at file scope`;
  const top = codeChildren(source.body).some((c) => c.startIndex <= def.declSpan.start && c.endIndex >= def.declSpan.end - 1 && c.type === 'declaration');
  if (!top) return `${where} in a nested block`;
  return undefined;
}

function localNamesOf(fn: FunctionInfo): Set<string> {
  const names = new Set<string>();
  for (const node of descendants(fn.body)) {
    if (node.type !== 'declaration') continue;
    for (const d of node.childrenForFieldName('declarator')) {
      let n = d;
      while (n && n.type !== 'identifier') n = n.childForFieldName('declarator');
      if (n) names.add(n.text);
    }
  }
  return names;
}

/** A macro's replacement text only counts where the macro is used: the init, once expanded (macroExpansion.ts). */
function inDefine(model: FileModel, at: number): boolean {
  return model.preprocessor.directives.some((d) => d.kind === 'define' && at >= d.span.start && at < d.span.end);
}
