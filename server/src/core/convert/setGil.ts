// `PyUnstable_Module_SetGIL(m, V)` is how single-phase code declares GIL use;
// in multi-phase code the Py_mod_gil slot says it. The call (with its
// `#ifdef Py_GIL_DISABLED` wrapper when that holds nothing else) goes, and V
// becomes the slot value.
import type { Node } from 'web-tree-sitter';
import { claim, type BodyContext } from './bodyContext';
import { refusal } from './refusalCatalogue';
import { codeChildren, removeNode, unwrapExpression } from './text';

export function removeSetGil(ctx: BodyContext, call: Node, args: Node[]): void {
  const value = args[1]?.text.trim();
  if (!value) {
    ctx.reasons.push(refusal('setgil-unreadable', 'PyUnstable_Module_SetGIL is called without a value', { start: call.startIndex, end: call.endIndex }));
    return;
  }
  const statement = setGilStatement(call);
  if (!statement) {
    ctx.reasons.push(refusal('setgil-unreadable', 'PyUnstable_Module_SetGIL is called inside an expression the converter does not follow', { start: call.startIndex, end: call.endIndex }));
    return;
  }
  ctx.gilValue = value;
  const wrapper = statement.parent;
  const wrapperOnlyHoldsCall =
    wrapper &&
    (wrapper.type === 'preproc_ifdef' || wrapper.type === 'preproc_if') &&
    /Py_GIL_DISABLED/.test(wrapper.childForFieldName(wrapper.type === 'preproc_if' ? 'condition' : 'name')?.text ?? '') &&
    !wrapper.childForFieldName('alternative') &&
    codeChildren(wrapper).filter((c) => c.type !== 'identifier' && c.id !== wrapper.childForFieldName('condition')?.id).length === 1;
  const removed = wrapperOnlyHoldsCall ? wrapper : statement;
  claim(ctx, removeNode(ctx.text, ctx.mask, removed), removed);
  // A comment that explained the chosen value now explains the slot.
  const comments = wrapperOnlyHoldsCall ? wrapper.namedChildren.filter((c): c is Node => c?.type === 'comment') : [];
  ctx.gilComments.push(...comments.map((c) => c.text));
}

/** The statement to delete: `SetGIL(...);` or `if (SetGIL(...) < 0) {...}`. */
export function setGilStatement(call: Node): Node | null {
  let node: Node = call;
  for (let p = node.parent; p; node = p, p = p.parent) {
    if (p.type === 'expression_statement') return unwrapExpression(codeChildren(p)[0] ?? null)?.id === call.id ? p : null;
    if (p.type === 'if_statement') return p.childForFieldName('condition')?.id === node.id && !p.childForFieldName('alternative') ? p : null;
    if (!['parenthesized_expression', 'binary_expression', 'unary_expression', 'condition_clause', 'cast_expression'].includes(p.type)) return null;
  }
  return null;
}
