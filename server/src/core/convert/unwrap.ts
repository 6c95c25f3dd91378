// `if (m != NULL) { ... }` right after the removed creation: exec's module
// is never NULL, so the test is dead code. Its block is unwrapped — the
// statements move out one indentation level — but only when that provably
// changes nothing: the block is the whole `if` (no else), its braces stand on
// lines of their own, every moved line carries the block's indentation, and
// no name declared in the block is used elsewhere in the body.
import type { Node } from 'web-tree-sitter';
import { declaredName } from '../analysis/nodes';
import type { TextEdit } from '../edits';
import { declaratorsOf } from '../analysis/names';
import { moduleNames, type BodyContext } from './bodyContext';
import { applyInside, codeChildren, identifierIn, indentAt, isNullExpression, lineEndOf, lineStartOf, nextLineStart, removeNode, unwrapExpression } from './text';

/** `m`, `m != NULL`, `NULL != m` (also with 0/nullptr), where `m` (unwrapped) satisfies `matches`. */
export function isNonNullTest(condition: Node | null, matches: (n: Node) => boolean): boolean {
  let c = condition;
  if (c?.type === 'condition_clause') c = c.childForFieldName('value');
  c = unwrapExpression(c);
  if (!c) return false;
  if (c.type === 'identifier') return matches(c);
  if (c.type === 'binary_expression' && c.childForFieldName('operator')?.text === '!=') {
    const left = unwrapExpression(c.childForFieldName('left'));
    const right = unwrapExpression(c.childForFieldName('right'));
    return (left !== null && matches(left) && isNullExpression(right)) || (right !== null && matches(right) && isNullExpression(left));
  }
  return false;
}

/** The `if` testing that the module exists, when it is the statement right after the creation. */
export function positiveCheckAfter(ctx: BodyContext, next: Node | null): Node | undefined {
  if (next?.type !== 'if_statement' || next.childForFieldName('alternative')) return undefined;
  const names = moduleNames(ctx);
  if (!isNonNullTest(next.childForFieldName('condition'), (n) => n.type === 'identifier' && names.has(n.text))) return undefined;
  return next.childForFieldName('consequence')?.type === 'compound_statement' ? next : undefined;
}

/**
 * Replace the `if` (and every body edit inside it) by its edited block,
 * dedented one level. Leaves everything as it is when any condition for a
 * safe, clean unwrap does not hold: the dead test is correct code.
 */
export function unwrapPositiveCheck(ctx: BodyContext, ifNode: Node): void {
  const { text, mask } = ctx;
  const block = ifNode.childForFieldName('consequence');
  if (!block || block.endIndex !== ifNode.endIndex) return;
  const open = block.startIndex;
  const close = block.endIndex - 1;
  const start = lineStartOf(text, ifNode.startIndex);
  const end = nextLineStart(text, close);
  // Header and closing brace alone on their lines, no comment in the header (it would be lost).
  if (text.slice(start, ifNode.startIndex).trim() !== '' || text.slice(ifNode.startIndex, open + 1) !== mask.slice(ifNode.startIndex, open + 1)) return;
  if (text.slice(open + 1, lineEndOf(text, open)).trim() !== '') return;
  if (text.slice(lineStartOf(text, close), close).trim() !== '' || text.slice(close + 1, lineEndOf(text, close)).trim() !== '') return;
  if (declaresNamesUsedOutside(ctx, block, ifNode)) return;

  const innerStart = nextLineStart(text, open);
  const innerEnd = lineStartOf(text, close);
  if (innerStart > innerEnd) return;
  const inside: TextEdit[] = [];
  for (const e of ctx.edits) {
    const overlaps = e.start < end && e.end > start;
    const touches = e.start === e.end && e.start > start && e.start < end;
    if (!overlaps && !touches) continue;
    if (e.start < innerStart || e.end > innerEnd) return;
    inside.push(e);
  }
  const dedented = dedentLines(applyInside(text, innerStart, innerEnd, inside), indentAt(text, ifNode.startIndex), ctx.style.indent);
  if (dedented === undefined) return;
  ctx.edits = ctx.edits.filter((e) => !inside.includes(e));
  ctx.edits.push({ start, end, newText: dedented });
  ctx.claimed.push({ start, end });
  dropUnreachableReturn(ctx, block, ifNode);
}

/**
 * `if (m != NULL) { ...; return m; } return NULL;`: once unwrapped, the block
 * ends in a return, so the return after it (the old NULL exit) can never
 * run — `return 0; return -1;` is what a reviewer would ask to remove.
 */
function dropUnreachableReturn(ctx: BodyContext, block: Node, ifNode: Node): void {
  const last = codeChildren(block).at(-1);
  let after = ifNode.nextNamedSibling;
  while (after?.type === 'comment') after = after.nextNamedSibling;
  if (last?.type !== 'return_statement' || after?.type !== 'return_statement') return;
  const removal = removeNode(ctx.text, ctx.mask, after);
  if (ctx.edits.some((e) => e.start < removal.end && e.end > removal.start && (e.start < after.startIndex || e.end > after.endIndex))) return;
  ctx.edits = ctx.edits.filter((e) => e.start < after.startIndex || e.end > after.endIndex);
  ctx.edits.push(removal);
  ctx.claimed.push({ start: removal.start, end: removal.end });
}

/** Moving a declaration out of its block widens its scope: only safe when its name is used nowhere else. */
function declaresNamesUsedOutside(ctx: BodyContext, block: Node, ifNode: Node): boolean {
  const body = ctx.target.source.body;
  const outside = ctx.mask.slice(body.startIndex, ifNode.startIndex) + ' ' + ctx.mask.slice(ifNode.endIndex, body.endIndex);
  for (const statement of codeChildren(block)) {
    if (statement.type !== 'declaration') continue;
    for (const d of declaratorsOf(statement)) {
      const name = declaredName(d)?.text;
      if (!name || identifierIn(outside, name)) return true;
    }
  }
  return false;
}

/**
 * Remove one `unit` after `base` from every line; preprocessor lines and
 * blank lines may have less. Undefined when any other line does not carry
 * the full indentation (a continued string, odd hand layout).
 */
function dedentLines(block: string, base: string, unit: string): string | undefined {
  const prefix = base + unit;
  const lines = block.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const last = i === lines.length - 1;
    if (line.startsWith(prefix)) out.push(base + line.slice(prefix.length));
    else if (line.trim() === '' || line.trimStart().startsWith('#') || (last && line === '')) out.push(line);
    else return undefined;
  }
  return out.join('\n');
}
