// Never emit a wrong edit: apply the edits, re-parse, and check that the
// edited regions hold no new parse error and that the analysis now sees the
// module as multi-phase, with its def, slot array and exec.
import type { Node, Tree } from 'web-tree-sitter';
import { buildModel } from '../analysis/buildModel';
import { LineIndex } from '../text/lines';
import type { MaskedText } from '../text/codeMask';
import { applyEdits, normalizeEdits, type TextEdit } from '../edits';
import type { FileModel, Span } from '../model';
import { parseText } from '../parser';
import { refusal, type Refusal } from './refusalCatalogue';

export interface Expected {
  moduleName: string;
  defName: string;
  slotsName: string;
  execName?: string;
}

/** Undefined when the edits are good; else why they are not. `onVerified` gets the good result's text and mask. */
export function verifyEdits(model: FileModel, edits: TextEdit[], expected: Expected, onVerified?: (converted: MaskedText) => void): Refusal | undefined {
  const problem = editProblem(model, edits, expected, onVerified);
  return problem === undefined ? undefined : refusal('verify-failed', problem);
}

function editProblem(model: FileModel, edits: TextEdit[], expected: Expected, onVerified?: (converted: MaskedText) => void): string | undefined {
  const sorted = normalizeEdits(edits, model.text.length);
  const newText = applyEdits(model.text, sorted);
  const oldRegions = sorted.map((e) => ({ start: e.start, end: e.end }));
  const newRegions: Span[] = [];
  let delta = 0;
  for (const e of sorted) {
    newRegions.push({ start: e.start + delta, end: e.start + delta + e.newText.length });
    delta += e.newText.length - (e.end - e.start);
  }
  let tree: Tree | undefined;
  let newModel: FileModel | undefined;
  try {
    tree = reparse(model, sorted, newText);
    const before = errorsIn(model.tree, oldRegions);
    const after = errorsIn(tree, newRegions);
    if (after > before) return `the converted code would not parse cleanly (${after - before} new parse error${after - before > 1 ? 's' : ''})`;
    // Damaged code next to the insertion points can swallow the new code
    // without an error inside the edited regions: compare the whole file.
    if (countParseErrors(tree.rootNode) > countParseErrors(model.tree.rootNode)) {
      return 'the file has parse errors near the module definition, so the converted code could not be checked; fix them first';
    }
    newModel = buildModel(newText, tree, model.lang);
    const module = newModel.modules.find((m) => m.name === expected.moduleName && m.def?.varName === expected.defName);
    if (!module || module.phase !== 'multi') return 'the converted code is not recognised as a multi-phase module';
    if (module.slots?.varName !== expected.slotsName) return 'the converted def does not point at the new slot array';
    if (expected.execName && !module.execs.some((e) => e.name === expected.execName)) return 'the new exec function is not found in the converted code';
    const exec = expected.execName ? newModel.functions.get(expected.execName) : undefined;
    if (exec && new RegExp(`\\bPyModule_Create2?\\s*\\(\\s*&\\s*${expected.defName}\\b`).test(newModel.mask.slice(exec.body.startIndex, exec.body.endIndex))) {
      return 'the exec function would still call PyModule_Create';
    }
    onVerified?.({ text: newModel.text, mask: newModel.mask });
    return undefined;
  } finally {
    newModel?.dispose();
    tree?.delete();
  }
}

/** The file's tree, edited and re-parsed incrementally: only the changed parts are read again. */
function reparse(model: FileModel, sorted: readonly TextEdit[], newText: string): Tree {
  const lines = new LineIndex(model.text);
  const old = model.tree.copy();
  try {
    // Last edit first: the offsets of the earlier ones stay those of the original text.
    for (const e of [...sorted].reverse()) {
      const start = lines.positionAt(e.start);
      const rows = e.newText.split('\n');
      const last = rows[rows.length - 1]!;
      old.edit({
        startIndex: e.start,
        oldEndIndex: e.end,
        newEndIndex: e.start + e.newText.length,
        startPosition: { row: start.line, column: start.character },
        oldEndPosition: toPoint(lines.positionAt(e.end)),
        newEndPosition: rows.length === 1 ? { row: start.line, column: start.character + last.length } : { row: start.line + rows.length - 1, column: last.length },
      });
    }
    return parseText(newText, model.lang, old);
  } finally {
    old.delete();
  }
}

function toPoint(p: { line: number; character: number }): { row: number; column: number } {
  return { row: p.line, column: p.character };
}

/**
 * Parse errors touching any region (regions widened by one character),
 * not counting the directive-only ones of version-guarded slot arrays.
 */
function errorsIn(tree: Tree, regions: Span[]): number {
  let count = 0;
  const stack: Node[] = tree.rootNode.hasError ? [tree.rootNode] : [];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'ERROR' || node.isMissing) {
      const touches = regions.some((r) => node.startIndex <= r.end + 1 && node.endIndex >= r.start - 1);
      if (touches && (node.isMissing || !DIRECTIVES_ONLY.test(node.text))) count++;
      continue;
    }
    for (const child of node.children) if (child && (child.hasError || child.isMissing)) stack.push(child);
  }
  return count;
}

const DIRECTIVES_ONLY = /^(?:[ \t]*(?:#[^\r\n]*)?\r?(?:\n|$))+$/;

/**
 * ERROR and MISSING nodes of a tree, not counting ERROR nodes made only of
 * preprocessor lines (tree-sitter cannot read `#if` inside an initialiser
 * list, and the version-guarded slot array has them by design).
 */
export function countParseErrors(root: Node): number {
  let count = 0;
  const stack: Node[] = root.hasError ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.isMissing) count++;
    else if (node.type === 'ERROR') {
      // Directive-only errors are skipped whole; others count, nested ones too.
      if (DIRECTIVES_ONLY.test(node.text)) continue;
      count++;
    }
    for (const child of node.children) if (child && (child.hasError || child.isMissing)) stack.push(child);
  }
  return count;
}
