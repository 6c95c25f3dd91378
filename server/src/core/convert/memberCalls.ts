// C++ inits change process-wide state through member functions as often as
// through assignments (`table.push_back(x)`, `registry.insert(...)`): a
// second exec would run them again over live state, so they count as writes
// for the once-per-process guard. Conservative: any member call on an object
// that is not local counts, unless the member is plainly read-only.
import type { Node } from 'web-tree-sitter';
import { declaredName } from '../analysis/nodes';
import { localNames } from '../analysis/names';
import { codeChildren, descendants } from './text';

/** Members that only read their object (and return values or const views). */
const READ_ONLY = new Set([
  'size', 'empty', 'length', 'capacity', 'max_size', 'find', 'count', 'contains', 'at', 'front', 'back', 'data',
  'begin', 'end', 'cbegin', 'cend', 'rbegin', 'rend', 'crbegin', 'crend', 'c_str', 'compare', 'substr',
  'lower_bound', 'upper_bound', 'equal_range', 'what', 'get', 'value', 'has_value', 'use_count', 'bucket_count', 'load_factor',
]);

/**
 * Names bound inside `fn` that do not outlive a call: non-static locals,
 * parameters (the function's own, catch clauses', lambdas'), range-for variables.
 */
export function boundNames(fn: Node, body: Node): Set<string> {
  const names = localNames(body);
  for (const node of descendants(fn)) {
    if (node.type === 'parameter_declaration' || node.type === 'optional_parameter_declaration' || node.type === 'for_range_loop') {
      const name = declaredName(node.childForFieldName('declarator'))?.text;
      if (name) names.add(name);
    }
  }
  return names;
}

/** The non-local object a member call may modify (`table` in `table.push_back(1)`), if any. */
export function memberCallTarget(call: Node, bound: ReadonlySet<string>): string | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'field_expression') return undefined;
  const member = memberName(callee);
  // A reference-returning accessor written through (`table.at(0) = 1`) writes too.
  const assignedThrough = call.parent?.type === 'assignment_expression' && call.parent.childForFieldName('left')?.id === call.id;
  if (member && READ_ONLY.has(member) && !assignedThrough) return undefined;
  const root = receiverRoot(callee.childForFieldName('argument'));
  return root && !bound.has(root) ? root : undefined;
}

function memberName(fieldExpression: Node): string | undefined {
  const field = fieldExpression.childForFieldName('field');
  if (!field) return undefined;
  if (field.type === 'field_identifier') return field.text;
  for (const n of descendants(field)) if (n.type === 'field_identifier') return n.text;
  return undefined;
}

/** `table`, `ns::table`, `p->table`, `table[i]`, `table.at(i)`: the object the chain starts from. */
function receiverRoot(node: Node | null): string | undefined {
  let n = node;
  for (let guard = 0; n && guard < 16; guard++) {
    if (n.type === 'identifier') return n.text;
    // Standard streams and the like are not the module's state.
    if (n.type === 'qualified_identifier') return n.text.startsWith('std::') ? undefined : n.text.replace(/\s+/g, '');
    if (n.type === 'field_expression' || n.type === 'subscript_expression' || n.type === 'pointer_expression') n = n.childForFieldName('argument');
    else if (n.type === 'parenthesized_expression') n = codeChildren(n)[0] ?? null;
    else if (n.type === 'call_expression' && n.childForFieldName('function')?.type === 'field_expression') n = n.childForFieldName('function');
    else return undefined;
  }
  return undefined;
}
