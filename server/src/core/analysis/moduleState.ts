// Process-wide state of a module, as far as its own file shows: the statics
// its code writes, static types, the module kept in a static, PyState_* use,
// teardown functions touching statics, and calls that fill static tables.
// The converter decides from it whether exec may simply run again and what
// the slots may promise; hover and `check --format json` show it. One file
// cannot see state kept in linked libraries or other files, so every claim
// built on this says it covers this file only.
import type { Node } from 'web-tree-sitter';
import type { FileModel, FunctionInfo, ModuleInfo, Span } from '../model';
import { rootIdentifier } from './names';
import { codeChildren, descendants } from '../convert/text';
import { declaredName, functionDeclarator, spanOf } from './nodes';
import { staticVariables, type StaticVar } from './staticVariables';

export type StateKind = 'static' | 'static-type' | 'module-in-static' | 'pystate' | 'teardown' | 'registration' | 'filling-call' | 'external-call';

export interface StateItem {
  kind: StateKind;
  /** The variable, type, or call (`cache`, `CounterType`, `PyState_FindModule`). */
  name: string;
  /** Where it is declared (statics, types) or called. */
  span: Span;
  /** One readable phrase: "static 'cache', written in counter_add()". */
  description: string;
  /** Written after init (by other functions) or its address escapes: not settled once init is done. */
  mutable: boolean;
}

/**
 * none: nothing found; immutable-after-init: only init writes it; mutable: written later too;
 * unknown: nothing this file shows is written later, but the init calls functions defined elsewhere.
 */
export type StateSummary = 'none' | 'immutable-after-init' | 'mutable' | 'unknown';

export interface ModuleState {
  summary: StateSummary;
  items: StateItem[];
}

/** Said wherever a claim rests on this analysis. */
export const STATE_SCOPE_NOTE = 'this covers this file only: state in linked libraries or other files is not seen';

/** Types whose statics are module plumbing, not state (the def, method tables, slot arrays). */
/** Macros that store into their first argument. */
const CLEARING_MACROS = /^(?:Py_CLEAR|Py_SETREF|Py_XSETREF)$/;
const PROCESS_REGISTRATIONS = /^(?:Py_AtExit|atexit|PyOS_setsig|signal|sigaction|pthread_atfork)$/;
/** NumPy's API-table imports and the datetime C-API import: each fills a static of this file. */
const FILLING_MACROS = /^(?:import_array[12]?|import_umath[12]?|import_ufunc|PyDateTime_IMPORT|PyArray_ImportNumPyAPI|PyUFunc_ImportUFuncAPI)$/;
/**
 * Callees whose state is known without their bodies: the CPython C API (its
 * module state is the interpreter's, and what it fills is reported above) and
 * standard C functions that keep no state of the caller's. Any other callee of
 * the init whose body is not in this file may keep a global (psutil's init
 * hands its module to a helper in another file that stores an exception class).
 */
const KNOWN_API = /^_?Py|^(?:assert|abort|exit|malloc|calloc|realloc|free|mem(?:set|cpy|move|cmp)|str(?:len|cmp|ncmp|cpy|ncpy|cat|ncat|chr|rchr|str|dup|tol|toul|tod|error)|s?n?printf|fprintf|puts|fputs|getenv|ato[il]|is(?:alnum|alpha|digit|space|upper|lower|xdigit|print|punct)|to(?:upper|lower)|sizeof|offsetof|va_(?:start|end|arg|copy))$/;


export function analyzeModuleState(model: FileModel, module: ModuleInfo): ModuleState {
  const items: StateItem[] = [];
  const add = (item: StateItem): void => {
    if (!items.some((i) => i.kind === item.kind && i.name === item.name)) items.push(item);
  };
  const facts = factsFor(model);
  const statics = staticVariables(model);
  const initFunctions = initReach(model, module, facts);
  const functions = [...model.functions.values()];
  const moduleVars = new Set(module.init?.creations.flatMap((c) => c.assignedTo) ?? []);

  for (const v of statics) {
    const writers = new Set<string>();
    let escapes = false;
    for (const fn of v.owner ? [v.owner] : functions) {
      const use = facts.of(fn).uses.get(v.name);
      if (!use || (!v.owner && facts.bound(fn).has(v.name))) continue;
      if (use.written) writers.add(fn.name);
      // `&Type` handed to PyType_Ready is how a static type is readied, not an escape.
      if (use.addressTaken) {
        if (v.isType) writers.add(fn.name);
        else escapes = true;
      }
    }
    if (v.isType) {
      add({ kind: 'static-type', name: v.name, span: v.span, description: `static type '${v.name}'`, mutable: [...writers].some((w) => !initFunctions.has(w)) });
      continue;
    }
    if (!writers.size && !escapes) continue;
    const later = [...writers].filter((w) => !initFunctions.has(w));
    const where = escapes ? 'its address is taken' : `written in ${[...writers].map((w) => `${w}()`).join(', ')}`;
    const kind: StateKind = moduleVars.has(v.name) || storesModule(module, v.name) ? 'module-in-static' : 'static';
    const label = kind === 'module-in-static' ? `the module object kept in static '${v.name}'` : `static '${v.name}'`;
    add({ kind, name: v.name, span: v.span, description: `${label}, ${where}`, mutable: escapes || later.length > 0 });
  }

  const touched = new Set(statics.filter((s) => !s.isType && !s.owner).map((s) => s.name));
  for (const field of ['m_free', 'm_clear'] as const) {
    const fnName = module.def?.fields[field]?.valueText.trim();
    const fn = fnName ? model.functions.get(fnName) : undefined;
    if (!fn) continue;
    const own = boundIn(fn);
    const names = [...new Set([...descendants(fn.body)].filter((n) => n.type === 'identifier' && touched.has(n.text) && !own.has(n.text)).map((n) => n.text))];
    if (names.length) add({ kind: 'teardown', name: fn.name, span: fn.nameSpan, description: `${field} ${fn.name}() touches ${names.map((n) => `'${n}'`).join(', ')}`, mutable: true });
  }

  for (const fn of functions) {
    for (const call of facts.of(fn).calls) {
      const callee = call.childForFieldName('function')?.text ?? '';
      if (/^PyState_(?:FindModule|AddModule|RemoveModule)$/.test(callee)) {
        add({ kind: 'pystate', name: `${callee} in ${fn.name}()`, span: spanOf(call), description: `${callee} in ${fn.name}()`, mutable: true });
      } else if (PROCESS_REGISTRATIONS.test(callee)) {
        add({ kind: 'registration', name: callee, span: spanOf(call), description: `a process-wide ${callee}() registration in ${fn.name}()`, mutable: false });
      } else if (FILLING_MACROS.test(callee)) {
        add({ kind: 'filling-call', name: callee, span: spanOf(call), description: `${callee}() fills a static API table`, mutable: false });
      } else if (callee === 'PyCapsule_Import' && capsuleStoredInStatic(call, statics)) {
        add({ kind: 'filling-call', name: callee, span: spanOf(call), description: `PyCapsule_Import() in ${fn.name}() fills a static`, mutable: false });
      }
    }
  }
  // `import_array();` written bare, or PyDateTime_IMPORT without parentheses, is not a call node.
  for (const m of model.mask.matchAll(/\b(import_array|import_umath|import_ufunc|PyDateTime_IMPORT)\b(?!\s*\()|\b(import_array|import_umath|import_ufunc)\s*\(\s*\)/g)) {
    const name = m[1] ?? m[2]!;
    if (/^[ \t]*#/m.test(model.mask.slice(model.mask.lastIndexOf('\n', m.index) + 1, m.index))) continue;
    add({ kind: 'filling-call', name, span: { start: m.index, end: m.index + m[0].length }, description: `${name} fills a static API table`, mutable: false });
  }
  for (const item of externalCalls(model, initFunctions, facts)) add(item);
  items.sort((a, b) => a.span.start - b.span.start);
  const summary: StateSummary = items.length === 0 ? 'none'
    : items.some((i) => i.mutable && i.kind !== 'external-call') ? 'mutable'
    : items.some((i) => i.kind === 'external-call') ? 'unknown' : 'immutable-after-init';
  return { summary, items };
}

/** One line for notes and hover: "mutable: static 'cache', written in add(); ... (this covers this file only: ...)". */
export function describeModuleState(state: ModuleState): string {
  if (state.summary === 'none') return `no process-wide state found (${STATE_SCOPE_NOTE})`;
  const shown = state.items.slice(0, 4).map((i) => i.description);
  const more = state.items.length > 4 ? `; ${state.items.length - 4} more` : '';
  const label = state.summary === 'mutable' ? 'written after init' : state.summary === 'unknown' ? 'unknown, treated as kept' : 'set during init only';
  return `process-wide state ${label}: ${shown.join('; ')}${more} (${STATE_SCOPE_NOTE})`;
}

interface NameUse {
  /** Assigned, incremented, or cleared by Py_CLEAR and friends. */
  written: boolean;
  /** `&name` taken. */
  addressTaken: boolean;
}

interface BodyFacts {
  /** By root identifier of what is written or has its address taken. */
  uses: Map<string, NameUse>;
  /** Every call in the body, in order. */
  calls: Node[];
}

const FACT_NODES = ['assignment_expression', 'update_expression', 'call_expression', 'pointer_expression'];

/**
 * Each function body walked once per analysis, and only its assignments,
 * calls and address-of nodes (a native filtered walk): the analysis used to
 * walk every node of every function once per static, which cost tens of
 * milliseconds per keystroke on a large file.
 */
class BodyFactsCache {
  private readonly facts = new Map<FunctionInfo, BodyFacts>();
  private readonly bindings = new Map<FunctionInfo, Set<string>>();

  of(fn: FunctionInfo): BodyFacts {
    let found = this.facts.get(fn);
    if (!found) {
      found = bodyFacts(fn);
      this.facts.set(fn, found);
    }
    return found;
  }

  bound(fn: FunctionInfo): Set<string> {
    let names = this.bindings.get(fn);
    if (!names) {
      names = boundIn(fn);
      this.bindings.set(fn, names);
    }
    return names;
  }
}

/** One cache per model: every single-phase module of a file reads the same bodies. */
const factsByModel = new WeakMap<FileModel, BodyFactsCache>();

function factsFor(model: FileModel): BodyFactsCache {
  let facts = factsByModel.get(model);
  if (!facts) factsByModel.set(model, (facts = new BodyFactsCache()));
  return facts;
}

function bodyFacts(fn: FunctionInfo): BodyFacts {
  const uses = new Map<string, NameUse>();
  const calls: Node[] = [];
  const use = (name: string | undefined): NameUse | undefined => {
    if (!name) return undefined;
    let found = uses.get(name);
    if (!found) uses.set(name, (found = { written: false, addressTaken: false }));
    return found;
  };
  for (const node of fn.body.descendantsOfType(FACT_NODES)) {
    if (!node) continue;
    if (node.type === 'assignment_expression' || node.type === 'update_expression') {
      const found = use(rootIdentifier(node.childForFieldName(node.type === 'assignment_expression' ? 'left' : 'argument')));
      if (found) found.written = true;
    } else if (node.type === 'call_expression') {
      calls.push(node);
      if (!CLEARING_MACROS.test(node.childForFieldName('function')?.text ?? '')) continue;
      const found = use(rootIdentifier(codeChildren(node.childForFieldName('arguments') ?? node)[0] ?? null));
      if (found) found.written = true;
    } else if (node.child(0)?.type === '&') {
      const found = use(rootIdentifier(node.childForFieldName('argument')));
      if (found) found.addressTaken = true;
    }
  }
  return { uses, calls };
}

/** The init, its helper, and the same-file functions they call (transitively): writes there happen during init. */
function initReach(model: FileModel, module: ModuleInfo, facts: BodyFactsCache): Set<string> {
  const reach = new Set<string>();
  const queue: FunctionInfo[] = [];
  for (const fn of [module.init, module.init?.helper]) if (fn) queue.push(fn);
  while (queue.length) {
    const fn = queue.pop()!;
    if (reach.has(fn.name)) continue;
    reach.add(fn.name);
    for (const call of facts.of(fn).calls) {
      const callee = model.functions.get(call.childForFieldName('function')?.text ?? '');
      if (callee && !reach.has(callee.name)) queue.push(callee);
    }
  }
  return reach;
}

/** Calls made during init to functions neither in this file nor known API: their state cannot be seen. */
function externalCalls(model: FileModel, initFunctions: Set<string>, facts: BodyFactsCache): StateItem[] {
  const found: StateItem[] = [];
  for (const name of initFunctions) {
    const fn = model.functions.get(name);
    if (!fn) continue;
    for (const call of facts.of(fn).calls) {
      const callee = call.childForFieldName('function');
      if (callee?.type !== 'identifier') continue;
      const name = callee.text;
      // A macro defined in this file expands to code this file shows; a parameter or local is a function pointer passed in.
      if (model.functions.has(name) || KNOWN_API.test(name) || FILLING_MACROS.test(name) || PROCESS_REGISTRATIONS.test(name)) continue;
      if (model.preprocessor.definitions(name).length || facts.bound(fn).has(name)) continue;
      found.push({ kind: 'external-call', name, span: spanOf(call), description: `calls ${name}() in ${fn.name}(), defined in another file: its state cannot be seen, so it is treated as keeping state`, mutable: true });
    }
  }
  return found;
}

/** Names a function binds itself (parameters and non-static locals), which shadow statics. */
function boundIn(fn: FunctionInfo): Set<string> {
  const names = new Set<string>();
  for (const p of functionDeclarator(fn.node)?.childForFieldName('parameters')?.namedChildren ?? []) {
    const name = p ? declaredName(p.childForFieldName('declarator'))?.text : undefined;
    if (name) names.add(name);
  }
  for (const node of descendants(fn.body)) {
    if (node.type !== 'declaration' || node.children.some((c) => c?.type === 'storage_class_specifier' && c.text === 'static')) continue;
    for (const d of node.childrenForFieldName('declarator')) {
      const name = d ? declaredName(d)?.text : undefined;
      if (name) names.add(name);
    }
  }
  return names;
}

/** `g = m;` somewhere in the init: the module is kept in the static `g`. */
function storesModule(module: ModuleInfo, name: string): boolean {
  const init = module.init?.helper ?? module.init;
  const created = new Set(module.init?.creations.flatMap((c) => c.assignedTo) ?? []);
  if (!init) return false;
  for (const node of descendants(init.body)) {
    if (node.type !== 'assignment_expression' || rootIdentifier(node.childForFieldName('left')) !== name) continue;
    const right = node.childForFieldName('right');
    if (right?.type === 'identifier' && created.has(right.text)) return true;
  }
  return false;
}

function capsuleStoredInStatic(call: Node, statics: StaticVar[]): boolean {
  for (let p = call.parent; p; p = p.parent) {
    if (p.type === 'assignment_expression') return statics.some((s) => s.name === rootIdentifier(p.childForFieldName('left')));
    if (p.type === 'expression_statement' || p.type === 'compound_statement') return false;
  }
  return false;
}

