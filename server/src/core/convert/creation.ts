// Removes what only single-phase init needs: the creation call, the NULL
// check after it, and the declaration of the module variable (which becomes
// exec's parameter). Static globals the module was stored in keep it, with
// a reference of their own.
import type { Node } from 'web-tree-sitter';
import { declaredName } from '../analysis/nodes';
import { declaratorsOf } from '../analysis/names';
import { claim, globalStoreLines, refuseBody, type BodyContext } from './bodyContext';
import { positiveCheckAfter } from './unwrap';
import { codeChildren, descendants, isNullExpression, lineStartOf, removeNode, replaceWithLines, unwrapExpression } from './text';

/**
 * Top of `m = g = (PyObject *)PyModule_Create(...)`: the outermost plain
 * assignment or wrapper. In an `if` condition, what the NULL test wraps;
 * null when the call sits in any other larger expression.
 */
function assignmentChainTop(call: Node, statement: Node): Node | null {
  let node = call;
  for (let p = node.parent; p && p.id !== statement.id; node = p, p = p.parent) {
    if (p.type === 'parenthesized_expression' || p.type === 'cast_expression') continue;
    if (p.type === 'assignment_expression' && p.childForFieldName('right')?.id === node.id && p.childForFieldName('operator')?.text === '=') continue;
    if (p.type === 'init_declarator' || p.type === 'expression_statement' || p.type === 'condition_clause') return node;
    return statement.type === 'if_statement' ? node : null;
  }
  return node;
}

/** `!x`, `x == NULL`, `NULL == x`, where `x` (unwrapped) satisfies `matches`. */
export function isNullTest(condition: Node | null, matches: (n: Node) => boolean): boolean {
  let c = condition;
  if (c?.type === 'condition_clause') c = c.childForFieldName('value');
  c = unwrapExpression(c);
  if (!c) return false;
  if (c.type === 'unary_expression' && c.childForFieldName('operator')?.text === '!') {
    const arg = unwrapExpression(c.childForFieldName('argument'));
    return arg !== null && matches(arg);
  }
  if (c.type === 'binary_expression' && c.childForFieldName('operator')?.text === '==') {
    const left = unwrapExpression(c.childForFieldName('left'));
    const right = unwrapExpression(c.childForFieldName('right'));
    return (left !== null && matches(left) && isNullExpression(right)) || (right !== null && matches(right) && isNullExpression(left));
  }
  return false;
}

function nextCodeSibling(node: Node): Node | null {
  for (let s = node.nextNamedSibling; s; s = s.nextNamedSibling) if (s.type !== 'comment') return s;
  return null;
}

/** Replace (or remove, when there is nothing to store) the creation statement. */
function replaceCreationStatement(ctx: BodyContext, statement: Node): void {
  const lines = globalStoreLines(ctx);
  if (lines.length) {
    claim(ctx, replaceWithLines(ctx.text, statement, lines, ctx.style.eol), statement);
    return;
  }
  claim(ctx, removeNode(ctx.text, ctx.mask, statement), statement);
  removeAttachedComment(ctx, statement);
}

/** A comment on the lines right above the removed creation described it: it goes too. */
function removeAttachedComment(ctx: BodyContext, statement: Node): void {
  const comment = statement.previousNamedSibling;
  if (comment?.type !== 'comment') return;
  const between = ctx.text.slice(comment.endIndex, statement.startIndex);
  const ownLine = ctx.text.slice(lineStartOf(ctx.text, comment.startIndex), comment.startIndex).trim() === '';
  if (ownLine && /^[ \t]*\r?\n[ \t]*$/.test(between)) claim(ctx, removeNode(ctx.text, ctx.mask, comment), comment);
}

export function rewriteCreation(ctx: BodyContext): void {
  const { creation } = ctx.target;
  const init = ctx.target.source;
  const statement = creation.statement;
  const body = init.body;
  if (!statement) {
    refuseBody(ctx, 'creation-in-expression', `the result of ${creation.kind} is used in an expression the converter does not follow`, creation.call);
    return;
  }
  const top = assignmentChainTop(creation.call, statement);
  if (statement.type === 'return_statement') {
    if (unwrapExpression(codeChildren(statement)[0] ?? null)?.id !== creation.call.id) {
      refuseBody(ctx, 'creation-in-expression', `${init.name} returns an expression built around ${creation.kind}`, creation.call);
      return;
    }
    claim(ctx, { start: statement.startIndex, end: statement.endIndex, newText: 'return 0;' }, statement);
    return;
  }
  if (!top) {
    refuseBody(ctx, 'creation-in-expression', `the result of ${creation.kind} is used in an expression the converter does not follow`, creation.call);
    return;
  }
  if (statement.type === 'expression_statement') {
    replaceCreationStatement(ctx, statement);
  } else if (statement.type === 'if_statement') {
    const isCreation = (n: Node): boolean => n.id === top.id || unwrapExpression(top)?.id === n.id;
    if (statement.childForFieldName('alternative') || !isNullTest(statement.childForFieldName('condition'), isCreation)) {
      refuseBody(ctx, 'creation-in-expression', `the ${creation.kind} call sits in a condition the converter does not follow`, creation.call);
      return;
    }
    replaceCreationStatement(ctx, statement);
  } else if (statement.type === 'declaration') {
    if (ctx.globalTargets.length) {
      refuseBody(ctx, 'global-store-in-expression', 'the module is stored in a global inside a declaration; split the declaration first', statement);
      return;
    }
  } else {
    refuseBody(ctx, 'creation-in-expression', `the ${creation.kind} call sits in a ${statement.type.replace(/_/g, ' ')} the converter does not follow`, creation.call);
    return;
  }
  if (statement.parent?.id !== body.id && statement.parent?.type !== 'compound_statement') {
    refuseBody(ctx, 'creation-in-expression', `the ${creation.kind} call is not a statement of its own`, creation.call);
    return;
  }
  if (statement.type !== 'if_statement') removeNullCheck(ctx, statement);
  removeModuleDeclarations(ctx);
}

/**
 * `if (m == NULL) return NULL;` right after the creation: the module exists
 * in exec. Its positive form `if (m != NULL) { ... }` is noted for unwrapping.
 */
function removeNullCheck(ctx: BodyContext, statement: Node): void {
  const next = nextCodeSibling(statement);
  ctx.positiveCheck = positiveCheckAfter(ctx, next);
  if (!next || next.type !== 'if_statement' || next.childForFieldName('alternative')) return;
  const names = new Set(ctx.globalTargets);
  if (ctx.localModuleVar) names.add(ctx.localModuleVar);
  if (isNullTest(next.childForFieldName('condition'), (n) => n.type === 'identifier' && names.has(n.text))) {
    claim(ctx, removeNode(ctx.text, ctx.mask, next), next);
  }
}

/** Drop the local module variable's declarators: the parameter replaces them. */
function removeModuleDeclarations(ctx: BodyContext): void {
  const name = ctx.localModuleVar;
  if (!name) return;
  for (const decl of descendants(ctx.target.source.body)) {
    if (decl.type !== 'declaration') continue;
    const declarators = declaratorsOf(decl);
    const index = declarators.findIndex((d) => declaredName(d)?.text === name);
    if (index === -1) continue;
    const declarator = declarators[index]!;
    const type = decl.childForFieldName('type')?.text;
    const inner = declarator.type === 'init_declarator' ? declarator.childForFieldName('declarator') : declarator;
    const value = declarator.type === 'init_declarator' ? declarator.childForFieldName('value') : null;
    const pointer = type === 'PyObject' && inner?.type === 'pointer_declarator' && inner.childForFieldName('declarator')?.type === 'identifier';
    if (!pointer && !deducesObjectPointer(ctx, decl, inner, value)) {
      refuseBody(ctx, 'module-variable-type', `the module variable '${name}' is declared as '${decl.text.replace(/\s+/g, ' ').slice(0, 60)}', not 'PyObject *${name}'`, decl);
      return;
    }
    if (value && !isNullExpression(value) && value.id !== ctx.target.creation.call.id && unwrapExpression(value)?.id !== ctx.target.creation.call.id) {
      refuseBody(ctx, 'module-variable-type', `the module variable '${name}' starts out as '${value.text}'`, decl);
      return;
    }
    if (declarators.length === 1) {
      claim(ctx, removeNode(ctx.text, ctx.mask, decl), decl);
    } else if (index < declarators.length - 1) {
      claim(ctx, { start: declarator.startIndex, end: declarators[index + 1]!.startIndex, newText: '' }, declarator);
    } else {
      claim(ctx, { start: declarators[index - 1]!.endIndex, end: declarator.endIndex, newText: '' }, declarator);
    }
  }
}

/**
 * C++ `auto m = PyModule_Create(...)` (or `auto *m`): the type deduced from
 * the call is exactly `PyObject *`, exec's parameter type. Only with the
 * call itself (or a `(PyObject *)` cast of it) as initialiser, nothing else
 * in the declaration (no `const`, no `static`).
 */
function deducesObjectPointer(ctx: BodyContext, decl: Node, inner: Node | null | undefined, value: Node | null): boolean {
  if (decl.childForFieldName('type')?.text !== 'auto' || codeChildren(decl).length !== 2 || !value) return false;
  const named = inner?.type === 'pointer_declarator' ? inner.childForFieldName('declarator') : inner;
  if (named?.type !== 'identifier') return false;
  const call = ctx.target.creation.call;
  for (let v: Node | null = value; v; v = v.type === 'cast_expression' ? v.childForFieldName('value') : v.namedChildren.find((c) => c?.type !== 'comment') ?? null) {
    if (v.id === call.id) return true;
    if (v.type === 'cast_expression' && v.childForFieldName('type')?.text.replace(/\s+/g, '') !== 'PyObject*') return false;
    if (v.type !== 'cast_expression' && v.type !== 'parenthesized_expression') return false;
  }
  return false;
}
