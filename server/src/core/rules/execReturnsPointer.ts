// exec-returns-pointer: an exec function returns int (0 or -1). NULL reads
// as success, and a module pointer as an arbitrary non-zero value.
import type { Node } from 'web-tree-sitter';
import { spanOf } from '../analysis/nodes';
import type { Finding } from '../findings';
import type { FunctionInfo } from '../model';
import { execFunctions } from './context';
import { makeFinding, type Rule, type RuleContext } from './rule';

export const execReturnsPointer: Rule = { check };

function check(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const { exec, module } of execFunctions(ctx.model)) {
    if (returnsPointerType(exec)) {
      findings.push(
        makeFinding('exec-returns-pointer', exec.nameSpan, `Py_mod_exec function '${exec.name}' is declared to return a pointer; CPython calls it as int (*)(PyObject *) and reads 0 as success, -1 as failure. Return int.`, { module: module.name }),
      );
      continue;
    }
    const pointers = pointerNames(exec);
    for (const statement of exec.body.descendantsOfType('return_statement')) {
      const value = statement?.namedChildren.find((c) => c?.type !== 'comment');
      // A C++ lambda inside exec returns for itself, not for exec.
      if (!value || insideLambda(value, exec.body)) continue;
      const what = pointerValue(value, pointers);
      if (!what) continue;
      findings.push(
        makeFinding('exec-returns-pointer', spanOf(value), `Py_mod_exec function '${exec.name}' returns ${what}, but exec returns int: 0 on success, -1 with an exception set on failure. ${what === 'NULL' ? 'Returning NULL reads as success, so the error is lost. Return -1.' : 'A pointer reads as an arbitrary non-zero value. Return 0 on success.'}`, {
          module: module.name,
        }),
      );
    }
  }
  return findings;
}

function insideLambda(node: Node, body: Node): boolean {
  for (let p = node.parent; p && p.id !== body.id; p = p.parent) if (p.type === 'lambda_expression') return true;
  return false;
}

function returnsPointerType(fn: FunctionInfo): boolean {
  const declarator = fn.node.type === 'function_definition' ? fn.node.childForFieldName('declarator') : null;
  return declarator?.type === 'pointer_declarator';
}

/** The module parameter and every local declared as a pointer. */
function pointerNames(fn: FunctionInfo): Set<string> {
  const names = new Set<string>();
  if (fn.firstParam) names.add(fn.firstParam);
  for (const declarator of fn.body.descendantsOfType('pointer_declarator')) {
    let inner = declarator?.childForFieldName('declarator') ?? null;
    while (inner && inner.type !== 'identifier') inner = inner.childForFieldName('declarator');
    if (inner && declarator?.parent?.type !== 'abstract_pointer_declarator') names.add(inner.text);
  }
  return names;
}

/** How a returned value is a pointer ("NULL", "the module 'm'"), or undefined. */
function pointerValue(value: Node, pointers: ReadonlySet<string>): string | undefined {
  let node: Node | null = value;
  while (node?.type === 'parenthesized_expression') node = node.namedChild(0);
  if (!node) return undefined;
  if (node.type === 'null' || node.type === 'nullptr' || (node.type === 'identifier' && node.text === 'NULL')) return 'NULL';
  if (node.type === 'cast_expression') {
    const type = node.childForFieldName('type');
    if (type?.descendantsOfType('abstract_pointer_declarator').length) {
      const inner = node.childForFieldName('value');
      return inner && pointerValue(inner, new Set()) === 'NULL' ? 'NULL' : `a pointer (${node.text})`;
    }
    return undefined;
  }
  if (node.type === 'pointer_expression' && node.child(0)?.type === '&') return `an address (${node.text})`;
  if (node.type === 'identifier' && pointers.has(node.text)) return `the pointer '${node.text}'`;
  return undefined;
}
