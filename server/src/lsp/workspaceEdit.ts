// Offsets -> LSP edits. Every edit set is checked (sorted, inside the text,
// no overlaps) by core/edits before it leaves the server; edits for open
// documents carry the version they were computed for so the client refuses
// them if the document moved on.
import type { AnnotatedTextEdit, ChangeAnnotation, TextDocumentEdit, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { fitsWith, normalizeEdits, type TextEdit } from '../core/edits';
import { loneCarriageReturns, withCarriageReturns } from '../core/text/lineEndings';
import type { LineIndex } from '../core/text/lines';
import type { ClientSupport } from './clientSupport';

/** A set of edits with one meaning (one module's conversion, one fix). */
export interface EditGroup {
  label: string;
  description?: string;
  edits: TextEdit[];
}

export interface FileEdits {
  uri: string;
  /** Open documents: the analysed version. Files on disk: null. */
  version: number | null;
  lines: LineIndex;
  groups: EditGroup[];
}

/** Add `group` to `accepted` unless it overlaps them; returns whether it was added. */
export function addIfDisjoint(accepted: EditGroup[], group: EditGroup, textLength: number): boolean {
  if (!fitsWith(accepted.flatMap((g) => g.edits), group.edits, textLength)) return false;
  accepted.push(group);
  return true;
}

export function toLspEdit(lines: LineIndex, edit: TextEdit, lineEnds: LineEnds = asWritten): LspTextEdit {
  return { range: { start: lines.positionAt(edit.start), end: lines.positionAt(edit.end) }, newText: lineEnds(edit.newText) };
}

type LineEnds = (newText: string) => string;
const asWritten: LineEnds = (newText) => newText;

/** Edits are made with LF; a file whose lines end in lone CRs (classic Mac OS) gets CRs. */
function lineEndsOf(lines: LineIndex): LineEnds {
  return loneCarriageReturns(lines.text) === 'all' ? withCarriageReturns : asWritten;
}

export interface AnnotationStyle {
  /** Ask the editor to show a preview before applying. */
  needsConfirmation: boolean;
}

export function buildWorkspaceEdit(files: readonly FileEdits[], client: ClientSupport, annotation?: AnnotationStyle): WorkspaceEdit {
  if (!client.documentChanges) {
    const changes: Record<string, LspTextEdit[]> = {};
    for (const file of files) {
      const edits = normalizeEdits(file.groups.flatMap((group) => group.edits), file.lines.text.length);
      const lineEnds = lineEndsOf(file.lines);
      changes[file.uri] = edits.map((edit) => toLspEdit(file.lines, edit, lineEnds));
    }
    return { changes };
  }
  const annotate = client.changeAnnotations ? annotation : undefined;
  const changeAnnotations: Record<string, ChangeAnnotation> = {};
  const documentChanges: TextDocumentEdit[] = [];
  let nextId = 0;
  for (const file of files) {
    const tagged: { edit: TextEdit; annotationId?: string }[] = [];
    for (const group of file.groups) {
      const annotationId = annotate ? `multiphase-${nextId++}` : undefined;
      if (annotate && annotationId) {
        changeAnnotations[annotationId] = { label: group.label, description: group.description, needsConfirmation: annotate.needsConfirmation };
      }
      for (const edit of group.edits) tagged.push({ edit, annotationId });
    }
    const order = new Map(normalizeEdits(tagged.map((t) => t.edit), file.lines.text.length).map((edit, index) => [edit, index]));
    tagged.sort((a, b) => order.get(a.edit)! - order.get(b.edit)!);
    const lineEnds = lineEndsOf(file.lines);
    const edits: (LspTextEdit | AnnotatedTextEdit)[] = tagged.map(({ edit, annotationId }) =>
      annotationId ? { ...toLspEdit(file.lines, edit, lineEnds), annotationId } : toLspEdit(file.lines, edit, lineEnds),
    );
    documentChanges.push({ textDocument: { uri: file.uri, version: file.version }, edits });
  }
  return annotate ? { documentChanges, changeAnnotations } : { documentChanges };
}
