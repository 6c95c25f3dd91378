// Applies LSP content changes to a text and describes each as a tree-sitter
// edit, so the old tree can be edited and re-parsed incrementally.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { Edit, Point } from 'web-tree-sitter';
import { LineIndex } from '../core/text/lines';

export interface AppliedChange {
  text: string;
  /** Null for a whole-document replacement: the old tree is useless then. */
  edit: Edit | null;
}

/** Where `inserted` ends when it starts at `start` (rows and UTF-16 columns, as LSP and tree-sitter count). */
function pointAfter(start: Point, inserted: string): Point {
  const lastBreak = inserted.lastIndexOf('\n');
  if (lastBreak === -1) return { row: start.row, column: start.column + inserted.length };
  let breaks = 0;
  for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) breaks++;
  return { row: start.row + breaks, column: inserted.length - lastBreak - 1 };
}

/** Apply one change; `lines` must index `text`. */
export function applyContentChange(text: string, lines: LineIndex, change: TextDocumentContentChangeEvent): AppliedChange {
  if (!('range' in change)) return { text: change.text, edit: null };
  // Clamp through the index so the offsets and the points always agree.
  const startIndex = lines.offsetAt(change.range.start);
  const oldEndIndex = Math.max(startIndex, lines.offsetAt(change.range.end));
  const start = lines.positionAt(startIndex);
  const oldEnd = lines.positionAt(oldEndIndex);
  const startPosition = { row: start.line, column: start.character };
  return {
    text: text.slice(0, startIndex) + change.text + text.slice(oldEndIndex),
    edit: {
      startIndex,
      oldEndIndex,
      newEndIndex: startIndex + change.text.length,
      startPosition,
      oldEndPosition: { row: oldEnd.line, column: oldEnd.character },
      newEndPosition: pointAfter(startPosition, change.text),
    },
  };
}

/** Apply a batch of changes in order; each one's range refers to the text left by the previous. */
export function applyContentChanges(
  text: string,
  lines: LineIndex,
  changes: readonly TextDocumentContentChangeEvent[],
): { text: string; edits: Edit[]; replaced: boolean } {
  const edits: Edit[] = [];
  let replaced = false;
  let current = text;
  let index = lines;
  changes.forEach((change, i) => {
    const applied = applyContentChange(current, index, change);
    current = applied.text;
    if (applied.edit) edits.push(applied.edit);
    else {
      replaced = true;
      edits.length = 0;
    }
    if (i < changes.length - 1) index = new LineIndex(current);
  });
  return { text: current, edits, replaced };
}
