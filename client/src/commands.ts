// Client-side half of the conversion commands. The server does the work
// (workspace/executeCommand) and returns a summary; here we refuse to run in
// an untrusted workspace, fill in the active file for "this file", and turn
// the summary into a message with a button listing the refusals.
import * as vscode from 'vscode';
import type { ExecuteCommandSignature } from 'vscode-languageclient/node';

export const CONVERT_ALL = 'multiphase.convertAll';
export const CONVERT_FILE = 'multiphase.convertFile';
export const SERVER_COMMANDS: readonly string[] = [CONVERT_ALL, CONVERT_FILE];

export interface RefusedModule {
  file: string;
  module: string;
  reasons: string[];
}

export interface NotAppliedModule {
  file: string;
  module: string;
  reason: string;
}

/** What the server's convert commands return. Counts may come as lists of what was done. */
export interface ConversionSummary {
  /** What the files show converted once the edit is applied. */
  converted: number | unknown[];
  /** Sent but not converted (unticked in the Refactor Preview); absent from older servers. */
  notApplied?: NotAppliedModule[];
  refused: RefusedModule[];
  skipped: number | unknown[];
  /** False when the editor did not apply the edit (discarded preview, stale text). */
  applied?: boolean;
  cancelled?: boolean;
  failureReason?: string;
}

const SHOW_REFUSED = 'Show Refused';
const SHOW_CHANGES = 'Show What Changed';
const SHOW_NOT_APPLIED = 'Show Not Applied';
const MANAGE_TRUST = 'Manage Workspace Trust';

export function commandMiddleware(output: vscode.OutputChannel) {
  return async (command: string, args: unknown[], next: ExecuteCommandSignature): Promise<unknown> => {
    if (!SERVER_COMMANDS.includes(command)) return next(command, args);
    // The palette hides these in untrusted workspaces (enablement), but
    // keybindings and other extensions can still call them.
    if (!vscode.workspace.isTrusted) {
      const choice = await vscode.window.showErrorMessage('Converting modules changes your files, so it needs a trusted workspace.', MANAGE_TRUST);
      if (choice === MANAGE_TRUST) await vscode.commands.executeCommand('workbench.trust.manage');
      return undefined;
    }
    let commandArgs = args;
    if (command === CONVERT_FILE && args.length === 0) {
      const document = vscode.window.activeTextEditor?.document;
      if (!document) {
        void vscode.window.showWarningMessage('Open a C or C++ file to convert its modules.');
        return undefined;
      }
      // The version lets the server refuse if the text moves on before it runs.
      commandArgs = [{ uri: document.uri.toString(), version: document.version }];
    }
    const result: unknown = await next(command, commandArgs);
    if (isSummary(result)) {
      logSummary(output, command, result);
      void showSummary(result);
    }
    return result;
  };
}

function isSummary(value: unknown): value is ConversionSummary {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return 'converted' in candidate && Array.isArray(candidate.refused);
}

function count(value: number | unknown[] | undefined): number {
  if (Array.isArray(value)) return value.length;
  return typeof value === 'number' ? value : 0;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function summaryMessage(summary: ConversionSummary): string {
  const converted = count(summary.converted);
  const refused = summary.refused.length;
  const skipped = count(summary.skipped);
  const notApplied = summary.notApplied?.length ?? 0;
  // Only when it happened: a preview where some modules were left unticked.
  const unapplied = notApplied ? `, not applied ${notApplied}` : '';
  return `Multi-phase init: converted ${plural(converted, 'module', 'modules')}${unapplied}, refused ${refused}, skipped ${plural(skipped, 'file', 'files')}.`;
}

async function showSummary(summary: ConversionSummary): Promise<void> {
  if (summary.cancelled) {
    await vscode.window.showInformationMessage('Multi-phase init: conversion cancelled; nothing was changed.');
    return;
  }
  if (summary.failureReason) {
    await vscode.window.showWarningMessage(`Multi-phase init: nothing converted (${summary.failureReason}).`);
    return;
  }
  const message = summaryMessage(summary);
  const notApplied = summary.notApplied ?? [];
  const changed = convertedWithNotes(summary);
  const buttons = [...(changed.length ? [SHOW_CHANGES] : []), ...(summary.refused.length ? [SHOW_REFUSED] : []), ...(notApplied.length ? [SHOW_NOT_APPLIED] : [])];
  const choice = await vscode.window.showInformationMessage(message, ...buttons);
  if (choice === SHOW_CHANGES) await pickModules('What the conversion changes in each module', changed);
  if (choice === SHOW_REFUSED) await pickModules('Modules not converted', summary.refused);
  if (choice === SHOW_NOT_APPLIED) await pickModules('Modules not applied', notApplied.map((entry) => ({ ...entry, reasons: [entry.reason] })));
}

interface ModuleItem extends vscode.QuickPickItem {
  file: string;
}

/** One entry per module with its reasons; picking one opens its file. */
async function pickModules(title: string, modules: RefusedModule[]): Promise<void> {
  const items: ModuleItem[] = modules.map((entry) => ({
    label: entry.module,
    description: vscode.workspace.asRelativePath(toUri(entry.file)),
    detail: entry.reasons.join('; '),
    file: entry.file,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: 'Pick a module to open its file',
    matchOnDetail: true,
  });
  if (picked) await vscode.window.showTextDocument(toUri(picked.file));
}

/** The server reports files as URIs; accept plain paths too. */
function toUri(file: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]*:/i.test(file) && !/^[a-z]:\\/i.test(file) ? vscode.Uri.parse(file) : vscode.Uri.file(file);
}

function logSummary(output: vscode.OutputChannel, command: string, summary: ConversionSummary): void {
  output.appendLine(`[client] ${command}: ${summaryMessage(summary)}`);
  for (const entry of summary.refused) output.appendLine(`  refused ${entry.module} (${entry.file}): ${entry.reasons.join('; ')}`);
  for (const entry of summary.notApplied ?? []) output.appendLine(`  not applied ${entry.module} (${entry.file}): ${entry.reason}`);
  for (const entry of convertedWithNotes(summary)) {
    output.appendLine(`  converted ${entry.module} (${entry.file}):`);
    for (const note of entry.reasons) output.appendLine(`    ${note}`);
  }
}

/** Converted modules with the behaviour notes the server sent (one sentence each), as refusal-shaped entries. */
function convertedWithNotes(summary: ConversionSummary): RefusedModule[] {
  if (!Array.isArray(summary.converted)) return [];
  return summary.converted.flatMap((entry) => {
    const e = entry as { file?: unknown; module?: unknown; notes?: unknown };
    const notes = Array.isArray(e.notes) ? e.notes.filter((n): n is string => typeof n === 'string') : [];
    return typeof e.file === 'string' && typeof e.module === 'string' && notes.length ? [{ file: e.file, module: e.module, reasons: notes }] : [];
  });
}
