// C++: an RAII wrapper whose constructor (or an `Attach`-style method) calls
// PyModule_Create, used by the init, or by the helper whose result the init
// returns, through an object of the class. The module is made out of the
// init's sight: the init is reported, with a refusal naming the class,
// instead of going unreported. The class may live in a header (greenlet's
// `CreatedModule m(greenlet_module_def); ... return m.borrow();`): then the
// object built from the def, whose pointer the function returns, shows it.
import type { Node } from 'web-tree-sitter';
import type { CreationCall, FileModel, FunctionInfo } from '../model';
import { addressedName, callsIn } from './creations';
import { spanOf } from './nodes';

export interface ClassCreation {
  className: string;
  creation: CreationCall;
  /** The function whose body uses the class: the init, or the helper it calls. */
  usedIn: string;
  /** The class is not defined in this file (a header): the object built from the def shows it. */
  outside: boolean;
}

/** The creation by a class object in the init or in a function of this file it calls. */
export function classCreation(model: FileModel, init: FunctionInfo): ClassCreation | undefined {
  if (model.lang !== 'cpp') return undefined;
  const callees = callsIn(init.body, model.lang).map((c) => model.functions.get(c.name)).filter((f): f is FunctionInfo => f !== undefined && f.node.id !== init.node.id);
  for (const fn of [init, ...callees]) {
    const found = classInFile(model, fn) ?? heldObject(model, fn);
    if (found) return { ...found, usedIn: fn.name };
  }
  return undefined;
}

/** A class of the file whose members call PyModule_Create, named in `fn`'s body. */
function classInFile(model: FileModel, fn: FunctionInfo): Omit<ClassCreation, 'usedIn'> | undefined {
  if (!/\bPyModule_Create2?\s*\(/.test(model.mask)) return undefined;
  const body = model.mask.slice(fn.body.startIndex, fn.body.endIndex);
  for (const cls of model.tree.rootNode.descendantsOfType(['class_specifier', 'struct_specifier'])) {
    const name = cls?.childForFieldName('name')?.text;
    const members = cls?.childForFieldName('body');
    if (!cls || !name || !members || !new RegExp(`\\b${name}\\b`).test(body)) continue;
    const call = members.descendantsOfType('call_expression').find((c): c is Node => !!c && /^PyModule_Create2?$/.test(c.childForFieldName('function')?.text ?? ''));
    if (!call) continue;
    const kind = call.childForFieldName('function')!.text as 'PyModule_Create' | 'PyModule_Create2';
    return { className: name, creation: creationAt(call, kind, addressedName(call.childForFieldName('arguments')?.namedChild(0)), name), outside: false };
  }
  return undefined;
}

/** `Cls var(def);` (or `{def}`, `&def`): a local object built from a def-like name. */
const OBJECT_FROM_DEF = /\b((?:\w+::)*[A-Za-z_]\w*)\s+([A-Za-z_]\w*)\s*[({]\s*&?\s*([A-Za-z_]\w*)\s*[)}]\s*;/g;
const NOT_A_TYPE = new Set(['return', 'else', 'case', 'new', 'delete', 'throw', 'goto', 'sizeof', 'typedef', 'co_return']);

/**
 * `Cls var(module_def); ... return var.borrow();` in `fn`, with no creation
 * of its own: the object of a class this file does not show makes the
 * module, and the function hands out its pointer.
 */
function heldObject(model: FileModel, fn: FunctionInfo): Omit<ClassCreation, 'usedIn'> | undefined {
  const start = fn.body.startIndex;
  const body = model.mask.slice(start, fn.body.endIndex);
  if (/\b(?:PyModule_Create2?|PyModuleDef_Init)\s*\(/.test(body)) return undefined;
  const defs = new Set(model.defs.map((d) => d.varName));
  for (const m of body.matchAll(OBJECT_FROM_DEF)) {
    const [, className, variable, arg] = m as unknown as [string, string, string, string];
    if (NOT_A_TYPE.has(className) || !(defs.has(arg) || /def(?:inition)?$/i.test(arg))) continue;
    if (!new RegExp(`\\breturn\\s+${variable}\\s*(?:(?:\\.|->)\\s*\\w+\\s*\\(\\s*\\))?\\s*;`).test(body)) continue;
    const at = start + m.index;
    const node = fn.body.descendantForIndex(at, at + m[0].length - 1) ?? fn.body;
    return { className, creation: creationAt(node, 'PyModule_Create', arg, className, { start: at, end: at + m[0].length }), outside: true };
  }
  return undefined;
}

function creationAt(node: Node, kind: CreationCall['kind'], defName: string | undefined, className: string, span = spanOf(node)): CreationCall {
  return { kind, call: node, span, defName, python2: false, assignedTo: [], statement: null, inPreprocessorBranch: false, inFunction: className, viaClass: className };
}
