// Hover on Py_mod_* slot names and values, PyModuleDef_Init and
// PyModule_Create: one paragraph and a link to the CPython docs. Only code
// identifiers count (a word in a comment or string gets no hover).
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { HOVER_DOCS } from './hoverDocs';

const IDENTIFIER_TYPES = new Set(['identifier', 'field_identifier', 'type_identifier']);

export function registerHover(ctx: ServerContext): void {
  const { connection, documents } = ctx;
  connection.onHover((params): Hover | null => {
    const document = documents.get(params.textDocument.uri);
    const tree = document?.syntaxTree;
    if (!document || !tree) return null;
    const offset = document.lines.offsetAt(params.position);
    const node = tree.rootNode.descendantForIndex(offset, offset);
    if (!node || !IDENTIFIER_TYPES.has(node.type)) return null;
    const doc = HOVER_DOCS[node.text];
    if (!doc) return null;
    const range = { start: document.lines.positionAt(node.startIndex), end: document.lines.positionAt(node.endIndex) };
    if (!ctx.client.markdownHover) return { contents: `${node.text}: ${doc.text.replaceAll('`', '')} (${doc.link})`, range };
    return { contents: { kind: MarkupKind.Markdown, value: `**${node.text}**\n\n${doc.text}\n\n[CPython documentation](${doc.link})` }, range };
  });
}
