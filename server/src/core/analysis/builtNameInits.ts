// An init whose name a macro pastes together from something the build
// defines (numpy's `PyMODINIT_FUNC NPY_CAT(PyInit_, MODULE_NAME)(void)`):
// the file alone cannot say which module it is, but it is a single-phase
// init all the same and must be reported. Found through the tree, where it
// is a function whose declarator is itself a call-like declarator.
import type { Node, Tree } from 'web-tree-sitter';
import type { FunctionInfo } from '../model';
import type { PreprocessorModel } from '../text/preprocessorModel';
import { spanOf } from './nodes';

export interface BuiltNameInit {
  fn: FunctionInfo;
  /** `NPY_CAT(PyInit_, MODULE_NAME)` as written. */
  spelling: string;
  /** The macro the build defines (`MODULE_NAME`). */
  fromBuild: string;
}

/** `mask`: the file's comment-free text, read first so most files never walk the tree; `pp`: the model's scan of it. */
export function builtNameInits(tree: Tree, mask: string, pp: PreprocessorModel): BuiltNameInit[] {
  if (!/\bPyInit_\s*,/.test(mask)) return [];
  const found: BuiltNameInit[] = [];
  for (const fn of tree.rootNode.descendantsOfType('function_definition')) {
    const outer = fn?.childForFieldName('declarator');
    const body = fn?.childForFieldName('body');
    const inner = outer?.type === 'function_declarator' ? outer.childForFieldName('declarator') : null;
    // Only a body that makes a module: the same alias may name a PyModExport_ entry in another arm.
    if (!fn || !body || !inner || !/\bPyModule_Create2?\s*\(/.test(mask.slice(body.startIndex, body.endIndex))) continue;
    // `NPY_CAT(PyInit_, MODULE_NAME)(void)` written out, or through an alias (`#define ENTRY_FUNC_NAME NPY_CAT(PyInit_, MODULE_NAME)`).
    const spelling = inner.type === 'function_declarator' ? inner.text : inner.type === 'identifier' ? pp.definitions(inner.text).map((d) => d.body).find((b) => PASTED.test(b)) : undefined;
    const fromBuild = spelling === undefined ? undefined : PASTED.exec(spelling)?.[1];
    if (!spelling || !fromBuild) continue;
    // A fallback the file gives (`#ifndef MODULE_NAME #define MODULE_NAME x`) names the module; else the macro does.
    const fallback = pp.definitions(fromBuild).map((d) => d.body);
    const name = fallback.length === 1 && /^\w+$/.test(fallback[0]!) ? fallback[0]! : fromBuild;
    found.push({ fn: { name: `PyInit_${name}`, node: fn as Node, span: spanOf(fn), nameSpan: spanOf(inner), body, reparsed: false }, spelling, fromBuild });
  }
  return found;
}

/** `NPY_CAT(PyInit_, MODULE_NAME)`: a macro pasting PyInit_ and a build-defined name. */
const PASTED = /^\w+\s*\(\s*PyInit_\s*,\s*(\w+)\s*\)$/;
