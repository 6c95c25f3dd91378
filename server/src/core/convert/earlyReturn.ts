// The early return ujson and the projects derived from it put at the top of
// PyInit:
//
//   if ((module = PyState_FindModule(&moduledef)) != NULL) {
//       Py_INCREF(module);
//       return module;
//   }
//
// With m_size -1 single-phase init never reaches it again once the module
// exists in an interpreter: later imports there get a copy of the first
// module's namespace without calling PyInit. So it goes, with a note, and
// what it stood for is what the re-import policy already keeps. With
// m_size >= 0 PyInit did run again and this handed the earlier module back,
// which an exec (always given a new module object) cannot do: refused.
import type { Node } from 'web-tree-sitter';
import { claim, refuseBody, type BodyContext } from './bodyContext';
import { codeChildren, isNullExpression, removeSpan, unwrapExpression } from './text';

export interface EarlyReturn {
  /** The removed statement (or the #ifdef group holding only it). */
  statement: Node;
  /** Its PyState_FindModule call, which is no longer a lookup to rewrite. */
  call: Node;
}

/**
 * Removes the early return from the body when `negativeSize`, refuses the
 * conversion otherwise; undefined when the body has none.
 */
export function dropFindModuleEarlyReturn(ctx: BodyContext, negativeSize: boolean): EarlyReturn | undefined {
  const found = findEarlyReturn(ctx);
  if (!found) return undefined;
  if (!negativeSize) {
    refuseBody(ctx, 'state-lookup', `${ctx.target.source.name} returns the module PyState_FindModule finds: with m_size ${ctx.target.def.fields.m_size?.valueText.trim() ?? '0'} single-phase init ran again on re-import and handed back that earlier module, which an exec, always given a new module object, cannot do`, found.statement);
    return found;
  }
  // A comment on the lines right above it speaks of it: it goes too.
  const prev = found.statement.previousSibling;
  const ownLines = prev?.type === 'comment' && /^[ \t]*\r?\n[ \t]*$/.test(ctx.text.slice(prev.endIndex, found.statement.startIndex)) && /(^|\n)[ \t]*$/.test(ctx.text.slice(0, prev.startIndex));
  claim(ctx, removeSpan(ctx.text, ctx.mask, ownLines ? prev.startIndex : found.statement.startIndex, found.statement.endIndex), found.statement);
  return found;
}

/** The sentence for the notes. */
export function earlyReturnNote(found: EarlyReturn, initName: string): string {
  return `PyState_FindModule: the early return at the top of ${initName} (${found.call.text.replace(/\s+/g, ' ')}) was removed; with m_size -1 single-phase init never reached it again once the module existed, since later imports got a copy of its namespace without calling ${initName}.`;
}

function findEarlyReturn(ctx: BodyContext): EarlyReturn | undefined {
  const moduleVar = ctx.localModuleVar;
  const body = ctx.target.source.body;
  if (!moduleVar) return undefined;
  for (const top of codeChildren(body)) {
    if (top.startIndex >= ctx.target.creation.span.start) break;
    // ujson wraps it in `#ifndef PYPY_VERSION`: the group goes with it when it holds nothing else.
    const inGroup = /^preproc_ifn?def$/.test(top.type) ? codeChildren(top).filter((c) => c.type !== 'identifier') : undefined;
    const candidate = inGroup?.length === 1 && !top.childForFieldName('alternative') ? inGroup[0]! : top;
    const call = earlyReturnCall(candidate, moduleVar, ctx.target.def.varName);
    if (call) return { statement: top, call };
  }
  return undefined;
}

/** `if ((m = PyState_FindModule(&def)) != NULL) { Py_INCREF(m); return m; }`: its call. */
function earlyReturnCall(statement: Node, moduleVar: string, defName: string): Node | undefined {
  if (statement.type !== 'if_statement' || statement.childForFieldName('alternative')) return undefined;
  let test = unwrapExpression(statement.childForFieldName('condition'));
  if (test?.type === 'binary_expression' && test.childForFieldName('operator')?.text === '!=') {
    const [left, right] = [test.childForFieldName('left'), test.childForFieldName('right')];
    test = isNullExpression(right) ? unwrapExpression(left) : isNullExpression(left) ? unwrapExpression(right) : null;
  }
  if (test?.type !== 'assignment_expression' || test.childForFieldName('left')?.text !== moduleVar) return undefined;
  const call = unwrapExpression(test.childForFieldName('right'));
  if (call?.type !== 'call_expression' || call.childForFieldName('function')?.text !== 'PyState_FindModule') return undefined;
  const arg = unwrapExpression(codeChildren(call.childForFieldName('arguments') ?? call)[0] ?? null);
  if (arg?.type !== 'pointer_expression' || unwrapExpression(arg.childForFieldName('argument'))?.text !== defName) return undefined;
  const consequence = statement.childForFieldName('consequence');
  const steps = consequence?.type === 'compound_statement' ? codeChildren(consequence) : consequence ? [consequence] : [];
  const last = steps[steps.length - 1];
  const returned = last?.type === 'return_statement' ? unwrapExpression(codeChildren(last)[0] ?? null) : null;
  const returnsModule = returned?.text === moduleVar || (returned?.type === 'call_expression' && /^Py_X?NewRef$/.test(returned.childForFieldName('function')?.text ?? '') && returned.text.includes(moduleVar));
  const increfs = steps.slice(0, -1).every((s) => new RegExp(`^Py_X?INCREF\\s*\\(\\s*${moduleVar}\\s*\\)\\s*;$`).test(s.text));
  return returnsModule && increfs ? call : undefined;
}
