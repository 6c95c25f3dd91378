// multiphase.convertAll and multiphase.convertFile on a temporary workspace:
// the test plays the editor (answers workspace/configuration and
// workspace/applyEdit, writes the files) and checks files, summary and progress.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useServer, type LspTestClient } from '../../support/lspClient';
import { makeWorkspace, PLAIN_C, refusedModule, singlePhaseModule } from './sources';

interface Summary {
  converted: { file: string; module: string }[];
  refused: { file: string; module: string; reasons: string[] }[];
  skipped: { file: string; reason: string }[];
  files: number;
  applied: boolean;
  cancelled: boolean;
  failureReason?: string;
}

function execute(client: LspTestClient, command: string, args: unknown[] = [], workDoneToken?: string): Promise<Summary> {
  return client.connection.sendRequest('workspace/executeCommand', { command, arguments: args, workDoneToken });
}

describe('LSP: conversion commands', () => {
  describe('multiphase.convertAll', () => {
    const ws = makeWorkspace({
      'alpha.c': singlePhaseModule('alpha'),
      'src/beta.c': singlePhaseModule('beta'),
      'src/lookup.c': refusedModule('lookup'),
      'src/plain.c': PLAIN_C,
      'build/built.c': singlePhaseModule('built'),
      'generated/gen.c': singlePhaseModule('gen'),
      'vendor/skipme.c': singlePhaseModule('skipme'),
      '.gitignore': 'generated/\n',
    });
    const client = useServer({ settings: { exclude: ['**/build/**', 'vendor/**'] }, rootUri: ws.uri, initializationOptions: { diagnosticsDebounceMs: 0 } });

    it('converts every module it can in one applyEdit with change annotations, and reports progress', async () => {
      const summary = await execute(client(), 'multiphase.convertAll');
      assert.equal(summary.applied, true);
      assert.equal(summary.cancelled, false);
      assert.deepEqual(
        summary.converted.map((c) => [c.file, c.module]),
        [
          [ws.fileUri('alpha.c'), 'alpha'],
          [ws.fileUri('src/beta.c'), 'beta'],
        ],
      );
      assert.equal(summary.refused.length, 1);
      assert.equal(summary.refused[0]!.file, ws.fileUri('src/lookup.c'));
      assert.equal(summary.refused[0]!.module, 'lookup');
      assert.match(summary.refused[0]!.reasons.join(' '), /PyState_FindModule/);
      assert.equal(summary.files, 4, 'build/, vendor/ (exclude) and generated/ (.gitignore) are not scanned');

      assert.match(readFileSync(ws.path('alpha.c'), 'utf8'), /return PyModuleDef_Init\(&alpha_module\);/);
      assert.match(readFileSync(ws.path('src/beta.c'), 'utf8'), /return PyModuleDef_Init\(&beta_module\);/);
      assert.equal(readFileSync(ws.path('src/lookup.c'), 'utf8'), refusedModule('lookup'));
      assert.equal(readFileSync(ws.path('build/built.c'), 'utf8'), singlePhaseModule('built'));
      assert.equal(readFileSync(ws.path('generated/gen.c'), 'utf8'), singlePhaseModule('gen'));
      assert.equal(readFileSync(ws.path('vendor/skipme.c'), 'utf8'), singlePhaseModule('skipme'));

      assert.equal(client().appliedEdits.length, 1, 'one workspace/applyEdit');
      const edit = client().appliedEdits[0]!.edit;
      const labels = Object.values(edit.changeAnnotations ?? {}).map((a) => a.label);
      assert.deepEqual(labels.sort(), ["Convert 'alpha' to multi-phase initialization (PEP 489)", "Convert 'beta' to multi-phase initialization (PEP 489)"]);
      for (const change of edit.documentChanges ?? []) {
        assert.ok('edits' in change);
        for (const e of change.edits) assert.ok('annotationId' in e && e.annotationId, 'every edit is annotated');
      }

      const kinds = client().progress.map((p) => p.value.kind);
      assert.equal(kinds[0], 'begin');
      assert.equal(kinds.at(-1), 'end');
      assert.ok(kinds.filter((k) => k === 'report').length >= 4, 'a report per file');
      const begin = client().progress[0]!.value;
      assert.equal(begin.cancellable, true);
      assert.ok(client().progress.some((p) => /4\/4 files, 2 modules to convert/.test(p.value.message ?? '')), 'counts in the messages');
    });

    it('has nothing left to convert the second time', async () => {
      const summary = await execute(client(), 'multiphase.convertAll');
      assert.deepEqual(summary.converted, []);
      assert.equal(summary.refused.length, 1);
      assert.equal(summary.applied, false);
    });
  });

  describe('multiphase.convertFile', () => {
    const ws = makeWorkspace({ 'one.c': singlePhaseModule('one'), 'two.c': singlePhaseModule('two') });
    const client = useServer({ rootUri: ws.uri, initializationOptions: { diagnosticsDebounceMs: 0 } });

    it('refuses a stale version and converts the current one', async () => {
      const uri = ws.fileUri('one.c');
      await client().open(uri, singlePhaseModule('one'));
      const version = await client().change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '/* edited */\n' }]);
      const stale = await execute(client(), 'multiphase.convertFile', [{ uri, version: version - 1 }]);
      assert.deepEqual(stale.converted, []);
      assert.match(stale.skipped[0]?.reason ?? '', /changed \(version 1 requested, now 2\)/);
      assert.equal(client().appliedEdits.length, 0, 'no edit sent');

      const fresh = await execute(client(), 'multiphase.convertFile', [{ uri, version }]);
      assert.deepEqual(fresh.converted, [{ file: uri, module: 'one' }]);
      assert.match(client().text(uri), /^\/\* edited \*\/\n[\s\S]*return PyModuleDef_Init\(&one_module\);/);
      const published = await client().waitForDiagnostics(uri, (p) => (p.version ?? 0) > version);
      assert.ok(!published.diagnostics.some((d) => d.code === 'single-phase-init'));
    });

    it('reports an edit the editor did not apply', async () => {
      client().applyEditAnswer = () => ({ applied: false, failureReason: 'user cancelled the preview' });
      const summary = await execute(client(), 'multiphase.convertFile', [ws.fileUri('two.c')]);
      assert.equal(summary.applied, false);
      assert.equal(summary.failureReason, 'user cancelled the preview');
      assert.deepEqual(summary.converted, []);
      assert.equal(readFileSync(ws.path('two.c'), 'utf8'), singlePhaseModule('two'));
    });

    it('uses the progress token the client passes', async () => {
      client().progress.length = 0;
      await execute(client(), 'multiphase.convertFile', [ws.fileUri('two.c')], 'client-token');
      assert.ok(client().progress.length >= 3);
      assert.ok(client().progress.every((p) => p.token === 'client-token'));
    });
  });

  describe('a document edited while multiphase.convertAll runs', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`f${String(i).padStart(2, '0')}.c`] = singlePhaseModule(`f${i}`);
    const ws = makeWorkspace(files);
    const client = useServer({ rootUri: ws.uri, initializationOptions: { diagnosticsDebounceMs: 0 } });

    it('is left out of the edit (its analysis is stale) while the others are converted', async () => {
      const uri = ws.fileUri('f00.c');
      await client().open(uri, singlePhaseModule('f0'));
      let edited = false;
      client().connection.onNotification('$/progress', (event: { value: { kind: string } }) => {
        if (event.value.kind !== 'report' || edited) return;
        edited = true; // f00.c is analysed first; type into it before the run ends
        void client().change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// typing\n' }]);
      });
      const summary = await execute(client(), 'multiphase.convertAll');
      assert.ok(edited);
      assert.deepEqual(summary.skipped, [{ file: uri, reason: 'the document changed while converting; run the command again' }]);
      assert.equal(summary.converted.length, 11);
      assert.ok(!summary.converted.some((c) => c.file === uri));
      assert.match(client().text(uri), /^\/\/ typing\n[\s\S]*PyModule_Create/);
      assert.match(readFileSync(ws.path('f11.c'), 'utf8'), /PyModuleDef_Init\(&f11_module\)/);
    });
  });

  describe('cancelling multiphase.convertAll', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`m${i}.c`] = singlePhaseModule(`m${i}`);
    const ws = makeWorkspace(files);
    const client = useServer({ rootUri: ws.uri });

    it('stops at the cancel button and changes nothing', async () => {
      client().connection.onNotification('$/progress', (event: { token: string | number; value: { kind: string } }) => {
        if (event.value.kind === 'report') void client().connection.sendNotification('window/workDoneProgress/cancel', { token: event.token });
      });
      const summary = await execute(client(), 'multiphase.convertAll');
      assert.equal(summary.cancelled, true);
      assert.ok(summary.files < 40, `stopped after ${summary.files} files`);
      assert.equal(client().appliedEdits.length, 0);
      assert.equal(readFileSync(ws.path('m0.c'), 'utf8'), singlePhaseModule('m0'));
    });
  });
});
