// Collects function definitions from the tree, and makes sure every
// `PyInit_<name>` the text defines is found even when the file tree is
// confused: such a function is re-parsed on its own (same offsets).
import type { Node, Tree } from 'web-tree-sitter';
import type { LanguageId } from '../grammars';
import type { FunctionInfo, Span } from '../model';
import { parseRanges } from '../parser';
import { matchBrace } from '../text/codeMask';
import { armsAt, directivesIn, firstArmRanges, matchBodyBrace, type PreprocessorModel } from '../text/preprocessorModel';
import { declarationStart } from './declarations';
import type { FunctionMemo, HeaderFacts } from './functionMemo';
import { countErrors, declaredName, functionDeclarator, spanOf } from './nodes';

export function functionInfo(fn: Node, body: Node, reparsed: boolean): FunctionInfo | null {
  const declarator = functionDeclarator(fn);
  const nameNode = declaredName(declarator);
  if (!declarator || !nameNode) return null;
  const params = declarator.childForFieldName('parameters');
  // firstNamedChild first: building the whole namedChildren array costs more, per function, in wasm calls.
  const head = params?.firstNamedChild;
  const first = head?.type === 'parameter_declaration' ? head : params?.namedChildren.find((c) => c?.type === 'parameter_declaration');
  const firstParam = first ? declaredName(first.childForFieldName('declarator'))?.text : undefined;
  return { name: nameNode.text, node: fn, span: spanOf(fn), nameSpan: spanOf(nameNode), body, firstParam, reparsed };
}

/**
 * Header facts by header text (return type to the body's brace), kept by a
 * caller that analyses the same document again and again: while the user
 * types, a 26k-line file re-collects its two thousand functions on every
 * keystroke, and reading each header through the tree costs about ten wasm
 * calls. Equal header text parses to equal facts, so only the headers that
 * changed are read again.
 */
export type HeaderCache = Map<string, HeaderFacts | null>;
const HEADER_CACHE_LIMIT = 20_000;

/** A copy of a short slice that does not keep the whole file's text alive (V8 slices point into their parent). */
function detached(slice: string): string {
  return Buffer.from(slice, 'utf16le').toString('utf16le');
}

function cachedFunctionInfo(fn: Node, body: Node, text: string, headers: HeaderCache | undefined): FunctionInfo | null {
  if (!headers) return functionInfo(fn, body, false);
  const start = fn.startIndex;
  const header = text.slice(start, body.startIndex);
  let facts = headers.get(header);
  if (facts === undefined) {
    const info = functionInfo(fn, body, false);
    facts = info ? { name: info.name, nameStart: info.nameSpan.start - start, nameEnd: info.nameSpan.end - start, firstParam: info.firstParam } : null;
    if (headers.size >= HEADER_CACHE_LIMIT) headers.clear();
    headers.set(detached(header), facts);
    return info;
  }
  if (!facts) return null;
  return { name: facts.name, node: fn, span: spanOf(fn), nameSpan: { start: start + facts.nameStart, end: start + facts.nameEnd }, body, firstParam: facts.firstParam, reparsed: false };
}

/** Nodes that never hold a function definition: not worth walking into. */
const NO_FUNCTIONS_INSIDE = new Set([
  'compound_statement',
  'initializer_list',
  'string_literal',
  'comment',
  'preproc_def',
  'preproc_function_def',
  'preproc_include',
  'expression_statement',
  'argument_list',
  'enumerator_list',
]);

/**
 * Every function definition, wherever it sits (top level, extern "C",
 * namespaces, preprocessor branches, or inside an ERROR the parser recovered
 * from). A cursor walk that skips bodies and initialisers: a query over the
 * whole tree costs several times more on large files.
 */
export function collectFunctions(tree: Tree, _lang: LanguageId, text: string, memo?: FunctionMemo): FunctionInfo[] {
  const shifted = memo?.shifted(tree);
  if (shifted) return shifted;
  const headers = memo?.headers;
  const out: FunctionInfo[] = [];
  const cursor = tree.walk();
  try {
    for (let more = true; more; ) {
      const type = cursor.nodeType;
      let descend = !NO_FUNCTIONS_INSIDE.has(type);
      if (type === 'function_definition') {
        descend = false;
        const fn = cursor.currentNode;
        const body = fn.childForFieldName('body');
        const info = body?.type === 'compound_statement' ? cachedFunctionInfo(fn, body, text, headers) : null;
        if (info) out.push(info);
      }
      if (descend && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          more = false;
          break;
        }
      }
    }
  } finally {
    cursor.delete();
  }
  memo?.remember(out, tree);
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
  pp: PreprocessorModel,
): FunctionInfo | undefined {
  if (known && !known.body.hasError) return known;
  let best: { tree: Tree; fn: Node; body: Node; errors: number; firstArmOnly: boolean } | undefined;
  const consider = (ranges: Span[], firstArmOnly: boolean): void => {
    const tree = parseRanges(text, lang, ranges);
    const fn = tree ? findFunctionNamed(tree.rootNode, name) : null;
    const body = fn?.childForFieldName('body');
    const errors = body?.type === 'compound_statement' ? countErrors(body) : Infinity;
    if (tree && fn && body && errors < (best?.errors ?? Infinity)) {
      if (best) best.tree.delete();
      best = { tree, fn, body, errors, firstArmOnly };
    } else {
      tree?.delete();
    }
  };
  for (const header of definitionsByText(mask, name, pp)) {
    // A header split from its body by `#else ... #endif` is parsed as two
    // pieces, so the Python 2 header in between does not confuse the tree.
    const split = header.headerEnd !== header.open;
    consider(split ? [{ start: header.start, end: header.headerEnd }, { start: header.open, end: header.close + 1 }] : [{ start: header.start, end: header.close + 1 }], false);
    // Braces that balance only within one `#if` arm: read one configuration.
    if (!split && best?.errors !== 0 && /^[ \t]*#[ \t]*el/m.test(mask.slice(header.open, header.close))) {
      consider(firstArmRanges(pp, mask, header.start, header.close + 1), true);
    }
    if (best) break;
  }
  if (!best) return known;
  if (known && countErrors(known.body) <= best.errors) {
    best.tree.delete();
    return known;
  }
  extraTrees.push(best.tree);
  const info = functionInfo(best.fn, best.body, true);
  if (info && best.firstArmOnly) info.firstArmOnly = true;
  return info ?? known;
}

function findFunctionNamed(root: Node, name: string): Node | null {
  for (const child of root.descendantsOfType('function_definition')) {
    if (child && declaredName(functionDeclarator(child))?.text === name) return child;
  }
  return null;
}

export interface DefinitionHeader {
  /** Start of the declaration (return type, export macros). */
  start: number;
  /** Just after the parameter list's `)`. */
  headerEnd: number;
  /** The body's braces. */
  open: number;
  close: number;
}

/** Text definitions of `name(...) {`, allowing preprocessor lines before the body. */
export function definitionsByText(mask: string, name: string, pp: PreprocessorModel): DefinitionHeader[] {
  const out: DefinitionHeader[] = [];
  for (const m of mask.matchAll(new RegExp(`\\b${name}\\s*\\(([^;{}]*)\\)`, 'g'))) {
    const headerEnd = m.index + m[0].length;
    const open = bodyAfterHeader(mask, headerEnd, pp);
    if (open === -1) continue;
    const close = bodyClose(mask, open, pp);
    if (close === -1) continue;
    out.push({ start: exportStart(mask, declarationStart(mask, m.index), m.index), headerEnd: open === skipSpace(mask, headerEnd) ? open : headerEnd, open, close });
  }
  return out;
}

/**
 * Where the function itself starts when an export or visibility macro precedes
 * `PyMODINIT_FUNC` (`VIS PyMODINIT_FUNC PyInit_x(void)`): the tree reads the two
 * macro names as a declaration of its own and loses the function, so it is read
 * from `PyMODINIT_FUNC` on, and the macro stays where it is, outside the span
 * every edit works on.
 */
function exportStart(mask: string, start: number, name: number): number {
  const at = /\bPyMODINIT_FUNC\b/.exec(mask.slice(start, name));
  return at && at.index > 0 && /^\s*\w+\s*$/.test(mask.slice(start, start + at.index)) ? start + at.index : start;
}

/** The `}` closing a function body: one configuration's braces, else plain counting. */
export function bodyClose(mask: string, open: number, pp: PreprocessorModel): number {
  const close = matchBodyBrace(mask, open, pp);
  return close !== -1 ? close : matchBrace(mask, open);
}

function skipSpace(mask: string, from: number): number {
  let i = from;
  while (i < mask.length && /\s/.test(mask[i]!)) i++;
  return i;
}

/**
 * Index of the `{` that opens the body of a header ending at `from`, or -1.
 * Handles the porting-guide idiom where the header sits in one branch of
 * `#if PY_MAJOR_VERSION >= 3 ... #else void initfoo(void) #endif` and the
 * body follows the `#endif`.
 */
export function bodyAfterHeader(mask: string, from: number, pp: PreprocessorModel): number {
  const i = skipSpace(mask, from);
  if (mask[i] === '{') return i;
  if (mask[i] !== '#') return -1;
  // The #endif closing the group the header sits in, a few lines down.
  const group = armsAt(pp, from).pop();
  const endif = group && pp.groups[group.group]!.endif;
  if (!endif || endif.span.start < i || mask.slice(i, endif.span.start).split('\n').length > 40) return -1;
  let at = i;
  for (const d of directivesIn(mask, i, endif.span.start, pp)) {
    if (!headerOnly(mask.slice(at, d.span.start))) return -1;
    at = d.span.end;
  }
  if (!headerOnly(mask.slice(at, endif.span.start))) return -1;
  const next = skipSpace(mask, endif.span.end);
  return mask[next] === '{' ? next : -1;
}

/** Code lines between directives hold a header only: no `;`, `{` or `}` but an `extern "C" {` opened in each arm. */
function headerOnly(code: string): boolean {
  return code.split('\n').every((line) => !/[;{}]/.test(line) || /^\s*extern\s*"[^"]*"\s*\{\s*$/.test(line));
}

/** Names of `PyInit_*` functions the text defines (not prototypes, not comments). */
export function initNamesInText(mask: string, pp: PreprocessorModel): string[] {
  const names = new Set<string>();
  for (const m of mask.matchAll(/\b(PyInit_\w+)\s*\(\s*(?:void)?\s*\)/g)) {
    if (bodyAfterHeader(mask, m.index + m[0].length, pp) !== -1) names.add(m[1]!);
  }
  return [...names];
}
