// Syntax helpers about the names a C body declares and uses, shared by the
// converter's checks and passes (and free of any conversion state).
import type { Node } from 'web-tree-sitter';
import { declaredName, descendants } from './nodes';

export function isStaticDeclaration(decl: Node): boolean {
  return decl.children.some((c) => c?.type === 'storage_class_specifier' && c.text === 'static');
}

export function declaratorsOf(decl: Node): Node[] {
  return decl.childrenForFieldName('declarator').filter((d): d is Node => d !== null);
}

/** Names declared without `static` anywhere in the body. */
export function localNames(body: Node): Set<string> {
  const names = new Set<string>();
  for (const node of descendants(body)) {
    if (node.type !== 'declaration' || isStaticDeclaration(node)) continue;
    for (const d of declaratorsOf(node)) {
      const name = declaredName(d)?.text;
      if (name) names.add(name);
    }
  }
  return names;
}

/** First candidate that appears nowhere in `haystack` as an identifier. */
export function freshName(haystack: string, candidates: string[]): string {
  for (const c of candidates) if (!new RegExp(`\\b${c}\\b`).test(haystack)) return c;
  for (let i = 2; ; i++) if (!new RegExp(`\\bmodule${i}\\b`).test(haystack)) return `module${i}`;
}

/** The identifier at the root of an lvalue: `g`, `g.x`, `g[i]`, `*g`. */
export function rootIdentifier(node: Node | null): string | undefined {
  let n = node;
  for (let guard = 0; n && guard < 12; guard++) {
    if (n.type === 'identifier') return n.text;
    if (n.type === 'field_expression') n = n.childForFieldName('argument');
    else if (n.type === 'subscript_expression') n = n.childForFieldName('argument');
    else if (n.type === 'pointer_expression') n = n.childForFieldName('argument');
    else if (n.type === 'parenthesized_expression') n = n.namedChild(0);
    else return undefined;
  }
  return undefined;
}
