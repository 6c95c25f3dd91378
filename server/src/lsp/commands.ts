// workspace/executeCommand: multiphase.convertAll converts every module it
// safely can in the workspace folders; multiphase.convertFile one document.
// Both take {uri, version} (or a bare URI) and refuse a stale version.
import { ErrorCodes, ExecuteCommandRequest, ResponseError, type CancellationToken, type ProgressToken, type WorkDoneProgressReporter } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { runConversion, type ConversionSummary, type ConversionTarget } from './conversionRun';
import { uriToPath } from './uris';

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

function emptySummary(): ConversionSummary {
  return { converted: [], notApplied: [], refused: [], skipped: [], files: 0, applied: false, cancelled: false };
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
      if (document && reference.version != null && reference.version !== document.version) {
        // Refuse rather than convert text the caller has not seen.
        const summary = emptySummary();
        summary.skipped.push({ file: reference.uri, reason: `the document changed (version ${reference.version} requested, now ${document.version})` });
        summary.failureReason = 'stale document version';
        return summary;
      }
      const path = uriToPath(reference.uri);
      const target: ConversionTarget | undefined = document
        ? { kind: 'document', document, version: document.version }
        : path ? { kind: 'disk', path } : undefined;
      if (!target) throw new ResponseError(ErrorCodes.InvalidParams, `${reference.uri} is neither open nor a file`);
      return runConversion(ctx, [target], { ...control, preview: false, label: 'Convert modules in this file to multi-phase initialization' });
    }

    // multiphase.convertAll
    const targets: ConversionTarget[] = [];
    for (const path of workspace.files()) {
      const document = documents.forPath(path);
      targets.push(document ? { kind: 'document', document, version: document.version } : { kind: 'disk', path });
    }
    connection.console.info(`${CONVERT_ALL}: ${targets.length} files in ${workspace.folders.length} folder(s)`);
    // Applied at once unless the user asked for the preview (VS Code opens it
    // with every entry unticked, so by default "convert all" would convert nothing).
    const preview = settings.current.previewConvertAll;
    const summary = await runConversion(ctx, targets, { ...control, preview, label: 'Convert all modules to multi-phase initialization' });
    const notApplied = summary.notApplied.length ? `, ${summary.notApplied.length} not applied` : '';
    connection.console.info(`${CONVERT_ALL}: ${summary.converted.length} converted${notApplied}, ${summary.refused.length} refused, ${summary.skipped.length} skipped${summary.cancelled ? ', cancelled' : ''}`);
    return summary;
  });
}
