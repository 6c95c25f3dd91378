// An init that keeps its module in a static and hands it back when called
// again (`if (m != NULL) { Py_INCREF(m); return m; }`) relies on PyInit
// running once and returning one object. Under multi-phase init every load
// makes a fresh module and runs exec on it, so the cache block would return
// early from exec and leave that new module empty. No edit keeps the meaning;
// the converter refuses with this reason.
import type { Node } from 'web-tree-sitter';
import type { CreationCall, FunctionInfo } from '../model';
import { localNames } from '../analysis/names';
import { refusal, type Refusal } from './refusalCatalogue';
import { codeChildren, descendants, isNullExpression, unwrapExpression } from './text';

/** Calls that only hand their argument back with a new reference. */
const NEW_REFERENCE = /^(?:Py_NewRef|Py_XNewRef)$/;

export function moduleCacheProblem(source: FunctionInfo, creation: CreationCall): Refusal | undefined {
  const at = creation.statement?.startIndex ?? creation.call.startIndex;
  const locals = localNames(source.body);
  const isStatic = (name: string): boolean => !locals.has(name);
  for (const node of descendants(source.body)) {
    if (node.startIndex >= at) break;
    if (node.type !== 'return_statement') continue;
    const name = returnedName(codeChildren(node)[0] ?? null);
    if (name && isStatic(name)) return cacheReason(source.name, name);
  }
  // `if (cached == NULL) { cached = PyModule_Create(...); ... }`: made only once.
  for (let p = creation.call.parent; p && p.id !== source.body.id; p = p.parent) {
    const condition = p.type === 'if_statement' ? p.childForFieldName('condition') : null;
    // `if ((g = PyModule_Create(...)) == NULL)` tests the creation itself, not a cache.
    if (!condition || creation.call.startIndex < condition.endIndex) continue;
    const tested = testedStatic(condition, creation.assignedTo.filter(isStatic));
    if (tested) return cacheReason(source.name, tested);
  }
  return undefined;
}

function cacheReason(init: string, name: string): Refusal {
  return refusal('module-cached', `${init} caches its module in the static '${name}' and returns it on a second call; multi-phase init makes a new module each time — keep one module object per process by hand`);
}

/** `m`, `(PyObject *)m`, `Py_NewRef(m)`: the identifier returned, if any. */
function returnedName(value: Node | null): string | undefined {
  let inner = unwrapExpression(value);
  if (inner?.type === 'call_expression' && NEW_REFERENCE.test(inner.childForFieldName('function')?.text ?? '')) {
    inner = unwrapExpression(codeChildren(inner.childForFieldName('arguments') ?? inner)[0] ?? null);
  }
  if (!inner || inner.type !== 'identifier' || isNullExpression(inner)) return undefined;
  return inner.text;
}

/** The static module store an `if` condition reads, if any. */
function testedStatic(condition: Node | null, stores: string[]): string | undefined {
  if (!condition) return undefined;
  for (const n of descendants(condition)) if (n.type === 'identifier' && stores.includes(n.text)) return n.text;
  return undefined;
}
