// One conversion run over a list of files: analyse each (open documents from
// the editor's buffer, others from disk), plan its modules, report progress,
// stop on cancellation, then send everything in one workspace/applyEdit and
// say what happened in a summary: what the files show converted, not what was planned.
import { decodeSource, readSourceBytes } from '../files/sources';
import type { CancellationToken, WorkDoneProgressReporter } from 'vscode-languageserver';
import { languageForPath } from '../core/grammars';
import { awaitEditorSync, checkApplied, notAppliedAtAll, type NotAppliedModule, type PlannedFile, type RefusedModule } from './appliedCheck';
import type { ServerContext } from './context';
import { planFile } from './conversions';
import type { OpenDocument } from './documents';
import { withTransientAnalysis } from './fileAnalysis';
import { nextTurn } from './scheduling';
import { pathToUri } from './uris';
import { buildWorkspaceEdit } from './workspaceEdit';
import { bytesMayHoldFindings } from '../core/prefilter';
import { embeddedKindFor, planEmbedded } from './embeddedConversion';

/** What multiphase.convertAll and multiphase.convertFile return. Files are URIs. */
export interface ConversionSummary {
  /** Modules the files show converted after the edit. */
  converted: { file: string; module: string; notes?: string[] }[];
  /** Modules planned and sent, but not converted: unticked in a preview, or the edit refused. */
  notApplied: NotAppliedModule[];
  refused: RefusedModule[];
  skipped: { file: string; reason: string }[];
  /** Files looked at. */
  files: number;
  /** The client applied the edit (false when there was nothing to apply). */
  applied: boolean;
  cancelled: boolean;
  failureReason?: string;
}

/** A file to convert: an open document at the version the command saw, or a path on disk. */
export type ConversionTarget = { kind: 'document'; document: OpenDocument; version: number } | { kind: 'disk'; path: string };

function planTarget(ctx: ServerContext, target: ConversionTarget, summary: ConversionSummary): PlannedFile | null {
  const options = ctx.settings.conversionOptions;
  if (target.kind === 'document') {
    const { document } = target;
    const file = document.uri;
    if (document.version !== target.version) {
      summary.skipped.push({ file, reason: `the document changed (version ${target.version} requested, now ${document.version})` });
      return null;
    }
    const analysis = document.analysis(ctx.settings.generation, options);
    if (!analysis) {
      summary.skipped.push({ file, reason: document.parseFailure ?? 'the document could not be parsed' });
      return null;
    }
    const plan = planFile(analysis.model, analysis.lines, options);
    for (const refusal of plan.refused) summary.refused.push({ file, ...refusal });
    if (!plan.groups.length) return null;
    return { edits: { uri: file, version: analysis.version, lines: analysis.lines, groups: plan.groups }, modules: plan.converted, notes: plan.notes, document };
  }
  const embeddedKind = embeddedKindFor(ctx, target.path);
  if (embeddedKind) {
    const outcome = planEmbedded(ctx, target.path, embeddedKind);
    if (outcome.skipped) summary.skipped.push({ file: pathToUri(target.path), reason: outcome.skipped });
    summary.refused.push(...outcome.refused);
    return outcome.planned;
  }
  const file = pathToUri(target.path);
  const lang = languageForPath(target.path);
  const read = readSourceBytes(target.path);
  if (read.kind !== 'bytes') {
    summary.skipped.push({ file, reason: read.kind === 'error' ? `cannot read it: ${read.message}` : read.reason });
    return null;
  }
  if (!lang || !bytesMayHoldFindings(read.content)) return null;
  const source = decodeSource(read.content);
  if (source.kind !== 'text') {
    summary.skipped.push({ file, reason: source.reason });
    return null;
  }
  const outcome = withTransientAnalysis(source.text, lang, options, (analysis) => {
    const plan = planFile(analysis.model, analysis.lines, options);
    return { plan, lines: analysis.lines };
  });
  if (!outcome.ok) {
    summary.skipped.push({ file, reason: outcome.reason });
    return null;
  }
  const { plan, lines } = outcome.value;
  for (const refusal of plan.refused) summary.refused.push({ file, ...refusal });
  if (!plan.groups.length) return null;
  return { edits: { uri: file, version: null, lines, groups: plan.groups }, modules: plan.converted, notes: plan.notes };
}

export interface RunControl {
  /** The request's own token and, for a server-created progress, its cancel button. */
  tokens: CancellationToken[];
  progress: WorkDoneProgressReporter;
  /** Ask the editor for a preview of the edit before applying. */
  preview: boolean;
  label: string;
}

export async function runConversion(ctx: ServerContext, targets: readonly ConversionTarget[], control: RunControl): Promise<ConversionSummary> {
  const summary: ConversionSummary = { converted: [], notApplied: [], refused: [], skipped: [], files: 0, applied: false, cancelled: false };
  const planned: PlannedFile[] = [];
  const cancelled = (): boolean => control.tokens.some((token) => token.isCancellationRequested);
  control.progress.begin(control.label, 0, `0/${targets.length} files`, true);
  try {
    for (const target of targets) {
      if (cancelled()) {
        summary.cancelled = true;
        return summary;
      }
      // Grammars load on demand, and an open document may owe its full parse.
      await (target.kind === 'document' ? target.document.ensureParsed() : ctx.workspace.prepare(target.path));
      const file = planTarget(ctx, target, summary);
      summary.files++;
      if (file) planned.push(file);
      const modules = planned.reduce((n, p) => n + p.modules.length, 0);
      control.progress.report(Math.floor((summary.files * 100) / Math.max(1, targets.length)), `${summary.files}/${targets.length} files, ${modules} modules to convert`);
      await nextTurn(); // let cancellation and document changes in
    }
    // Documents edited while we worked would receive edits computed for old text: leave them out.
    const current = planned.filter((file) => {
      const stillCurrent = file.document
        ? file.document.version === file.edits.version && ctx.documents.get(file.document.uri) === file.document
        : !ctx.documents.get(file.edits.uri);
      if (stillCurrent) return true;
      summary.skipped.push({ file: file.edits.uri, reason: 'the document changed while converting; run the command again' });
      return false;
    });
    if (current.length === 0) return summary;
    const edit = buildWorkspaceEdit(current.map((file) => file.edits), ctx.client, { needsConfirmation: control.preview });
    const result = await ctx.connection.workspace.applyEdit({ label: control.label, edit });
    summary.applied = result.applied;
    if (!result.applied) {
      summary.failureReason = result.failureReason ?? 'the editor did not apply the edit';
      summary.notApplied = notAppliedAtAll(current, summary.failureReason);
      return summary;
    }
    await awaitEditorSync(ctx, current, ctx.options.appliedEditWaitMs);
    for (const file of current) {
      const outcome = checkApplied(ctx, file);
      for (const module of outcome.converted) summary.converted.push({ file: file.edits.uri, module, notes: file.notes?.[module] ?? [] });
      summary.notApplied.push(...outcome.notApplied);
    }
    return summary;
  } finally {
    control.progress.done();
  }
}
