// Turns invocations of PyInit-spelling macros (`MOD_INIT(foo) { ... }`) into
// FunctionInfo, so the init is analysed like any other while the model
// records that it cannot be rewritten.
import type { Node, Tree } from 'web-tree-sitter';
import type { CreationCall, FileModel, FunctionInfo } from '../model';
import { parseSlice } from '../parser';
import { matchBrace } from '../text/codeMask';
import { macroInits, splitArgs, type MacroDefinition, type MacroInit } from './macros';
import { spanOf } from './nodes';

export interface MacroBuiltInit {
  fn: FunctionInfo;
  macroName: string;
  /** Creation in the init macro's own expansion (a whole init in one macro). */
  creations: CreationCall[];
}

export function macroBuiltInits(model: FileModel, macros: readonly MacroDefinition[], defines: readonly { start: number; end: number }[], extraTrees: Tree[]): MacroBuiltInit[] {
  const out: MacroBuiltInit[] = [];
  for (const use of macroInits(model.mask, macros, defines, model.preprocessor)) {
    const body = use.body ? bodyNode(model, use, extraTrees) : invocationNode(model.tree.rootNode, use);
    if (!body) continue;
    const fn: FunctionInfo = {
      name: use.initName,
      node: body.parent?.type === 'function_definition' ? body.parent : body,
      span: { start: use.invocation.start, end: use.body ? use.body.close + 1 : use.invocation.end },
      nameSpan: use.nameSpan,
      body,
      reparsed: body.tree !== model.tree,
    };
    const creations: CreationCall[] = [];
    if (use.creation) {
      creations.push({
        kind: use.creation.kind,
        call: invocationNode(model.tree.rootNode, use) ?? body,
        span: use.invocation,
        defName: defArgument(model.mask, use),
        python2: use.creation.kind === 'Py_InitModule',
        assignedTo: [],
        statement: null,
        inPreprocessorBranch: false,
        inFunction: use.initName,
        viaMacro: use.macroName,
      });
    }
    out.push({ fn, macroName: use.macroName, creations });
  }
  return out;
}

/** The def a whole-init macro creates from: fixed in the macro, or passed as an argument. */
function defArgument(mask: string, use: MacroInit): string | undefined {
  const def = use.creation?.def;
  if (typeof def !== 'number') return def;
  const open = mask.indexOf('(', use.invocation.start);
  const close = open === -1 ? -1 : matchBrace(mask, open);
  const arg = close === -1 ? undefined : splitArgs(mask, open, close)[def];
  return arg ? /^&?\s*(\w+)$/.exec(mask.slice(arg.start, arg.end))?.[1] : undefined;
}

/** The `{ ... }` after the invocation: from the file tree if clean, else re-parsed. */
function bodyNode(model: FileModel, use: MacroInit, extraTrees: Tree[]): Node | null {
  const { open, close } = use.body!;
  const inFile = exactCompound(model.tree.rootNode, open, close + 1);
  if (inFile && !inFile.hasError) return inFile;
  // `MOD_INIT(foo) { ... }` alone parses as a function whose type is the macro.
  const tree = parseSlice(model.text, model.lang, use.invocation.start, close + 1);
  if (!tree) return inFile;
  const reparsed = exactCompound(tree.rootNode, open, close + 1);
  if (reparsed && (!inFile || reparsed.descendantsOfType('ERROR').length < inFile.descendantsOfType('ERROR').length)) {
    extraTrees.push(tree);
    return reparsed;
  }
  tree.delete();
  return inFile;
}

function exactCompound(root: Node, start: number, end: number): Node | null {
  for (let node = root.descendantForIndex(start, end); node; node = node.parent) {
    if (node.startIndex !== start || node.endIndex !== end) return null;
    if (node.type === 'compound_statement') return node;
  }
  return null;
}

function invocationNode(root: Node, use: MacroInit): Node | null {
  const node = root.descendantForIndex(use.invocation.start, use.invocation.end);
  return node && spanOf(node).start <= use.invocation.start ? node : null;
}
