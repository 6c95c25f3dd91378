// exec-decrefs-module: the module an exec function receives is borrowed;
// releasing it frees a module the interpreter still owns.
import type { Node } from 'web-tree-sitter';
import { callsIn } from '../analysis/creations';
import type { Finding } from '../findings';
import { spanOf } from '../analysis/nodes';
import { execFunctions } from './context';
import { makeFinding, type RuleContext } from './rule';

const RELEASES = new Set(['Py_DECREF', 'Py_XDECREF', 'Py_CLEAR', 'Py_SETREF', 'Py_XSETREF']);

export function execDecrefsModule(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const { exec, module } of execFunctions(ctx.model)) {
    const param = exec.firstParam;
    if (!param) continue;
    for (const site of callsIn(exec.body, ctx.model.lang)) {
      if (!RELEASES.has(site.name) || plainName(site.args.namedChild(0)) !== param) continue;
      findings.push(
        makeFinding('exec-decrefs-module', spanOf(site.call), `${site.name}(${param}) in Py_mod_exec function '${exec.name}': the module passed to exec is a borrowed reference, and releasing it frees a module the interpreter still owns (a crash). Remove the call; return -1 with an exception set to report failure.`, {
          fixable: removableStatement(site.call),
          module: module.name,
        }),
      );
    }
  }
  return findings;
}

/** `m`, `(m)`, `(PyObject *)m` -> `m`. */
function plainName(arg: Node | null): string | undefined {
  let node = arg;
  while (node && (node.type === 'parenthesized_expression' || node.type === 'cast_expression')) {
    node = node.type === 'cast_expression' ? node.childForFieldName('value') : node.namedChild(0);
  }
  return node?.type === 'identifier' ? node.text : undefined;
}

/**
 * The quick fix deletes the `Py_DECREF(m);` statement. That is only safe when
 * the call is the whole statement and the statement sits in a block, or
 * after a label that another statement still follows (`error: ... return -1;`);
 * `if (x) Py_DECREF(m);` would lose its body.
 */
function removableStatement(call: Node): boolean {
  const statement = call.parent;
  if (statement?.type !== 'expression_statement' || statement.namedChild(0)?.id !== call.id) return false;
  const holder = statement.parent;
  if (holder?.type === 'compound_statement') return true;
  return holder?.type === 'labeled_statement' && holder.nextNamedSibling !== null && holder.nextNamedSibling.type !== 'comment';
}
