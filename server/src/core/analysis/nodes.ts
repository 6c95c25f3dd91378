// Small helpers over tree-sitter nodes.
import type { Node } from 'web-tree-sitter';
import type { Span } from '../model';

export function spanOf(node: Node): Span {
  return { start: node.startIndex, end: node.endIndex };
}

/** The identifier a (function/pointer/array/init) declarator declares. */
export function declaredName(declarator: Node | null): Node | null {
  let node = declarator;
  for (let guard = 0; node && guard < 20; guard++) {
    if (node.type === 'identifier' || node.type === 'field_identifier') return node;
    if (node.type === 'qualified_identifier') return node.childForFieldName('name');
    const next = node.childForFieldName('declarator');
    if (!next) return node.namedChildren.find((c) => c?.type === 'identifier') ?? null;
    node = next;
  }
  return null;
}

/** The function_declarator inside a function definition's declarator. */
export function functionDeclarator(fn: Node): Node | null {
  let node = fn.childForFieldName('declarator');
  for (let guard = 0; node && guard < 20; guard++) {
    if (node.type === 'function_declarator') return node;
    node = node.childForFieldName('declarator');
  }
  return null;
}

export const PREPROC_BRANCH = new Set(['preproc_if', 'preproc_ifdef', 'preproc_else', 'preproc_elif', 'preproc_elifdef']);

/** True when some ancestor of `node` below `stop` is a preprocessor branch. */
export function inPreprocessorBranch(node: Node, stop: Node): boolean {
  for (let p = node.parent; p && p.id !== stop.id; p = p.parent) if (PREPROC_BRANCH.has(p.type)) return true;
  return false;
}

/** Nearest ancestor (or self) whose type is in `types`. */
export function ancestor(node: Node, types: ReadonlySet<string> | string): Node | null {
  for (let p: Node | null = node; p; p = p.parent) {
    if (typeof types === 'string' ? p.type === types : types.has(p.type)) return p;
  }
  return null;
}

export function countErrors(node: Node): number {
  if (!node.hasError) return 0;
  let count = 0;
  const cursor = node.walk();
  let more = true;
  while (more) {
    const n = cursor.currentNode;
    if (n.type === 'ERROR' || n.isMissing) count++;
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) { more = false; break; }
    }
  }
  cursor.delete();
  return count;
}

/** Every descendant of `node` (itself included), depth first. */
export function* descendants(node: Node): Generator<Node> {
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    yield n;
    for (let i = n.childCount - 1; i >= 0; i--) {
      const c = n.child(i);
      if (c) stack.push(c);
    }
  }
}
