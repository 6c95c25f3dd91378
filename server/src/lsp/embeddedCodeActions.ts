// Quick fixes in documents that embed C: on a finding inside a code block or
// string whose modules convert (or inside any string of a template assembled
// from several), "Convert '<name>' (code block at line N)" edits that block
// or those strings in place, as Convert All would.
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import { embeddedOptionsFrom } from '../core/settings';
import type { ServerContext } from './context';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { editGroupOf, placeOf } from './embeddedConversion';
import type { EmbeddedDocument } from './embeddedDocuments';
import { buildWorkspaceEdit } from './workspaceEdit';
import { documentEditable } from './workspaceScope';

export function embeddedQuickFixes(ctx: ServerContext, document: EmbeddedDocument, params: CodeActionParams): CodeAction[] {
  if (!documentEditable(document.uri, ctx.workspace.folders).ok) return [];
  const { analysis, lines } = document.analysis(ctx.settings.generation, ctx.settings.conversionOptions, embeddedOptionsFrom(ctx.settings.current));
  const from = lines.offsetAt(params.range.start);
  const to = lines.offsetAt(params.range.end);
  const where = placeOf(document.kind, lines);
  return analysis.groups
    .filter((group) => group.parts.some((part) => from <= part.end && to >= part.start))
    .map((group) => {
      const edit = editGroupOf(group, where);
      const inside = (offset: number): boolean => group.parts.some((part) => offset >= part.start && offset <= part.end);
      return {
        title: edit.label,
        kind: CodeActionKind.QuickFix,
        isPreferred: true,
        diagnostics: params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && inside(lines.offsetAt(d.range.start))),
        edit: buildWorkspaceEdit([{ uri: document.uri, version: document.version, lines, groups: [edit] }], ctx.client),
      };
    });
}
