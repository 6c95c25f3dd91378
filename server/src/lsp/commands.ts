// workspace/executeCommand: multiphase.convertAll converts every module it
// safely can in the workspace folders; multiphase.convertFile one document.
// Both take {uri, version} (or a bare URI) and refuse a stale version.
import { ErrorCodes, ExecuteCommandRequest, ResponseError, type CancellationToken, type ProgressToken, type WorkDoneProgressReporter } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { runConversion, type ConversionSummary, type ConversionTarget } from './conversionRun';
import { pathToUri } from './uris';
import { documentEditable, fileInWorkspace, workspaceRoots } from './workspaceScope';

export const CONVERT_ALL = 'multiphase.convertAll';
export const CONVERT_FILE = 'multiphase.convertFile';
export const COMMANDS = [CONVERT_ALL, CONVERT_FILE];

interface DocumentReference {
  uri: string;
  version?: number | null;
}

function readReference(arg: unknown): DocumentReference | undefined {
  if (typeof arg === 'string') return { uri: arg };
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { uri, version } = arg as Record<string, unknown>;
  if (typeof uri !== 'string') return undefined;
  return { uri, version: typeof version === 'number' ? version : null };
}

/** The reply to a command that converts nothing: the file and why, and the failure in short. */
function refusedSummary(file: string, reason: string, failureReason: string): ConversionSummary {
  return { converted: [], notApplied: [], refused: [], skipped: [{ file, reason }], files: 0, applied: false, cancelled: false, failureReason };
}

/**
 * Every workspace file Convert All may edit: open documents as the editor
 * has them, files on disk at their real path (a link inside the workspace is
 * edited at its target, once). Links leading out of the workspace are left
 * out, logged, and returned for the reply.
 */
function convertAllTargets(ctx: ServerContext): { targets: ConversionTarget[]; outside: { file: string; reason: string }[] } {
  const { connection, documents, workspace } = ctx;
  const roots = workspaceRoots(workspace.folders);
  const targets: ConversionTarget[] = [];
  const outside: { file: string; reason: string }[] = [];
  const seen = new Set<string>();
  for (const path of workspace.files()) {
    const file = pathToUri(path);
    const scope = fileInWorkspace(file, roots);
    if (!scope.ok) {
      connection.console.warn(`${CONVERT_ALL}: left out ${path}: ${scope.reason}`);
      outside.push({ file, reason: scope.reason });
      continue;
    }
    if (seen.has(scope.path)) continue;
    seen.add(scope.path);
    const document = documents.forPath(path);
    targets.push(document ? { kind: 'document', document, version: document.version } : { kind: 'disk', path: scope.path });
  }
  return { targets, outside };
}

/** Report on the client's token when it sent one, else on one we ask the client to create. */
async function progressFor(ctx: ServerContext, clientToken: ProgressToken | undefined): Promise<{ progress: WorkDoneProgressReporter; tokens: CancellationToken[] }> {
  if (clientToken !== undefined || !ctx.client.workDoneProgress) return { progress: ctx.connection.window.attachWorkDoneProgress(clientToken), tokens: [] };
  const created = await ctx.connection.window.createWorkDoneProgress();
  return { progress: created, tokens: [created.token] };
}

export function registerCommands(ctx: ServerContext): void {
  const { connection, documents, settings, workspace } = ctx;

  // Registered as a plain request: onExecuteCommand strips workDoneToken from the params.
  connection.onRequest(ExecuteCommandRequest.type, async (params, token) => {
    if (!COMMANDS.includes(params.command)) throw new ResponseError(ErrorCodes.InvalidParams, `unknown command ${params.command}`);
    await settings.ready;
    const { progress, tokens } = await progressFor(ctx, params.workDoneToken);
    const control = { tokens: [token, ...tokens], progress };

    if (params.command === CONVERT_FILE) {
      const reference = readReference(params.arguments?.[0]);
      if (!reference) throw new ResponseError(ErrorCodes.InvalidParams, `${CONVERT_FILE} needs a {uri, version} argument`);
      const document = documents.get(reference.uri);
      const scope = document ? documentEditable(reference.uri, workspace.folders) : fileInWorkspace(reference.uri, workspaceRoots(workspace.folders));
      if (!scope.ok) {
        // Never read or edit a file the workspace does not hold: a crafted URI or a link out of it.
        connection.console.warn(`${CONVERT_FILE}: refused ${reference.uri}: ${scope.reason}`);
        return refusedSummary(reference.uri, scope.reason, 'outside the workspace');
      }
      if (document && reference.version != null && reference.version !== document.version) {
        // Refuse rather than convert text the caller has not seen.
        return refusedSummary(reference.uri, `the document changed (version ${reference.version} requested, now ${document.version})`, 'stale document version');
      }
      const target: ConversionTarget = document ? { kind: 'document', document, version: document.version } : { kind: 'disk', path: scope.path! };
      return runConversion(ctx, [target], { ...control, preview: false, label: 'Convert modules in this file to multi-phase initialization' });
    }

    // multiphase.convertAll
    const { targets, outside } = convertAllTargets(ctx);
    connection.console.info(`${CONVERT_ALL}: ${targets.length} files in ${workspace.folders.length} folder(s)`);
    // Applied at once unless the user asked for the preview (VS Code opens it
    // with every entry unticked, so by default "convert all" would convert nothing).
    const preview = settings.current.previewConvertAll;
    const summary = await runConversion(ctx, targets, { ...control, preview, label: 'Convert all modules to multi-phase initialization' });
    summary.skipped.unshift(...outside);
    const notApplied = summary.notApplied.length ? `, ${summary.notApplied.length} not applied` : '';
    connection.console.info(`${CONVERT_ALL}: ${summary.converted.length} converted${notApplied}, ${summary.refused.length} refused, ${summary.skipped.length} skipped${summary.cancelled ? ', cancelled' : ''}`);
    for (const { file, module, notes } of summary.converted) for (const note of notes ?? []) connection.console.info(`${CONVERT_ALL}: ${module} (${file}): ${note}`);
    return summary;
  });
}
