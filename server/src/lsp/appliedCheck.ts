// What a workspace/applyEdit really changed. `applied: true` means the editor
// applied *something*: after a preview the user may have unticked files or
// modules, and VS Code still answers true. So each planned file is read again
// — the open document the editor keeps in sync (an edited but unsaved file is
// open), else the file on disk — and only the modules it now shows converted
// are counted.
import { readFileSync } from 'node:fs';
import { applyEdits } from '../core/edits';
import { languageForPath, type LanguageId } from '../core/grammars';
import type { ServerContext } from './context';
import type { OpenDocument } from './documents';
import { withTransientAnalysis } from './fileAnalysis';
import { uriToPath } from './uris';
import type { FileEdits } from './workspaceEdit';

/** One file's share of the edit: its edits and the modules they convert. */
/** A module the converter would not convert, with its reasons. Files are URIs. */
export interface RefusedModule {
  file: string;
  module: string;
  reasons: string[];
}

export interface PlannedFile {
  edits: FileEdits;
  modules: string[];
  /** The behaviour notes of each planned module's conversion. */
  notes?: Record<string, string[]>;
  document?: OpenDocument;
}

export interface NotAppliedModule {
  file: string;
  module: string;
  reason: string;
}

export interface AppliedOutcome {
  converted: string[];
  notApplied: NotAppliedModule[];
}

type CurrentText = { text: string; lang: LanguageId | undefined } | { error: string };

function currentText(ctx: ServerContext, file: PlannedFile): CurrentText {
  const uri = file.edits.uri;
  const path = uriToPath(uri);
  // The editor may have opened a file it edited (VS Code does, and leaves it
  // unsaved): its buffer, not the disk, holds the edit.
  const open = ctx.documents.get(uri) ?? (path ? ctx.documents.forPath(path) : undefined);
  if (open) return { text: open.text, lang: open.lang };
  const embedded = ctx.documents.embedded.get(uri) ?? (path ? ctx.documents.embedded.forPath(path) : undefined);
  if (embedded) return { text: embedded.text, lang: undefined };
  if (!path) return { error: 'it is neither open nor a file' };
  try {
    return { text: readFileSync(path, 'utf8'), lang: languageForPath(path) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** One key for a file however its URI is spelt: its path, else the URI. */
function fileKey(uri: string): string {
  return uriToPath(uri) ?? uri;
}

/**
 * Waits, up to `waitMs`, until every file shows some change. An editor
 * answers applyEdit and syncs the documents it changed in separate messages:
 * VS Code may send the didOpen/didChange of a file it opened for the edit
 * just after its answer. Woken by document events, never by polling; files
 * that were left out of the edit cost the whole wait.
 */
export async function awaitEditorSync(ctx: ServerContext, files: readonly PlannedFile[], waitMs: number): Promise<void> {
  const pending = new Map<string, PlannedFile>();
  for (const file of files) {
    const now = currentText(ctx, file);
    if (!('error' in now) && now.text === file.edits.lines.text) pending.set(fileKey(file.edits.uri), file);
  }
  if (pending.size === 0 || waitMs <= 0) return;
  await new Promise<void>((resolve) => {
    const finish = (): void => {
      clearTimeout(timer);
      stop();
      resolve();
    };
    const timer = setTimeout(finish, waitMs);
    const seen = (document: { path?: string; uri: string; text: string }): void => {
      const key = document.path ?? document.uri;
      // A didOpen still carries the old text; its didChange follows.
      if (pending.get(key)?.edits.lines.text !== document.text) pending.delete(key);
      if (pending.size === 0) finish();
    };
    const stops = [ctx.documents.onDidChangeContent(seen), ctx.documents.embedded.onDidChangeContent(seen)];
    const stop = (): void => stops.forEach((s) => s());
  });
}

function noneApplied(file: PlannedFile, reason: string): AppliedOutcome {
  return { converted: [], notApplied: file.modules.map((module) => ({ file: file.edits.uri, module, reason })) };
}

/** Every planned module counted as not applied, for an edit the editor refused. */
export function notAppliedAtAll(files: readonly PlannedFile[], reason: string): NotAppliedModule[] {
  return files.flatMap((file) => noneApplied(file, reason).notApplied);
}

/** Which of the file's planned modules the editor really converted. */
export function checkApplied(ctx: ServerContext, file: PlannedFile): AppliedOutcome {
  const now = currentText(ctx, file);
  if ('error' in now) return noneApplied(file, `cannot read it after the edit: ${now.error}`);
  const before = file.edits.lines.text;
  // The common cases need no parse: the whole edit landed, or none of it.
  if (now.text === applyEdits(before, file.edits.groups.flatMap((group) => group.edits))) return { converted: [...file.modules], notApplied: [] };
  if (now.text === before) return noneApplied(file, 'the editor left this file unchanged (unticked in the preview?)');
  // Part of it (one of two modules unticked), or the same edit with other
  // line endings, or more typing since: the model says which are multi-phase now.
  if (!now.lang) return noneApplied(file, languageForPath(file.edits.uri) ? 'the file changed, but it is no longer a C or C++ file' : 'the document changed otherwise than planned (partly applied, or edited since)');
  const phases = withTransientAnalysis(now.text, now.lang, ctx.settings.conversionOptions, ({ model }) => {
    const single = new Set(model.modules.filter((m) => m.phase === 'single').map((m) => m.name));
    return new Set(model.modules.filter((m) => m.phase === 'multi' && !single.has(m.name)).map((m) => m.name));
  });
  if (!phases.ok) return noneApplied(file, `the file changed, but it cannot be analysed: ${phases.reason}`);
  const outcome: AppliedOutcome = { converted: [], notApplied: [] };
  for (const module of file.modules) {
    if (phases.value.has(module)) outcome.converted.push(module);
    else outcome.notApplied.push({ file: file.edits.uri, module, reason: 'the file changed, but this module is still single-phase (unticked in the preview?)' });
  }
  return outcome;
}
