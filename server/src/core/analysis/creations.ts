// Finds the calls that create a module inside a function body, and the
// names the created module is assigned to.
import type { Node } from 'web-tree-sitter';
import type { LanguageId } from '../grammars';
import type { CreationCall, CreationKind, FunctionInfo } from '../model';
import { matchBrace } from '../text/codeMask';
import { splitArgs, type CreationMacro } from './macros';
import { inPreprocessorBranch, spanOf } from './nodes';

const CREATORS: Record<string, CreationKind> = {
  PyModule_Create: 'PyModule_Create',
  PyModule_Create2: 'PyModule_Create2',
  Py_InitModule: 'Py_InitModule',
  Py_InitModule3: 'Py_InitModule',
  Py_InitModule4: 'Py_InitModule',
  Py_InitModule4_64: 'Py_InitModule',
};

const STATEMENTS = new Set(['expression_statement', 'declaration', 'return_statement', 'if_statement']);

export interface CallSite {
  name: string;
  call: Node;
  args: Node;
}

/**
 * Every call by plain name inside `node` (`f(x)`, not `obj.f(x)` or
 * `ns::f(x)`), in document order. A native descendant walk, not a
 * tree-sitter query: compiling a query costs tens of milliseconds per
 * grammar, more than the walks of a whole run.
 */
export function callsIn(node: Node, _lang: LanguageId): CallSite[] {
  const out: CallSite[] = [];
  for (const call of node.descendantsOfType('call_expression')) {
    const name = call?.childForFieldName('function');
    const args = call?.childForFieldName('arguments');
    if (call && name?.type === 'identifier' && args?.type === 'argument_list') out.push({ name: name.text, call, args });
  }
  return out;
}

/** `def` in `&def`, `(PyModuleDef *)&def` or `&(def)`. */
export function addressedName(arg: Node | null | undefined): string | undefined {
  let node = arg ?? null;
  for (let guard = 0; node && guard < 6; guard++) {
    if (node.type === 'pointer_expression' && node.child(0)?.type === '&') {
      node = node.childForFieldName('argument');
      while (node?.type === 'parenthesized_expression') node = node.namedChild(0);
      return node?.type === 'identifier' ? node.text : undefined;
    }
    if (node.type === 'cast_expression') node = node.childForFieldName('value');
    else if (node.type === 'parenthesized_expression') node = node.namedChild(0);
    else return undefined;
  }
  return undefined;
}

/** Names a call's result is stored in, innermost first: `m = g = f()` gives [g, m]. */
export function assignmentTargets(call: Node): string[] {
  const names: string[] = [];
  let node: Node = call;
  for (let p = node.parent; p; node = p, p = p.parent) {
    if (p.type === 'parenthesized_expression' || p.type === 'cast_expression') continue;
    if (p.type === 'assignment_expression' && p.childForFieldName('right')?.id === node.id) {
      const left = p.childForFieldName('left');
      if (left?.type === 'identifier') names.push(left.text);
      continue;
    }
    if (p.type === 'init_declarator' && p.childForFieldName('value')?.id === node.id) {
      let d = p.childForFieldName('declarator');
      while (d && d.type !== 'identifier') d = d.childForFieldName('declarator');
      if (d) names.push(d.text);
    }
    break;
  }
  return names;
}

export function statementOf(node: Node, stop: Node): Node | null {
  for (let p: Node | null = node; p && p.id !== stop.id; p = p.parent) if (STATEMENTS.has(p.type)) return p;
  return null;
}

export function creationsIn(fn: FunctionInfo, lang: LanguageId): CreationCall[] {
  const out: CreationCall[] = [];
  for (const site of callsIn(fn.body, lang)) {
    const kind = CREATORS[site.name];
    if (!kind) continue;
    out.push({
      kind,
      call: site.call,
      span: spanOf(site.call),
      defName: kind === 'Py_InitModule' ? undefined : addressedName(site.args.namedChild(0)),
      python2: kind === 'Py_InitModule',
      assignedTo: assignmentTargets(site.call),
      statement: statementOf(site.call, fn.body),
      inPreprocessorBranch: inPreprocessorBranch(site.call, fn.body),
      inFunction: fn.name,
    });
  }
  return out;
}

/**
 * Creations hidden in macros (`MOD_DEF(m, "foo", doc, methods)`), found in
 * the function body's text because an unterminated macro statement is where
 * the tree is least reliable.
 */
export function macroCreationsIn(fn: FunctionInfo, mask: string, macros: ReadonlyMap<string, CreationMacro>): CreationCall[] {
  const names = [...macros.keys()].filter((name) => !(name in CREATORS));
  if (names.length === 0) return [];
  const out: CreationCall[] = [];
  const re = new RegExp(`\\b(?:${names.join('|')})\\b`, 'g');
  re.lastIndex = fn.body.startIndex;
  for (let m = re.exec(mask); m && m.index < fn.body.endIndex; m = re.exec(mask)) {
    const macro = macros.get(m[0])!;
    let end = m.index + m[0].length;
    let defName = typeof macro.def === 'string' ? macro.def : undefined;
    const open = /^\s*\(/.exec(mask.slice(end, end + 200));
    if (open) {
      const close = matchBrace(mask, end + open[0].length - 1);
      if (close === -1 || close > fn.body.endIndex) continue;
      if (typeof macro.def === 'number') {
        const arg = splitArgs(mask, end + open[0].length - 1, close)[macro.def];
        const word = arg ? /^&?\s*(\w+)$/.exec(mask.slice(arg.start, arg.end)) : null;
        defName = word?.[1];
      }
      end = close + 1;
      re.lastIndex = end;
    }
    const node = fn.body.descendantForIndex(m.index, end) ?? fn.body;
    const call = ancestorCall(node, m.index, end);
    out.push({
      kind: macro.kind,
      call,
      span: { start: m.index, end },
      defName,
      python2: macro.kind === 'Py_InitModule',
      assignedTo: call.type === 'call_expression' ? assignmentTargets(call) : [],
      statement: statementOf(call, fn.body),
      inPreprocessorBranch: inPreprocessorBranch(call, fn.body),
      inFunction: fn.name,
      viaMacro: macro.name,
    });
  }
  return out;
}

/** The call expression spelling exactly [start, end), else the smallest node over it. */
function ancestorCall(node: Node, start: number, end: number): Node {
  for (let p: Node | null = node; p; p = p.parent) {
    if (p.type === 'call_expression' && p.startIndex === start && p.endIndex === end) return p;
    if (p.startIndex < start || p.endIndex > end) break;
  }
  return node;
}
