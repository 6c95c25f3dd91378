// Code actions: per module the preferred "Convert '<name>' to multi-phase
// initialization (PEP 489)" (disabled, with the reason, when the converter
// refuses), quick fixes for the smaller rules, and "convert all modules in
// this file" as source.fixAll.multiphase for editor.codeActionsOnSave.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import type { Finding } from '../core/findings';
import { isModuleSilenced } from '../core/suppression';
import type { ModuleInfo } from '../core/model';
import type { ServerContext } from './context';
import { DIAGNOSTIC_SOURCE, rangeOf, toDiagnostics, visibleFindings, type DiagnosticData } from './diagnostics';
import type { DocumentAnalysis } from './documents';
import { conversionTitle, convertOne, planFile, singlePhaseModules } from './conversions';
import { addIfDisjoint, buildWorkspaceEdit, type EditGroup } from './workspaceEdit';
import { documentEditable } from './workspaceScope';
import { embeddedQuickFixes } from './embeddedCodeActions';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.multiphase`;

function kindRequested(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

export function registerCodeActions(ctx: ServerContext): void {
  const { connection, documents, settings, workspace } = ctx;
  const refusedUris = new Set<string>();

  connection.onCodeAction(async (params: CodeActionParams): Promise<CodeAction[]> => {
    await settings.ready;
    const embedded = documents.embedded.get(params.textDocument.uri);
    if (embedded) return kindRequested(params.context.only, CodeActionKind.QuickFix) ? embeddedQuickFixes(ctx, embedded, params) : [];
    const document = documents.get(params.textDocument.uri);
    const analysis = document?.analysis(settings.generation, settings.conversionOptions);
    if (!document || !analysis) return [];
    // No edits for a file outside the workspace folders (or a link out of them); said once per file.
    const scope = documentEditable(document.uri, workspace.folders);
    if (!scope.ok) {
      if (!refusedUris.has(document.uri)) connection.console.warn(`code actions: none for ${document.uri}: ${scope.reason}`);
      refusedUris.add(document.uri);
      return [];
    }
    const only = params.context.only;
    const actions: CodeAction[] = [];
    if (kindRequested(only, CodeActionKind.QuickFix)) actions.push(...quickFixes(ctx, params, analysis));
    // A source action is only offered when asked for (the lightbulb does not ask).
    if (only && kindRequested(only, FIX_ALL_KIND)) {
      const fixAll = fixAllAction(ctx, params.textDocument.uri, analysis);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  });
}

/**
 * Whether `diagnostic` (sent back by the client in context.diagnostics) is
 * ours and stands for `finding`: same code and range, and, when the client
 * kept our `data`, the same module and (for this version) the same offsets.
 */
function sameFinding(diagnostic: Diagnostic, finding: Finding, analysis: DocumentAnalysis): boolean {
  if (diagnostic.source !== undefined && diagnostic.source !== DIAGNOSTIC_SOURCE) return false;
  if (diagnostic.code !== finding.code) return false;
  const range = rangeOf(analysis.lines, finding.span.start, finding.span.end);
  const { start, end } = diagnostic.range;
  if (start.line !== range.start.line || start.character !== range.start.character || end.line !== range.end.line || end.character !== range.end.character) return false;
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data !== 'object') return true;
  if (data.module !== undefined && data.module !== finding.module) return false;
  return data.version !== analysis.version || (data.start === finding.span.start && data.end === finding.span.end);
}

/**
 * Fixes for every finding on the request's lines (editors ask with the bare
 * cursor, often at column 0) and for every diagnostic the client sent in
 * context.diagnostics, wherever it lies — as clangd and ruff do.
 */
function quickFixes(ctx: ServerContext, params: CodeActionParams, analysis: DocumentAnalysis): CodeAction[] {
  const { settings } = ctx;
  const uri = params.textDocument.uri;
  const start = analysis.lines.lineStart(params.range.start.line);
  // The start of the line after the range's last line (the end of the text on the last line).
  const end = analysis.lines.offsetAt({ line: params.range.end.line + 1, character: 0 });
  const sent = params.context.diagnostics;
  const findings = visibleFindings(analysis.findings, analysis.text, analysis.lines, settings.current).filter(
    (finding) => (finding.span.start < end && start <= finding.span.end) || sent.some((d) => sameFinding(d, finding, analysis)),
  );
  const diagnosticFor = (finding: Finding): Diagnostic =>
    sent.find((d) => sameFinding(d, finding, analysis)) ??
    toDiagnostics(uri, analysis.version, analysis.text, analysis.lines, [finding], settings.current)[0]!;

  const actions: CodeAction[] = [];
  const modulesDone = new Set<ModuleInfo>();
  for (const finding of findings) {
    const fix = finding.fix;
    if (fix?.kind === 'conversion') {
      const module = singlePhaseModules(analysis.model).find((m) => m.name === fix.module);
      // A module whose single-phase finding is silenced is not converted from its other findings either.
      if (!module || modulesDone.has(module) || isModuleSilenced(analysis.text, analysis.lines, module)) continue;
      modulesDone.add(module);
      const action = conversionAction(ctx, uri, analysis, module, diagnosticFor(finding));
      if (action) actions.push(action);
      continue;
    }
    if (fix?.kind !== 'edits') continue;
    actions.push({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnosticFor(finding)],
      edit: buildWorkspaceEdit([{ uri, version: analysis.version, lines: analysis.lines, groups: [{ label: fix.title, edits: fix.edits }] }], ctx.client),
    });
  }
  return actions;
}

function conversionAction(ctx: ServerContext, uri: string, analysis: DocumentAnalysis, module: ModuleInfo, diagnostic: Diagnostic): CodeAction | null {
  const conversion = convertOne(analysis.model, module, ctx.settings.conversionOptions);
  const title = conversionTitle(module.name);
  if (!conversion.ok) {
    if (!ctx.client.codeActionDisabled) return null;
    return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], disabled: { reason: `Not converted automatically: ${conversion.reasons.join('; ')}` } };
  }
  return {
    title,
    kind: CodeActionKind.QuickFix,
    isPreferred: true,
    diagnostics: [diagnostic],
    edit: buildWorkspaceEdit([{ uri, version: analysis.version, lines: analysis.lines, groups: [conversion.group] }], ctx.client),
  };
}

/** Every convertible module, then every smaller fix that does not collide with those edits. */
function fixAllAction(ctx: ServerContext, uri: string, analysis: DocumentAnalysis): CodeAction | null {
  const { settings } = ctx;
  const plan = planFile(analysis.model, analysis.lines, settings.conversionOptions);
  const groups: EditGroup[] = [...plan.groups];
  for (const finding of visibleFindings(analysis.findings, analysis.text, analysis.lines, settings.current)) {
    const fix = finding.fix;
    if (fix?.kind === 'edits' && !fix.onlyOnRequest) addIfDisjoint(groups, { label: fix.title, edits: fix.edits }, analysis.text.length);
  }
  if (groups.length === 0) return null;
  const title = plan.converted.length
    ? `Convert all modules in this file to multi-phase initialization (${plan.converted.join(', ')})`
    : 'Apply all multiphase fixes in this file';
  return {
    title,
    kind: FIX_ALL_KIND,
    edit: buildWorkspaceEdit([{ uri, version: analysis.version, lines: analysis.lines, groups }], ctx.client),
  };
}
