// An init whose name a macro from outside the file makes: pasted together
// from something the build defines (numpy's `PyMODINIT_FUNC
// NPY_CAT(PyInit_, MODULE_NAME)(void)`), or written through a macro of the
// project's header (psycopg2's `PyMODINIT_FUNC INIT_MODULE(_psycopg)(void)`).
// The file alone cannot say the name, but it is a single-phase init all the
// same and must be reported; a conversion keeps the header as written. Found
// through the tree, where it is a function whose declarator is itself a
// call-like declarator.
import type { Node, Tree } from 'web-tree-sitter';
import type { FunctionInfo } from '../model';
import type { PreprocessorModel } from '../text/preprocessorModel';
import { spanOf } from './nodes';

export interface BuiltNameInit {
  fn: FunctionInfo;
  /** `NPY_CAT(PyInit_, MODULE_NAME)` as written. */
  spelling: string;
  /** The macro from outside the file that decides the name (`MODULE_NAME`, `INIT_MODULE`). */
  fromBuild: string;
}

/** `mask`: the file's comment-free text, read first so most files never walk the tree; `pp`: the model's scan of it. */
export function builtNameInits(tree: Tree, mask: string, pp: PreprocessorModel): BuiltNameInit[] {
  if (!/\bPyInit_\s*,/.test(mask) && !OUTSIDE_MACRO_HEADER.test(mask)) return [];
  const found: BuiltNameInit[] = [];
  for (const fn of tree.rootNode.descendantsOfType('function_definition')) {
    const outer = fn?.childForFieldName('declarator');
    const body = fn?.childForFieldName('body');
    const inner = outer?.type === 'function_declarator' ? outer.childForFieldName('declarator') : null;
    // Only a body that makes a module, or returns its def once converted: the same alias may name a PyModExport_ entry in another arm.
    if (!fn || !body || !inner || !/\b(?:PyModule_Create2?|PyModuleDef_Init)\s*\(/.test(mask.slice(body.startIndex, body.endIndex))) continue;
    // `NPY_CAT(PyInit_, MODULE_NAME)(void)` written out, or through an alias (`#define ENTRY_FUNC_NAME NPY_CAT(PyInit_, MODULE_NAME)`).
    const spelling = inner.type === 'function_declarator' ? inner.text : inner.type === 'identifier' ? pp.definitions(inner.text).map((d) => d.body).find((b) => PASTED.test(b)) : undefined;
    if (!spelling) continue;
    const named = nameOf(spelling, pp) ?? (/\bPyMODINIT_FUNC\b/.test(mask.slice(fn.startIndex, inner.startIndex)) ? outsideMacroName(spelling, pp) : undefined);
    if (!named) continue;
    found.push({ fn: { name: `PyInit_${named.name}`, node: fn as Node, span: spanOf(fn), nameSpan: spanOf(inner), body, reparsed: false }, spelling, fromBuild: named.macro });
  }
  return found;
}

/** `NPY_CAT(PyInit_, MODULE_NAME)`: a macro pasting PyInit_ and a build-defined name. */
const PASTED = /^\w+\s*\(\s*PyInit_\s*,\s*(\w+)\s*\)$/;
/** `INIT_MODULE(name)`: one macro call taking the module's name. */
const CALLED = /^(\w+)\s*\(\s*(\w+)\s*\)$/;
const OUTSIDE_MACRO_HEADER = /\bPyMODINIT_FUNC\s+\w+\s*\(\s*\w+\s*\)\s*\(/;

function nameOf(spelling: string, pp: PreprocessorModel): { name: string; macro: string } | undefined {
  const macro = PASTED.exec(spelling)?.[1];
  if (!macro) return undefined;
  // A fallback the file gives (`#ifndef MODULE_NAME #define MODULE_NAME x`) names the module; else the macro does.
  const fallback = pp.definitions(macro).map((d) => d.body);
  return { name: fallback.length === 1 && /^\w+$/.test(fallback[0]!) ? fallback[0]! : macro, macro };
}

/** `INIT_MODULE(x)` with INIT_MODULE defined in no line of this file (a file-local one is expanded elsewhere, macroInits.ts). */
function outsideMacroName(spelling: string, pp: PreprocessorModel): { name: string; macro: string } | undefined {
  const m = CALLED.exec(spelling);
  return m && pp.definitions(m[1]!).length === 0 ? { name: m[2]!, macro: m[1]! } : undefined;
}
