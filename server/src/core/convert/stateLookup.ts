// PyState_FindModule / PyState_AddModule under replay. A single-phase module
// is registered per interpreter after PyInit returns; a multi-phase def has
// no such registry. Under replay one module object ran the body and is kept
// in a static, so `PyState_FindModule(&def)` reads that static (a borrowed
// reference, as before) and `PyState_AddModule(m, &def)` goes. Anything else
// (another def, PyState_RemoveModule, a call the converter cannot place) is
// refused.
import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../edits';
import type { FileModel } from '../model';
import { claim, type BodyContext } from './bodyContext';
import { refusal, type Refusal } from './refusalCatalogue';
import { setGilStatement } from './setGil';
import { codeChildren, descendants, removeNode, unwrapExpression } from './text';

export type LookupRewrite = { ok: true; edits: TextEdit[]; usedAt: number[] } | { ok: false; reason: Refusal };

const LOOKUP = /^PyState_(FindModule|AddModule|RemoveModule)$/;

/** Every PyState_* call of the file, found in function bodies. */
export function stateLookupCalls(model: FileModel): Node[] {
  const calls: Node[] = [];
  for (const fn of model.functions.values()) {
    for (const node of descendants(fn.body)) {
      if (node.type === 'call_expression' && LOOKUP.test(node.childForFieldName('function')?.text ?? '')) calls.push(node);
    }
  }
  return calls;
}

export function rewriteStateLookups(ctx: BodyContext, calls: Node[], bodyModule: string): LookupRewrite {
  const def = ctx.target.def.varName;
  const body = ctx.target.source.body;
  const inBody = (n: Node): boolean => n.startIndex >= body.startIndex && n.endIndex <= body.endIndex;
  const edits: TextEdit[] = [];
  const usedAt: number[] = [];
  for (const call of calls) {
    const name = call.childForFieldName('function')!.text;
    const args = codeChildren(call.childForFieldName('arguments') ?? call);
    const defArg = unwrapExpression(args[name === 'PyState_FindModule' ? 0 : 1] ?? null);
    const names = defArg?.type === 'pointer_expression' ? unwrapExpression(defArg.childForFieldName('argument'))?.text : undefined;
    if (name === 'PyState_RemoveModule') return { ok: false, reason: refusal('state-lookup', 'the file calls PyState_RemoveModule, which has no multi-phase equivalent') };
    if (names !== def) return { ok: false, reason: refusal('state-lookup', `the file calls ${name} with '${defArg?.text ?? ''}', not '&${def}'`) };
    if (name === 'PyState_FindModule') {
      const edit = { start: call.startIndex, end: call.endIndex, newText: bodyModule };
      if (inBody(call)) claim(ctx, edit, call);
      else edits.push(edit);
      usedAt.push(call.startIndex);
      continue;
    }
    // PyState_AddModule: only as a statement of the body (`PyState_AddModule(m, &def);` or `if (... < 0) {...}`).
    const statement = inBody(call) ? setGilStatement(call) : null;
    if (!statement) return { ok: false, reason: refusal('state-lookup', 'PyState_AddModule is called where the converter cannot remove it (outside the init, or inside a larger expression)') };
    dropClaimsInside(ctx, statement);
    const removal = removeNode(ctx.text, ctx.mask, statement);
    // Whole-line removal can reach code the body rewrite already edited on the same lines.
    if (ctx.edits.some((e) => e.start < removal.end && e.end > removal.start)) {
      return { ok: false, reason: refusal('state-lookup', 'PyState_AddModule shares its lines with code the conversion also rewrites') };
    }
    claim(ctx, removal, statement);
  }
  return { ok: true, edits, usedAt };
}

/** The body rewrite may already have edited inside a statement that now goes whole. */
function dropClaimsInside(ctx: BodyContext, statement: Node): void {
  const inside = (s: { start: number; end: number }): boolean => s.start >= statement.startIndex && s.end <= statement.endIndex;
  ctx.edits = ctx.edits.filter((e) => !inside(e));
  ctx.claimed = ctx.claimed.filter((c) => !inside(c));
}
