// Code actions end to end: request them for a diagnostic, apply the returned
// edit as an editor would, and check the text and the diagnostics after.
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../../support/lspClient';
import { HALF_CONVERTED, refusedModule, singlePhaseModule } from './sources';

async function actionsFor(client: LspTestClient, uri: string, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
  return client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only },
  });
}

/** Apply the action's edit and wait for the diagnostics of the resulting version. */
async function apply(client: LspTestClient, uri: string, action: CodeAction): Promise<PublishDiagnosticsParams> {
  assert.ok(action.edit, `${action.title} has an edit`);
  const before = client.documents.get(uri)!.version;
  client.applyWorkspaceEdit(action.edit);
  return client.waitForDiagnostics(uri, (p) => (p.version ?? 0) > before);
}

function withCode(published: PublishDiagnosticsParams, code: string): Diagnostic {
  const found = published.diagnostics.find((d) => d.code === code);
  assert.ok(found, `${code} among ${published.diagnostics.map((d) => d.code).join(', ')}`);
  return found;
}

describe('LSP: code actions', () => {
  let client: LspTestClient;

  before(async () => {
    client = LspTestClient.spawn();
    await client.initialize({ initializationOptions: { diagnosticsDebounceMs: 0 } });
  });

  after(() => client.shutdown());

  it('converts a single-phase module with the preferred quick fix, and its diagnostics clear', async () => {
    const uri = 'file:///virtual/convert_me.c';
    await client.open(uri, singlePhaseModule('convert_me'));
    const diagnostic = withCode(await client.waitForDiagnostics(uri), 'single-phase-init');
    const actions = await actionsFor(client, uri, diagnostic);
    const convert = actions.find((a) => a.title === "Convert 'convert_me' to multi-phase initialization (PEP 489)");
    assert.ok(convert, `offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(convert.disabled, undefined, convert.disabled?.reason);
    assert.equal(convert.isPreferred, true);
    assert.equal(convert.kind, 'quickfix');
    const after = await apply(client, uri, convert);
    const text = client.text(uri);
    assert.match(text, /return PyModuleDef_Init\(&convert_me_module\);/);
    assert.match(text, /Py_mod_exec/);
    assert.doesNotMatch(text, /PyModule_Create/);
    assert.deepEqual(
      after.diagnostics.filter((d) => d.code === 'single-phase-init' || d.code === 'negative-m-size'),
      [],
      'the module is no longer single-phase',
    );
  });

  it('offers a refused conversion as a disabled action that says why', async () => {
    const uri = 'file:///virtual/lookup.c';
    await client.open(uri, refusedModule('lookup'));
    // The converter's verdict comes with the exact analysis, just after the first diagnostics.
    const refused = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => /Not converted automatically/.test(d.message)));
    const diagnostic = withCode(refused, 'single-phase-init');
    assert.match(diagnostic.message, /Not converted automatically: \[state-lookup\]: /);
    const actions = await actionsFor(client, uri, diagnostic);
    const convert = actions.find((a) => a.title === "Convert 'lookup' to multi-phase initialization (PEP 489)");
    assert.ok(convert?.disabled, 'disabled');
    assert.match(convert.disabled.reason, /Not converted automatically: \[state-lookup\]: /);
    assert.equal(convert.edit, undefined);
  });

  describe('where the editor asks from', () => {
    const uri = 'file:///virtual/anywhere.c';
    const title = "Convert 'anywhere' to multi-phase initialization (PEP 489)";
    let createLine = -1;
    let diagnostic: Diagnostic;

    before(async () => {
      const text = singlePhaseModule('anywhere');
      createLine = text.slice(0, text.indexOf('PyModule_Create(')).split('\n').length - 1;
      await client.open(uri, text);
      diagnostic = withCode(await client.waitForDiagnostics(uri), 'single-phase-init');
      assert.equal(diagnostic.range.start.line, createLine, 'the finding is on the PyModule_Create line');
      assert.ok(diagnostic.range.start.character > 0, 'and does not start at column 0');
    });

    const request = (line: number, diagnostics: Diagnostic[]): Promise<CodeAction[]> =>
      client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line, character: 0 }, end: { line, character: 0 } },
        context: { diagnostics },
      });

    it('offers the conversion with the cursor at column 0 of the PyModule_Create line, no diagnostics sent', async () => {
      const actions = await request(createLine, []);
      const convert = actions.find((a) => a.title === title);
      assert.ok(convert?.edit, `offered: ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(convert.diagnostics?.[0]?.code, 'single-phase-init');
    });

    it('offers the conversion for a diagnostic passed only in context.diagnostics, far from the cursor', async () => {
      assert.deepEqual((await request(0, [])).map((a) => a.title), [], 'nothing on line 0 by itself');
      const actions = await request(0, [diagnostic]);
      const convert = actions.find((a) => a.title === title);
      assert.ok(convert?.edit, `offered: ${actions.map((a) => a.title).join(' | ')}`);
      assert.deepEqual(convert.diagnostics, [diagnostic], 'the action names the diagnostic the client sent');
    });

    it('matches a sent diagnostic without our data by code and range, and ignores ones that match nothing', async () => {
      const bare: Diagnostic = { ...diagnostic };
      delete bare.data;
      assert.ok((await request(0, [bare])).some((a) => a.title === title), 'found by code and range');
      const elsewhere = { ...bare, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } } };
      const otherCode = { ...bare, code: 'missing-gil-slot' };
      const otherModule = { ...diagnostic, data: { ...(diagnostic.data as object), module: 'someone_else' } };
      const foreign = { ...bare, source: 'clangd' };
      for (const sent of [elsewhere, otherCode, otherModule, foreign]) {
        assert.deepEqual((await request(0, [sent])).map((a) => a.title), [], JSON.stringify(sent));
      }
    });
  });

  describe('quick fixes for the smaller rules', () => {
    /** A fresh copy of the half-converted module under its own name: no test sees another's edits. */
    async function openHalf(name: string): Promise<string> {
      const uri = `file:///virtual/half-${name}.c`;
      await client.open(uri, HALF_CONVERTED);
      await client.waitForDiagnostics(uri);
      return uri;
    }

    async function applyFix(uri: string, code: string, title: RegExp): Promise<PublishDiagnosticsParams> {
      const diagnostic = withCode(client.diagnostics.get(uri)!, code);
      const actions = await actionsFor(client, uri, diagnostic);
      const fix = actions.find((a) => title.test(a.title));
      assert.ok(fix, `offered: ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(fix.kind, 'quickfix');
      assert.equal(fix.diagnostics?.[0]?.code, code);
      return apply(client, uri, fix);
    }

    const cases: { code: string; title: RegExp; after: (text: string) => void }[] = [
      {
        code: 'missing-gil-slot',
        title: /^Add \{Py_mod_gil, Py_MOD_GIL_USED\} to half_slots$/,
        after: (text) => assert.match(text, /    \{Py_mod_exec, half_exec\},\n#ifdef Py_mod_gil\n    \{Py_mod_gil, Py_MOD_GIL_USED\},\n#endif\n    \{0, NULL\}/),
      },
      {
        code: 'missing-multiple-interpreters-slot',
        title: /^Add \{Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED\} to half_slots$/,
        after: (text) => assert.match(text, /#ifdef Py_mod_multiple_interpreters\n    \{Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED\},\n#endif\n    \{0, NULL\}/),
      },
      { code: 'negative-m-size', title: /^Set m_size of half_module to 0$/, after: (text) => assert.match(text, /\.m_size = 0,/) },
      {
        code: 'exec-decrefs-module',
        title: /^Remove the release of the module/,
        after: (text) => assert.match(text, /if \(value == NULL\) \{\n        return -1;\n    \}/),
      },
      { code: 'import-macro-in-exec', title: /^Use import_array1\(-1\)/, after: (text) => assert.match(text, /\n    import_array1\(-1\);\n/) },
    ];

    for (const { code, title, after } of cases) {
      it(`fixes ${code}`, async () => {
        const uri = await openHalf(code);
        const published = await applyFix(uri, code, title);
        after(client.text(uri));
        assert.ok(!published.diagnostics.some((d) => d.code === code), `${code} is gone`);
      });
    }

    it('fixes gil-used-slot on the slot the missing-gil-slot fix wrote (NOT_USED, for after an audit), and no fix-all applies it', async () => {
      const uri = await openHalf('gil-used');
      await applyFix(uri, 'missing-gil-slot', /^Add \{Py_mod_gil, Py_MOD_GIL_USED\}/);
      const fixAll = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.multiphase'] },
      });
      assert.ok(!JSON.stringify(fixAll).includes('Py_MOD_GIL_NOT_USED'), 'fix-all never declares NOT_USED');
      const published = await applyFix(uri, 'gil-used-slot', /^Declare Py_MOD_GIL_NOT_USED \(only once the module is audited for free-threading\)$/);
      assert.match(client.text(uri), /#ifdef Py_mod_gil\n    \{Py_mod_gil, Py_MOD_GIL_NOT_USED\},\n#endif/);
      assert.ok(!published.diagnostics.some((d) => d.code === 'gil-used-slot'));
    });

    it('leaves only the GIL information once every quick fix is applied', async () => {
      const uri = await openHalf('all');
      for (const { code, title } of cases) await applyFix(uri, code, title);
      // The Py_mod_gil slot the fix wrote says GIL_USED: gil-used-slot stays until someone audits the module.
      assert.deepEqual(client.diagnosticsFor(uri).map((d) => d.code), ['gil-used-slot']);
    });
  });

  it('converts every module of a file with source.fixAll.multiphase', async () => {
    const uri = 'file:///virtual/two.c';
    const text = singlePhaseModule('first') + singlePhaseModule('second').replace(/#define PY_SSIZE_T_CLEAN\n#include <Python.h>\n/, '');
    await client.open(uri, text);
    await client.waitForDiagnostics(uri);
    const none = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.ok(!none.some((a) => a.kind === 'source.fixAll.multiphase'), 'source actions only when asked for');
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(actions.length, 1);
    const fixAll = actions[0]!;
    assert.equal(fixAll.kind, 'source.fixAll.multiphase');
    assert.match(fixAll.title, /first, second/);
    const published = await apply(client, uri, fixAll);
    const converted = client.text(uri);
    assert.match(converted, /return PyModuleDef_Init\(&first_module\);/);
    assert.match(converted, /return PyModuleDef_Init\(&second_module\);/);
    assert.ok(!published.diagnostics.some((d) => d.code === 'single-phase-init'));
  });

  it('ties edits to the analysed version so an editor refuses them once the text moved on', async () => {
    const uri = 'file:///virtual/moving.c';
    await client.open(uri, singlePhaseModule('moving'));
    const diagnostic = withCode(await client.waitForDiagnostics(uri), 'single-phase-init');
    const [convert] = (await actionsFor(client, uri, diagnostic)).filter((a) => a.isPreferred);
    const change = convert?.edit?.documentChanges?.[0];
    assert.ok(change && 'textDocument' in change);
    assert.equal(change.textDocument.version, 1);
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    assert.throws(() => client.applyWorkspaceEdit(convert!.edit!), /version 1 .* at 2/);
  });
});
