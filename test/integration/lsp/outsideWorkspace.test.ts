// The server never proposes an edit outside the workspace: convertFile and
// convertAll with URIs of another folder, with `..` or `%2e%2e` in them, with
// an encoded slash, or naming a link that leads out of the workspace, are
// refused in the reply and in the log, and no workspace/applyEdit names a
// file outside it. A link that stays inside is edited at its target.
// Checksums of every file (inside and outside) prove what changed.
import assert from 'node:assert/strict';
import { readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CodeAction } from 'vscode-languageserver';
import { changedEntries, snapshot } from '../../support/treeSnapshot';
import { useServer, type LspTestClient } from '../../support/lspClient';
import { makeWorkspace, singlePhaseModule } from './sources';

interface Summary {
  converted: { file: string; module: string }[];
  refused: { file: string; module: string; reasons: string[] }[];
  skipped: { file: string; reason: string }[];
  applied: boolean;
  failureReason?: string;
}

function execute(client: LspTestClient, command: string, args: unknown[] = []): Promise<Summary> {
  return client.connection.sendRequest('workspace/executeCommand', { command, arguments: args });
}

/** Every URI a workspace/applyEdit named, as file paths. */
function editedPaths(client: LspTestClient): string[] {
  return client.appliedEdits.flatMap(({ edit }) => [
    ...Object.keys(edit.changes ?? {}),
    ...(edit.documentChanges ?? []).map((change) => ('textDocument' in change ? change.textDocument.uri : '')),
  ]).map((uri) => fileURLToPath(uri));
}

const SILENCED = singlePhaseModule('quiet').replace('    PyObject *m = PyModule_Create(', '    // multiphase: ignore\n    PyObject *m = PyModule_Create(');

describe('LSP: no edit leaves the workspace', () => {
  const tree = makeWorkspace({
    'ws/inside.c': singlePhaseModule('inside'),
    'ws/sub/target.c': singlePhaseModule('target'),
    'ws/quiet.c': SILENCED,
    'elsewhere/victim.c': singlePhaseModule('victim'),
    'shared/linked.c': singlePhaseModule('linked'),
  });
  symlinkSync('../shared/linked.c', tree.path('ws/link_out.c'));
  symlinkSync('sub/target.c', tree.path('ws/link_in.c'));
  const ws = pathToFileURL(tree.path('ws')).href;
  const client = useServer({ rootUri: ws, initializationOptions: { diagnosticsDebounceMs: 0 } });

  const hostile: Array<[string, string, RegExp]> = [
    ['another folder', pathToFileURL(tree.path('elsewhere/victim.c')).href, /^it resolves to .*\/elsewhere\/victim\.c, outside the workspace folders$/],
    ['..', `${ws}/../elsewhere/victim.c`, /^it resolves to .*\/elsewhere\/victim\.c, outside the workspace folders$/],
    ['%2e%2e', `${ws}/%2e%2e/elsewhere/victim.c`, /^it resolves to .*\/elsewhere\/victim\.c, outside the workspace folders$/],
    ['%2E%2E and a percent-encoded name', `${ws}/sub/%2E%2E/%2E%2E/elsewhere/%76ictim.c`, /^it resolves to .*\/elsewhere\/victim\.c, outside the workspace folders$/],
    ['an encoded slash', `${ws}/sub%2F..%2F..%2Felsewhere/victim.c`, /^not the URI of a local file$/],
    ['a link out of the workspace', `${ws}/link_out.c`, /^a symbolic link to .*\/shared\/linked\.c, outside the workspace folders$/],
  ];

  for (const [what, uri, reason] of hostile) {
    it(`convertFile refuses ${what}, in the reply and the log, and sends no edit`, async () => {
      const before = snapshot(tree.root);
      const edits = client().appliedEdits.length;
      const summary = await execute(client(), 'multiphase.convertFile', [{ uri, version: null }]);
      assert.equal(summary.failureReason, 'outside the workspace');
      assert.equal(summary.skipped.length, 1);
      assert.equal(summary.skipped[0]!.file, uri);
      assert.match(summary.skipped[0]!.reason, reason);
      assert.deepEqual(summary.converted, []);
      assert.ok(client().logs.some((line) => line === `multiphase.convertFile: refused ${uri}: ${summary.skipped[0]!.reason}`), client().logs.join('\n'));
      assert.equal(client().appliedEdits.length, edits, 'no workspace/applyEdit');
      assert.deepEqual(changedEntries(before, snapshot(tree.root)), []);
    });
  }

  it('code actions offer nothing for an open document outside the workspace, and say so once in the log', async () => {
    const uri = pathToFileURL(tree.path('elsewhere/victim.c')).href;
    await client().open(uri, singlePhaseModule('victim'));
    const range = { start: { line: 0, character: 0 }, end: { line: 60, character: 0 } };
    for (const only of [undefined, ['source.fixAll']]) {
      const actions = await client().connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only } });
      assert.deepEqual(actions, []);
    }
    assert.equal(client().logs.filter((line) => line.startsWith(`code actions: none for ${uri}: it resolves to `)).length, 1);
    const summary = await execute(client(), 'multiphase.convertFile', [{ uri, version: 1 }]);
    assert.equal(summary.failureReason, 'outside the workspace', 'open or not, it is outside');
  });

  it('convertFile on a link inside the workspace edits its target, and the link stays a link', async () => {
    const before = snapshot(tree.root);
    const edits = client().appliedEdits.length;
    const summary = await execute(client(), 'multiphase.convertFile', [{ uri: `${ws}/link_in.c`, version: null }]);
    assert.equal(summary.applied, true);
    assert.deepEqual(editedPaths(client()).slice(edits), [tree.path('ws/sub/target.c')]);
    assert.deepEqual(changedEntries(before, snapshot(tree.root)), ['ws/sub/target.c']);
    assert.equal(readlinkSync(tree.path('ws/link_in.c')), 'sub/target.c');
    assert.match(readFileSync(tree.path('ws/sub/target.c'), 'utf8'), /return PyModuleDef_Init\(&target_module\);/);
  });

  it('offers no conversion for a module silenced by // multiphase: ignore', async () => {
    const uri = `${ws}/quiet.c`;
    await client().open(uri, SILENCED);
    const range = { start: { line: 0, character: 0 }, end: { line: 60, character: 0 } };
    const actions = await client().connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['quickfix', 'source.fixAll'] } });
    assert.deepEqual(actions.filter((action) => /Convert/.test(action.title)), []);
  });
});

describe('LSP: Convert All and a link inside the workspace', () => {
  const tree = makeWorkspace({ 'sub/target.c': singlePhaseModule('target') });
  symlinkSync('sub/target.c', tree.path('a_link.c'));
  const client = useServer({ rootUri: tree.uri, initializationOptions: { diagnosticsDebounceMs: 0 } });

  it('edits the target once, not once per name, and the link stays a link', async () => {
    const before = snapshot(tree.root);
    const summary = await execute(client(), 'multiphase.convertAll');
    assert.equal(summary.applied, true);
    assert.deepEqual(editedPaths(client()), [tree.path('sub/target.c')]);
    assert.deepEqual(summary.converted.map((c) => c.module), ['target']);
    assert.deepEqual(changedEntries(before, snapshot(tree.root)), ['sub/target.c']);
    assert.equal(readlinkSync(tree.path('a_link.c')), 'sub/target.c');
    assert.match(readFileSync(tree.path('sub/target.c'), 'utf8'), /return PyModuleDef_Init\(&target_module\);/);
  });
});

describe('LSP: convertAll stays inside the workspace', () => {
  // Its own tree: no earlier test has converted any of it.
  const tree = makeWorkspace({
    'ws/inside.c': singlePhaseModule('inside'),
    'ws/quiet.c': SILENCED,
    'elsewhere/victim.c': singlePhaseModule('victim'),
    'shared/linked.c': singlePhaseModule('linked'),
  });
  symlinkSync('../shared/linked.c', tree.path('ws/link_out.c'));
  const ws = pathToFileURL(tree.path('ws')).href;
  const client = useServer({ rootUri: ws, initializationOptions: { diagnosticsDebounceMs: 0 } });
  const inWorkspace = (path: string): boolean => path.startsWith(tree.path('ws') + '/');

  it('convertAll edits only files inside the workspace, leaves the outward link and the silenced module alone', async () => {
    const before = snapshot(tree.root);
    const edits = client().appliedEdits.length;
    const summary = await execute(client(), 'multiphase.convertAll');
    assert.equal(summary.applied, true);
    const edited = editedPaths(client()).slice(edits);
    assert.ok(edited.length > 0 && edited.every(inWorkspace), edited.join('\n'));
    assert.deepEqual(edited, [tree.path('ws/inside.c')]);
    assert.deepEqual(summary.refused.map((r) => [r.module, r.reasons.map((reason) => /^\[([a-z-]+)\]: /.exec(reason)?.[1])]), [['quiet', ['silenced']]]);
    assert.deepEqual(changedEntries(before, snapshot(tree.root)), ['ws/inside.c']);
    assert.ok(client().logs.some((line) => /^multiphase\.convertAll: left out .*link_out\.c: a symbolic link to .*shared\/linked\.c, outside the workspace folders$/.test(line)));
    const leftOut = summary.skipped.find((entry) => entry.file === `${ws}/link_out.c`);
    assert.match(leftOut?.reason ?? '', /^a symbolic link to .*\/shared\/linked\.c, outside the workspace folders$/, 'the reply says so too');
    assert.equal(readFileSync(tree.path('shared/linked.c'), 'utf8'), singlePhaseModule('linked'));
    assert.equal(readFileSync(tree.path('elsewhere/victim.c'), 'utf8'), singlePhaseModule('victim'));
  });
});
