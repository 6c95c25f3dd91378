// multiphase.convertAll with multiphase.previewConvertAll on: the edit asks
// for confirmation, and the editor may apply only part of it (VS Code's
// Refactor Preview lets the user untick files and modules, and still answers
// applied: true). The test plays that editor and checks that the summary
// counts what the files show, not what was planned.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ApplyWorkspaceEditParams, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { useServer, type LspTestClient } from '../../support/lspClient';
import { makeWorkspace, singlePhaseModule } from './sources';

interface Summary {
  converted: { file: string; module: string }[];
  notApplied: { file: string; module: string; reason: string }[];
  applied: boolean;
}

const title = (module: string): string => `Convert '${module}' to multi-phase initialization (PEP 489)`;

function convertAll(client: LspTestClient): Promise<Summary> {
  return client.connection.sendRequest('workspace/executeCommand', { command: 'multiphase.convertAll', arguments: [] });
}

/** The edit with only the modules a user left ticked in the preview. */
function ticked(edit: WorkspaceEdit, modules: readonly string[]): WorkspaceEdit {
  const annotations = edit.changeAnnotations ?? {};
  const keep = new Set(modules.map(title));
  const documentChanges = (edit.documentChanges ?? []).flatMap((change) => {
    if (!('textDocument' in change)) return [];
    const edits = change.edits.filter((e) => 'annotationId' in e && keep.has(annotations[e.annotationId]?.label ?? ''));
    return edits.length ? [{ ...change, edits }] : [];
  });
  return { documentChanges };
}

function annotationsOf(params: ApplyWorkspaceEditParams | undefined): { label: string; description?: string; needsConfirmation?: boolean }[] {
  return Object.values(params?.edit.changeAnnotations ?? {});
}

describe('LSP: multiphase.convertAll with a preview and a partial apply', () => {
  const ws = makeWorkspace({
    'a.c': singlePhaseModule('a'),
    'b.c': singlePhaseModule('b'),
    'opened.c': singlePhaseModule('opened'),
    'two.c': `${singlePhaseModule('left')}\n${singlePhaseModule('right')}`,
  });
  // Unticked files never change: a short wait for the editor's sync keeps the test quick.
  const client = useServer({ settings: { previewConvertAll: true }, rootUri: ws.uri, initializationOptions: { diagnosticsDebounceMs: 0, appliedEditWaitMs: 300 } });

  it('asks for confirmation and counts only the modules the editor really converted', async () => {
    await client().open(ws.fileUri('opened.c'), singlePhaseModule('opened'));
    // The user ticks 'a' and, in two.c, only 'right'; b.c (on disk) and opened.c (open) stay unticked.
    client().applyEditAnswer = (params) => {
      client().applyWorkspaceEdit(ticked(params.edit, ['a', 'right']));
      return { applied: true };
    };
    const summary = await convertAll(client());

    const annotations = annotationsOf(client().appliedEdits[0]);
    assert.deepEqual(annotations.map((a) => a.label).sort(), ['a', 'b', 'left', 'opened', 'right'].map(title));
    for (const annotation of annotations) {
      assert.equal(annotation.needsConfirmation, true, 'previewConvertAll asks for the preview');
      assert.match(annotation.description ?? '', /PyModuleDef_Init/);
    }

    assert.equal(summary.applied, true);
    assert.deepEqual(summary.converted.map((c) => [c.file, c.module]).sort(), [
      [ws.fileUri('a.c'), 'a'],
      [ws.fileUri('two.c'), 'right'],
    ]);
    const notApplied = new Map(summary.notApplied.map((n) => [`${n.file} ${n.module}`, n.reason]));
    assert.equal(notApplied.size, 3, JSON.stringify(summary.notApplied));
    assert.match(notApplied.get(`${ws.fileUri('b.c')} b`) ?? '', /left this file unchanged/);
    assert.match(notApplied.get(`${ws.fileUri('opened.c')} opened`) ?? '', /left this file unchanged/);
    assert.match(notApplied.get(`${ws.fileUri('two.c')} left`) ?? '', /still single-phase/);

    // What the summary says is what the files hold.
    assert.match(readFileSync(ws.path('a.c'), 'utf8'), /return PyModuleDef_Init\(&a_module\);/);
    assert.equal(readFileSync(ws.path('b.c'), 'utf8'), singlePhaseModule('b'));
    assert.equal(client().text(ws.fileUri('opened.c')), singlePhaseModule('opened'));
    const two = readFileSync(ws.path('two.c'), 'utf8');
    assert.match(two, /PyModuleDef_Init\(&right_module\)/);
    assert.match(two, /PyModule_Create\(&left_module\)/);
  });
});

describe('LSP: multiphase.convertAll once the preview setting is turned off', () => {
  const ws = makeWorkspace({
    'b.c': singlePhaseModule('b'),
    'opened.c': singlePhaseModule('opened'),
    'two.c': `${singlePhaseModule('left')}\n${singlePhaseModule('right')}`,
  });
  const client = useServer({ settings: { previewConvertAll: true }, rootUri: ws.uri, initializationOptions: { diagnosticsDebounceMs: 0, appliedEditWaitMs: 300 } });

  it('applies directly, without confirmation, once the setting is off', async () => {
    await client().open(ws.fileUri('opened.c'), singlePhaseModule('opened'));
    client().applyEditAnswer = (params) => {
      client().applyWorkspaceEdit(params.edit);
      return { applied: true };
    };
    await client().changeSettings({});
    const summary = await convertAll(client());

    assert.equal(client().appliedEdits.length, 1);
    const annotations = annotationsOf(client().appliedEdits[0]);
    assert.deepEqual(annotations.map((a) => a.label).sort(), ['b', 'left', 'opened', 'right'].map(title), 'labelled per module, so the edit is undoable by name');
    assert.ok(annotations.every((a) => a.needsConfirmation === false));
    assert.deepEqual(summary.converted.map((c) => c.module).sort(), ['b', 'left', 'opened', 'right']);
    assert.deepEqual(summary.notApplied, []);
    // The open document changed through didChange, the others on disk.
    assert.match(client().text(ws.fileUri('opened.c')), /return PyModuleDef_Init\(&opened_module\);/);
    assert.doesNotMatch(readFileSync(ws.path('two.c'), 'utf8'), /PyModule_Create/);
  });
});

describe('LSP: multiphase.convertAll with an editor that syncs the edited documents after its answer', () => {
  const ws = makeWorkspace({ 'shown.c': singlePhaseModule('shown'), 'hidden.c': singlePhaseModule('hidden') });
  const client = useServer({ rootUri: ws.uri, initializationOptions: { diagnosticsDebounceMs: 0 } });

  it('waits for the didOpen/didChange that follow applied: true, as VS Code sends them', async () => {
    await client().open(ws.fileUri('shown.c'), singlePhaseModule('shown'));
    client().applyEditAnswer = (params) => {
      // After the answer has gone: VS Code opens hidden.c for the edit (didOpen
      // with the text on disk), then changes both documents, and saves nothing.
      setImmediate(() => {
        void client().open(ws.fileUri('hidden.c'), singlePhaseModule('hidden'));
        client().applyWorkspaceEdit(params.edit);
      });
      return { applied: true };
    };
    const summary = await convertAll(client());
    assert.deepEqual(summary.converted.map((c) => c.module).sort(), ['hidden', 'shown']);
    assert.deepEqual(summary.notApplied, []);
    assert.equal(readFileSync(ws.path('hidden.c'), 'utf8'), singlePhaseModule('hidden'), 'unsaved: only the open document has the edit');
  });
});
