// Turns the init body into the exec body: returns become ints, releases of
// the (now borrowed) module go, NumPy import macros take their int forms,
// and the walk notes every write to process-wide state for the guard.
import type { Node } from 'web-tree-sitter';
import { inPreprocessorBranch } from '../analysis/nodes';
import type { LanguageId } from '../grammars';
import { boundNames, memberCallTarget } from './memberCalls';
import { versionHex } from './options';
import type { ConversionOptions } from './options';
import { isLocalDef, returnNullMacros } from './refusals';
import type { ConversionTarget } from './target';
import type { FileStyle } from './style';
import { freshName, localNames, rootIdentifier } from '../analysis/names';
import { claim, isClaimed, moduleNames, noteStaticState, refuseBody, type BodyContext } from './bodyContext';
import { rewriteCreation } from './creation';
import { removeSetGil } from './setGil';
import { unwrapPositiveCheck } from './unwrap';
import { codeChildren, descendants, indentAt, isNullExpression, lineEndOf, lineStartOf, nextLineStart, removeNode, removeSpan, unwrapExpression } from './text';

const RELEASES = new Set(['Py_DECREF', 'Py_XDECREF', 'Py_DecRef', 'Py_XDecRef', 'Py_CLEAR']);
const STATIC_TYPE_USERS = new Set(['PyType_Ready', 'PyModule_AddType']);
/** Calls that register something for the whole process: running them twice is wrong. */
const PROCESS_REGISTRATIONS = new Set(['Py_AtExit', 'atexit', 'PyOS_setsig', 'signal', 'sigaction', 'pthread_atfork']);
/** NumPy's import macros that `return NULL` (or nothing), and their int-returning forms. */
const IMPORT_MACROS: Record<string, string> = {
  import_array: 'import_array1(-1)',
  import_umath: 'import_umath1(-1)',
  import_ufunc: 'import_umath1(-1)',
};

export function createBodyContext(text: string, mask: string, target: ConversionTarget, style: FileStyle, options: ConversionOptions, lang: LanguageId): BodyContext {
  const locals = localNames(target.source.body);
  const targets = target.creation.assignedTo;
  const localTargets = targets.filter((t) => locals.has(t));
  const bodyText = text.slice(target.source.span.start, target.source.span.end);
  const ctx: BodyContext = {
    text,
    mask,
    target,
    style,
    edits: [],
    claimed: [],
    reasons: [],
    cpp: lang === 'cpp',
    bound: lang === 'cpp' ? boundNames(target.source.node, target.source.body) : new Set(),
    locals,
    paramName: localTargets[0] ?? freshName(bodyText, ['m', 'module', 'mod']),
    localModuleVar: localTargets[0],
    globalTargets: targets.filter((t) => !locals.has(t)),
    staticState: targets.filter((t) => !locals.has(t)).map((t) => `static ${t}`),
    clearedNames: new Set(),
    initIncrefsModule: localTargets[0] !== undefined && new RegExp(`\\bPy_X?INCREF\\s*\\(\\s*(?:\\(\\s*PyObject\\s*\\*\\s*\\)\\s*)?${localTargets[0]}\\s*\\)`).test(mask.slice(target.source.body.startIndex, target.source.body.endIndex)),
    gilComments: [],
    canUseNewRef: (versionHex(options.minimumPythonVersion) ?? 0) >= 0x030a0000,
    // A kept Python 2 init calls the same exec on 2.7, which lacks it too.
    hasMainInterpreterApi: !options.keepPython2 && (versionHex(options.minimumPythonVersion) ?? 0) >= 0x03070000,
  };
  if (localTargets.length > 1) refuseBody(ctx, 'module-in-several-locals', `the new module is stored in several local variables (${localTargets.join(', ')})`);
  return ctx;
}

export function rewriteBody(ctx: BodyContext): void {
  const { def, source } = ctx.target;
  // A def declared in the body moves to file scope (the layout writes it there).
  if (isLocalDef(def, source)) claim(ctx, removeSpan(ctx.text, ctx.mask, def.declSpan.start, def.declSpan.end));
  rewriteCreation(ctx);
  if (ctx.reasons.length) return;
  // Statement macros defined in the body and used only there take exec's forms where they stand.
  for (const edit of [...ctx.target.bodyMacroEdits.values()].flat()) claim(ctx, edit);
  for (const name of ctx.target.macroWrites) noteStaticState(ctx, `static ${name}`);
  const moduleReturns: Node[] = [];
  const returnNull = returnNullMacros(ctx.mask);
  for (const node of descendants(ctx.target.source.body)) {
    if (isClaimed(ctx, node)) continue;
    if (node.type === 'return_statement') rewriteReturn(ctx, node, moduleReturns);
    else if (node.type === 'expression_statement' && returnNull.has(codeChildren(node)[0]?.text ?? '')) {
      claim(ctx, { start: node.startIndex, end: node.endIndex, newText: 'return -1;' }, node);
    }
    else if (node.type === 'call_expression') rewriteCall(ctx, node);
    else if (node.type === 'assignment_expression' || node.type === 'update_expression') noteAssignment(ctx, node);
    if (ctx.reasons.length) return;
  }
  // Only now is it known whether the module variable may be NULL at a return.
  for (const ret of moduleReturns) {
    const value = codeChildren(ret)[0]!;
    const name = unwrapExpression(value)!.text;
    claim(ctx, { start: value.startIndex, end: value.endIndex, newText: ctx.clearedNames.has(name) ? `${name} == ${ctx.style.nullLiteral} ? -1 : 0` : '0' }, ret);
  }
  rewriteImportMacros(ctx);
  removeOrphanLabels(ctx);
  if (ctx.positiveCheck) unwrapPositiveCheck(ctx, ctx.positiveCheck);
}

/** A label whose every `goto` went with the removed code is left unused (-Wunused-label): drop it. A macro's `goto` keeps it. */
function removeOrphanLabels(ctx: BodyContext): void {
  const body = ctx.target.source.body;
  const nodes = [...descendants(body)];
  const liveGotos = [...nodes.filter((n) => n.type === 'goto_statement' && !isClaimed(ctx, n)).map((n) => n.childForFieldName('label')?.text), ...ctx.target.macroLabels];
  for (const labeled of nodes.filter((n) => n.type === 'labeled_statement')) {
    const label = labeled.childForFieldName('label');
    const inner = codeChildren(labeled).find((c) => c.type !== 'statement_identifier');
    if (!label || !inner || liveGotos.includes(label.text) || isClaimed(ctx, label)) continue;
    const colon = ctx.text.indexOf(':', label.endIndex);
    const ownLine = ctx.text.slice(lineStartOf(ctx.text, label.startIndex), label.startIndex).trim() === '' && ctx.text.slice(colon + 1, lineEndOf(ctx.text, colon)).trim() === '';
    const edit = ownLine ? { start: lineStartOf(ctx.text, label.startIndex), end: nextLineStart(ctx.text, colon), newText: '' } : { start: label.startIndex, end: inner.startIndex, newText: '' };
    if (ctx.edits.some((e) => e.start < edit.end && e.end > edit.start)) continue;
    claim(ctx, edit);
  }
}

function rewriteReturn(ctx: BodyContext, ret: Node, moduleReturns: Node[]): void {
  const value = codeChildren(ret)[0] ?? null;
  const init = ctx.target.source;
  const inner = unwrapExpression(value);
  if (!value || !inner) {
    refuseBody(ctx, 'return-without-value', `${init.name} has a return without a value`, ret);
  } else if (isNullExpression(value)) {
    claim(ctx, { start: value.startIndex, end: value.endIndex, newText: '-1' }, ret);
  } else if (inner.type === 'identifier' && moduleNames(ctx).has(inner.text)) {
    if (inPreprocessorBranch(ret, init.body)) refuseBody(ctx, 'return-in-preprocessor-branch', `${init.name} returns the module inside an #if/#ifdef branch`, ret);
    else moduleReturns.push(ret);
  } else if (inner.type === 'call_expression' && /^PyErr_\w+$/.test(inner.childForFieldName('function')?.text ?? '')) {
    // `return PyErr_NoMemory();` always returns NULL: raise, then fail.
    const parent = ret.parent?.type;
    if (parent !== 'compound_statement' && parent !== 'labeled_statement') {
      refuseBody(ctx, 'return-as-unbraced-body', `${init.name} returns '${inner.text}' as the body of a statement; add braces first`, ret);
      return;
    }
    const indent = indentAt(ctx.text, ret.startIndex);
    claim(ctx, { start: ret.startIndex, end: ret.endIndex, newText: `${inner.text};${ctx.style.eol}${indent}return -1;` }, ret);
  } else {
    refuseBody(ctx, 'returns-other-object', `${init.name} returns '${value.text.replace(/\s+/g, ' ').slice(0, 60)}', not the module it created`, ret);
  }
}

function rewriteCall(ctx: BodyContext, call: Node): void {
  const name = call.childForFieldName('function')?.text ?? '';
  const args = codeChildren(call.childForFieldName('arguments') ?? call);
  if (RELEASES.has(name)) {
    const arg = unwrapExpression(args[0] ?? null);
    if (arg?.type === 'identifier' && arg.text === ctx.localModuleVar) removeRelease(ctx, call, name);
  } else if (name === 'PyUnstable_Module_SetGIL') {
    removeSetGil(ctx, call, args);
  } else if (PROCESS_REGISTRATIONS.has(name)) {
    noteStaticState(ctx, `a process-wide ${name}() registration`);
  } else if (STATIC_TYPE_USERS.has(name)) {
    // Readying a static type writes process-wide state.
    const typeArg = args[name === 'PyType_Ready' ? 0 : 1];
    const addressed = typeArg?.type === 'pointer_expression' ? rootIdentifier(typeArg.childForFieldName('argument')) : undefined;
    if (addressed && !ctx.locals.has(addressed)) noteStaticState(ctx, `static type ${addressed}`);
  } else if (ctx.cpp) {
    const object = memberCallTarget(call, ctx.bound);
    if (object) noteStaticState(ctx, `static ${object}`);
  }
}

/** The exec module is borrowed: its release goes (or, for Py_CLEAR before more code, becomes `m = NULL`). */
function removeRelease(ctx: BodyContext, call: Node, name: string): void {
  const statement = call.parent;
  if (statement?.type !== 'expression_statement' || unwrapExpression(codeChildren(statement)[0] ?? null)?.id !== call.id) {
    refuseBody(ctx, 'release-in-expression', `the module is released by ${name} inside a larger expression`, call);
    return;
  }
  const next = nextInFlow(statement);
  if (name === 'Py_CLEAR' && returnsModuleNext(ctx, statement)) {
    // `Py_CLEAR(m); [label:] return m;` is the failure exit: say so directly.
    claim(ctx, { start: statement.startIndex, end: statement.endIndex, newText: 'return -1;' }, statement);
    return;
  }
  if (name === 'Py_CLEAR' && next?.type !== 'return_statement') {
    ctx.clearedNames.add(ctx.paramName);
    claim(ctx, { start: statement.startIndex, end: statement.endIndex, newText: `${ctx.paramName} = ${ctx.style.nullLiteral};` }, statement);
    return;
  }
  const parent = statement.parent;
  const guardingIf = parent?.type === 'compound_statement' && codeChildren(parent).length === 1 ? parent.parent : null;
  if (guardingIf?.type === 'if_statement' && isPureTest(guardingIf)) {
    // `if (m != NULL) { Py_DECREF(m); }` would be left empty: drop it whole.
    claim(ctx, removeNode(ctx.text, ctx.mask, guardingIf), guardingIf);
  } else if (parent?.type === 'compound_statement' || parent?.type?.startsWith('preproc_')) {
    claim(ctx, removeNode(ctx.text, ctx.mask, statement), statement);
  } else if (parent?.type === 'labeled_statement' || parent?.type === 'case_statement') {
    // A label needs a statement after it: keep an empty one only when nothing follows.
    const follower = parent.type === 'case_statement' ? nextCode(statement) : nextCode(parent);
    if (follower) claim(ctx, removeNode(ctx.text, ctx.mask, statement), statement);
    else claim(ctx, { start: statement.startIndex, end: statement.endIndex, newText: ';' }, statement);
  } else if (parent?.type === 'if_statement' && isPureTest(parent)) {
    claim(ctx, removeNode(ctx.text, ctx.mask, parent), parent);
  } else {
    claim(ctx, { start: statement.startIndex, end: statement.endIndex, newText: '{ }' }, statement);
  }
}

function nextCode(node: Node): Node | null {
  let next = node.nextNamedSibling;
  while (next?.type === 'comment') next = next.nextNamedSibling;
  return next;
}

/** Whether the statement run next after `statement` is `return <module>`. */
function returnsModuleNext(ctx: BodyContext, statement: Node): boolean {
  const next = nextInFlow(statement);
  const returned = next?.type === 'return_statement' ? unwrapExpression(codeChildren(next)[0] ?? null) : null;
  return returned?.type === 'identifier' && moduleNames(ctx).has(returned.text);
}

/**
 * The statement run after `statement` when it falls through: its next
 * sibling, else what follows the enclosing label, block of an `if`, or `if`.
 */
function nextInFlow(statement: Node): Node | null {
  let from: Node | null = statement;
  while (from) {
    let next: Node | null = from.nextNamedSibling;
    while (next?.type === 'comment') next = next.nextNamedSibling;
    if (next && next.type !== 'else_clause') {
      while (next?.type === 'labeled_statement') next = codeChildren(next).find((c) => c.type !== 'statement_identifier') ?? null;
      return next;
    }
    const parent: Node | null = from.parent;
    if (parent?.type === 'labeled_statement' || parent?.type === 'if_statement' || parent?.type === 'else_clause') from = parent;
    else if (parent?.type === 'compound_statement' && ['if_statement', 'else_clause'].includes(parent.parent?.type ?? '')) from = parent;
    else return null;
  }
  return null;
}

/** An `if` without `else` whose condition has no side effects: removable whole. */
function isPureTest(ifStatement: Node): boolean {
  const condition = ifStatement.childForFieldName('condition');
  if (!condition || ifStatement.childForFieldName('alternative')) return false;
  for (const n of descendants(condition)) {
    if (n.type === 'call_expression' || n.type === 'assignment_expression' || n.type === 'update_expression') return false;
  }
  return true;
}

/** Writes to non-locals are process-wide state; a store of the module in one needs its own reference. */
function noteAssignment(ctx: BodyContext, node: Node): void {
  const left = node.type === 'assignment_expression' ? node.childForFieldName('left') : node.childForFieldName('argument');
  const root = rootIdentifier(left);
  if (!root) return;
  if (root === ctx.localModuleVar) {
    const right = node.childForFieldName('right');
    const statement = node.parent?.type === 'expression_statement' ? node.parent : null;
    if (statement && left?.type === 'identifier' && isNullExpression(right) && returnsModuleNext(ctx, statement)) {
      // `m = NULL;` falling through to `return m;` is the failure exit.
      claim(ctx, { start: statement.startIndex, end: statement.endIndex, newText: 'return -1;' }, statement);
      return;
    }
    if (left?.type !== 'identifier' || !isNullExpression(right)) {
      refuseBody(ctx, 'module-reassigned', `the module variable '${root}' is reassigned (${node.text.replace(/\s+/g, ' ').slice(0, 60)})`, node);
    }
    ctx.clearedNames.add(root);
    return;
  }
  if (ctx.locals.has(root)) return;
  noteStaticState(ctx, `static ${root}`);
  if (ctx.globalTargets.includes(root) && node.type === 'assignment_expression' && isNullExpression(node.childForFieldName('right'))) {
    ctx.clearedNames.add(root);
  }
  const right = unwrapExpression(node.childForFieldName('right'));
  if (node.type === 'assignment_expression' && left?.type === 'identifier' && right?.type === 'identifier' && right.text === ctx.localModuleVar) {
    storeWithReference(ctx, node, left.text);
  }
}

/** `g = m;` keeps a pointer to the module in a global: give the global its own reference. */
function storeWithReference(ctx: BodyContext, assignment: Node, global: string): void {
  const statement = assignment.parent;
  const param = ctx.paramName;
  if (ctx.initIncrefsModule) return;
  if (ctx.canUseNewRef) {
    const right = assignment.childForFieldName('right')!;
    claim(ctx, { start: right.startIndex, end: right.endIndex, newText: `Py_NewRef${ctx.style.callGap}(${param})` }, assignment);
    return;
  }
  let previous: Node | null = statement?.previousNamedSibling ?? null;
  while (previous?.type === 'comment') previous = previous.previousNamedSibling;
  if (previous?.text.replace(/\s+/g, '') === `Py_INCREF(${param});`) return;
  if (statement?.type !== 'expression_statement' || statement.parent?.type !== 'compound_statement') {
    refuseBody(ctx, 'global-store-in-expression', `the module is stored in '${global}' inside a larger statement`, statement);
    return;
  }
  const indent = indentAt(ctx.text, statement.startIndex);
  claim(ctx, { start: statement.startIndex, end: statement.startIndex, newText: `Py_INCREF${ctx.style.callGap}(${param});${ctx.style.eol}${indent}` });
}

/** `import_array()` returns NULL on failure; in exec use the form that returns -1. */
function rewriteImportMacros(ctx: BodyContext): void {
  const body = ctx.target.source.body;
  const region = ctx.mask.slice(body.startIndex, body.endIndex);
  for (const m of region.matchAll(/\b(import_array|import_umath|import_ufunc)\s*\(\s*\)/g)) {
    const start = body.startIndex + m.index;
    // Inside a statement the rewrite removed already (a null check around it): nothing left to rewrite.
    if (ctx.claimed.some((c) => start >= c.start && start < c.end)) continue;
    claim(ctx, { start, end: start + m[0].length, newText: IMPORT_MACROS[m[1]!]!.replace('(', `${ctx.style.callGap}(`) });
  }
  // The forms taking the error value: make it -1 where NULL was passed.
  const withValue = [/\b(?:import_array1|import_umath1)\s*\(\s*(NULL|0)\s*\)/dg, /\bimport_array2\s*\([^()]*,\s*(NULL|0)\s*\)/dg, /\bimport_umath2\s*\(\s*(NULL|0)\s*,/dg];
  for (const re of withValue) {
    for (const m of region.matchAll(re)) {
      const [from, to] = m.indices![1]!;
      if (ctx.claimed.some((c) => body.startIndex + from >= c.start && body.startIndex + from < c.end)) continue;
      claim(ctx, { start: body.startIndex + from, end: body.startIndex + to, newText: '-1' });
    }
  }
}
