// Collects function definitions from the tree, and makes sure every
// `PyInit_<name>` the text defines is found even when the file tree is
// confused: such a function is re-parsed on its own (same offsets).
import type { Node, Tree } from 'web-tree-sitter';
import type { LanguageId } from '../grammars';
import type { FunctionInfo } from '../model';
import { parseSlice } from '../parser';
import { query } from '../queries';
import { matchBrace } from '../text/codeMask';
import { declarationStart } from './declarations';
import { countErrors, declaredName, functionDeclarator, spanOf } from './nodes';

export function functionInfo(fn: Node, body: Node, reparsed: boolean): FunctionInfo | null {
  const declarator = functionDeclarator(fn);
  const nameNode = declaredName(declarator);
  if (!declarator || !nameNode) return null;
  const params = declarator.childForFieldName('parameters');
  const first = params?.namedChildren.find((c) => c?.type === 'parameter_declaration');
  const firstParam = first ? declaredName(first.childForFieldName('declarator'))?.text : undefined;
  return { name: nameNode.text, node: fn, span: spanOf(fn), nameSpan: spanOf(nameNode), body, firstParam, reparsed };
}

export function collectFunctions(tree: Tree, lang: LanguageId): FunctionInfo[] {
  const out: FunctionInfo[] = [];
  for (const match of query(lang, 'functions').matches(tree.rootNode)) {
    const fn = match.captures.find((c) => c.name === 'function')?.node;
    const body = match.captures.find((c) => c.name === 'body')?.node;
    if (!fn || !body) continue;
    const info = functionInfo(fn, body, false);
    if (info) out.push(info);
  }
  return out;
}

/**
 * Re-read a function by name from text when the tree lost it or holds it
 * with parse errors. `extraTrees` collects trees the caller must delete.
 */
export function locateFunctionByText(
  text: string,
  mask: string,
  lang: LanguageId,
  name: string,
  known: FunctionInfo | undefined,
  extraTrees: Tree[],
): FunctionInfo | undefined {
  if (known && !known.body.hasError) return known;
  const re = new RegExp(`\\b${name}\\s*\\(([^;{}]*)\\)\\s*\\{`, 'g');
  for (const m of mask.matchAll(re)) {
    const open = m.index + m[0].length - 1;
    const close = matchBrace(mask, open);
    if (close === -1) continue;
    const start = declarationStart(mask, m.index);
    const tree = parseSlice(text, lang, start, close + 1);
    if (!tree) continue;
    const fn = findFunctionNamed(tree.rootNode, name);
    const body = fn?.childForFieldName('body');
    if (!fn || !body || body.type !== 'compound_statement') {
      tree.delete();
      continue;
    }
    if (known && countErrors(known.body) <= countErrors(body)) {
      tree.delete();
      return known;
    }
    extraTrees.push(tree);
    const info = functionInfo(fn, body, true);
    if (info) return info;
  }
  return known;
}

function findFunctionNamed(root: Node, name: string): Node | null {
  for (const child of root.descendantsOfType('function_definition')) {
    if (child && declaredName(functionDeclarator(child))?.text === name) return child;
  }
  return null;
}

/** Names of `PyInit_*` functions the text defines (not prototypes, not comments). */
export function initNamesInText(mask: string): string[] {
  const names = new Set<string>();
  for (const m of mask.matchAll(/\b(PyInit_\w+)\s*\(\s*(?:void)?\s*\)\s*\{/g)) names.add(m[1]!);
  return [...names];
}
