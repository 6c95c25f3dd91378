// Hover on Py_mod_* slot names and values, PyModuleDef_Init and
// PyModule_Create: one paragraph and a link to the CPython docs. On the
// PyModule_Create of a single-phase module (and on its PyInit_ name) the
// hover also lists the module's process-wide state, which decides what a
// conversion writes, and every behaviour difference converting it leaves. Only code identifiers count (a word in a comment or
// string gets no hover).
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { analyzeModuleState, describeModuleState } from '../core/analysis/moduleState';
import type { ServerContext } from './context';
import { convertOne } from './conversions';
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
    const module = moduleAt(ctx, document, node.startIndex, node.text);
    if (!doc && !module) return null;
    const range = { start: document.lines.positionAt(node.startIndex), end: document.lines.positionAt(node.endIndex) };
    const state = module ? `Process-wide state of this module: ${module.state}` : undefined;
    const changes = module?.changes.length ? module.changes : undefined;
    if (!ctx.client.markdownHover) {
      const plain = [doc ? `${node.text}: ${doc.text.replaceAll('`', '')} (${doc.link})` : node.text, state, ...(changes ? ['Converting it:', ...changes] : [])];
      return { contents: plain.filter(Boolean).join('\n\n'), range };
    }
    const parts = [`**${node.text}**`, ...(doc ? [doc.text, `[CPython documentation](${doc.link})`] : []), ...(state ? [state] : []), ...(changes ? [`Converting it:\n\n${changes.map((c) => `- ${c}`).join('\n')}`] : [])];
    return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') }, range };
  });
}

/**
 * The state line of the single-phase module whose creation (or PyInit name)
 * is at `offset`, and what converting it changes (the quick fix's notes, one
 * sentence each): the quick fix's title is too short to hold them.
 */
function moduleAt(ctx: ServerContext, document: NonNullable<ReturnType<ServerContext['documents']['get']>>, offset: number, word: string): { state: string; changes: string[] } | undefined {
  if (word !== 'PyModule_Create' && word !== 'PyModule_Create2' && !word.startsWith('PyInit_')) return undefined;
  const analysis = document.analysis(ctx.settings.generation, ctx.settings.conversionOptions);
  if (!analysis) return undefined;
  const module = analysis.model.modules.find((m) => m.phase === 'single' && m.init && (m.init.nameSpan.start === offset || m.init.creations.some((c) => offset >= c.span.start && offset < c.span.end)));
  if (!module) return undefined;
  // Computed here, on demand: the live analysis leaves state off its findings.
  const conversion = convertOne(analysis.model, module, ctx.settings.conversionOptions);
  const changes = conversion.ok ? conversion.notes.filter((n) => !n.startsWith('State: ')) : [];
  return { state: describeModuleState(analyzeModuleState(analysis.model, module)), changes };
}
