// C++: an RAII wrapper whose constructor (or an `Attach`-style method) calls
// PyModule_Create, used by the init through an object of the class. The
// module is made out of the init's sight: the init is reported, with a
// refusal naming the class, instead of going unreported.
import type { Node } from 'web-tree-sitter';
import type { CreationCall, FileModel, FunctionInfo } from '../model';
import { addressedName } from './creations';
import { spanOf } from './nodes';

export interface ClassCreation {
  className: string;
  creation: CreationCall;
}

/** The creation in a class of the file whose name the init's body uses. */
export function classCreation(model: FileModel, init: FunctionInfo): ClassCreation | undefined {
  if (model.lang !== 'cpp' || !/\bPyModule_Create2?\s*\(/.test(model.mask)) return undefined;
  const body = model.mask.slice(init.body.startIndex, init.body.endIndex);
  for (const cls of model.tree.rootNode.descendantsOfType(['class_specifier', 'struct_specifier'])) {
    const name = cls?.childForFieldName('name')?.text;
    const members = cls?.childForFieldName('body');
    if (!cls || !name || !members || !new RegExp(`\\b${name}\\b`).test(body)) continue;
    const call = members.descendantsOfType('call_expression').find((c): c is Node => !!c && /^PyModule_Create2?$/.test(c.childForFieldName('function')?.text ?? ''));
    if (!call) continue;
    const kind = call.childForFieldName('function')!.text as 'PyModule_Create' | 'PyModule_Create2';
    return {
      className: name,
      creation: { kind, call, span: spanOf(call), defName: addressedName(call.childForFieldName('arguments')?.namedChild(0)), python2: false, assignedTo: [], statement: null, inPreprocessorBranch: false, inFunction: name },
    };
  }
  return undefined;
}
