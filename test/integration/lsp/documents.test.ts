// The server over stdio: capabilities, diagnostics on open, incremental
// edits, suppression comments and hover.
import assert from 'node:assert/strict';
import { DiagnosticSeverity, TextDocumentSyncKind, type Hover, type MarkupContent } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../../support/lspClient';
import { PLAIN_C, singlePhaseModule } from './sources';

const URI = 'file:///virtual/spam.c';

function positionOf(text: string, needle: string, from = 0): { line: number; character: number } {
  const offset = text.indexOf(needle, from);
  assert.ok(offset >= 0, `${needle} is in the text`);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
}

describe('LSP: documents and diagnostics', () => {
  let client: LspTestClient;

  before(async () => {
    client = LspTestClient.spawn();
    const result = await client.initialize({ initializationOptions: { diagnosticsDebounceMs: 0 } });
    const caps = result.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: TextDocumentSyncKind.Incremental });
    assert.equal(typeof caps.diagnosticProvider === 'object' && caps.diagnosticProvider.workspaceDiagnostics, true);
    assert.deepEqual(caps.executeCommandProvider?.commands, ['multiphase.convertAll', 'multiphase.convertFile']);
    assert.ok(typeof caps.codeActionProvider === 'object' && caps.codeActionProvider.codeActionKinds?.includes('source.fixAll.multiphase'));
    assert.equal(caps.hoverProvider, true);
  });

  after(() => client.shutdown());

  it('publishes diagnostics with code, docs link, source, related information and fix data on open', async () => {
    const text = singlePhaseModule('spam');
    await client.open(URI, text);
    const { diagnostics, version } = await client.waitForDiagnostics(URI);
    assert.equal(version, 1);
    const init = diagnostics.find((d) => d.code === 'single-phase-init');
    assert.ok(init, 'single-phase-init reported');
    assert.equal(init.source, 'multiphase');
    assert.equal(init.severity, DiagnosticSeverity.Warning);
    assert.equal(init.codeDescription?.href, 'https://docs.python.org/3/c-api/module.html#multi-phase-initialization');
    assert.deepEqual(init.range.start, positionOf(text, 'PyModule_Create(&spam_module)'));
    assert.match(init.message, /Module 'spam' uses single-phase initialization/);
    assert.equal(init.relatedInformation?.[0]?.location.uri, URI);
    assert.deepEqual(init.relatedInformation?.[0]?.location.range.start, positionOf(text, 'spam_module = {'));
    assert.deepEqual(init.data, { ...(init.data as object), version: 1, code: 'single-phase-init', module: 'spam' });
    assert.ok(diagnostics.some((d) => d.code === 'negative-m-size'));
  });

  /** A module of its own for a test that edits it: no test starts from another's edits. */
  async function openModule(uri: string): Promise<string> {
    await client.open(uri, singlePhaseModule('spam'));
    await client.waitForDiagnostics(uri);
    return client.text(uri);
  }

  it('follows incremental edits, including several changes in one notification', async () => {
    const uri = 'file:///virtual/edited.c';
    const text = await openModule(uri);
    // m_size -1 -> 0: the negative-m-size finding goes away.
    const minus = positionOf(text, '-1,\n    spam_methods');
    let version = await client.change(uri, [{ range: { start: minus, end: { line: minus.line, character: minus.character + 2 } }, text: '0' }]);
    let published = await client.waitForDiagnostics(uri, (p) => p.version === version);
    assert.ok(!published.diagnostics.some((d) => d.code === 'negative-m-size'));

    // Three lines inserted at the top and a character typed at a time: ranges must move with the text.
    version = await client.change(uri, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '/* a */\n' },
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '/* b */\n/* c */\n' },
    ]);
    let column = 0;
    for (const ch of 'int typed_here = 1;\n') {
      const at = { line: 3, character: column++ };
      version = await client.change(uri, [{ range: { start: at, end: at }, text: ch }]);
    }
    published = await client.waitForDiagnostics(uri, (p) => p.version === version);
    const current = client.text(uri);
    assert.ok(current.startsWith('/* a */\n/* b */\n/* c */\nint typed_here = 1;\n'));
    const init = published.diagnostics.find((d) => d.code === 'single-phase-init');
    assert.deepEqual(init?.range.start, positionOf(current, 'PyModule_Create(&spam_module)'));
  });

  it('drops diagnostics of an older version when a newer one arrives', async () => {
    const uri = 'file:///virtual/typed-fast.c';
    const seen: number[] = [];
    const text = await openModule(uri);
    const at = positionOf(text, 'PyMODINIT_FUNC');
    let version = 0;
    for (let i = 0; i < 20; i++) version = await client.change(uri, [{ range: { start: at, end: at }, text: ' ' }]);
    const last = await client.waitForDiagnostics(uri, (p) => {
      seen.push(p.version ?? -1);
      return p.version === version;
    });
    assert.equal(last.version, version);
    assert.ok(seen.every((v, i) => i === 0 || v >= seen[i - 1]!), 'versions never go backwards');
  });

  it('honours // multiphase: ignore and /* multiphase: ignore[code] */ on the line or the line above', async () => {
    const uri = 'file:///virtual/quiet.c';
    const text = singlePhaseModule('quiet')
      .replace('    -1,\n', '    -1, /* multiphase: ignore[negative-m-size] */\n')
      .replace('    PyObject *m = PyModule_Create', '    // multiphase: ignore\n    PyObject *m = PyModule_Create');
    await client.open(uri, text);
    const { diagnostics } = await client.waitForDiagnostics(uri);
    assert.deepEqual(diagnostics, []);

    // A code list that names another rule does not silence this one.
    const loud = singlePhaseModule('loud').replace('    -1,\n', '    -1, /* multiphase: ignore[missing-gil-slot] */\n');
    await client.open('file:///virtual/loud.c', loud);
    const published = await client.waitForDiagnostics('file:///virtual/loud.c');
    assert.ok(published.diagnostics.some((d) => d.code === 'negative-m-size'));
  });

  it('publishes an empty list for a file with no modules', async () => {
    await client.open('file:///virtual/plain.c', PLAIN_C);
    const { diagnostics } = await client.waitForDiagnostics('file:///virtual/plain.c');
    assert.deepEqual(diagnostics, []);
  });

  it('explains slot names and values, PyModuleDef_Init and PyModule_Create on hover, but not words in comments', async () => {
    const uri = 'file:///virtual/hover.c';
    const text = '#include <Python.h>\n/* Py_mod_gil in a comment */\nstatic PyModuleDef_Slot s[] = {\n    {Py_mod_gil, Py_MOD_GIL_NOT_USED},\n    {0, NULL}\n};\nstatic PyObject *f(void) { return PyModule_Create(&d); }\n';
    await client.open(uri, text);
    const hoverAt = (needle: string, from = 0): Promise<Hover | null> =>
      client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(text, needle, from) });
    const slot = await hoverAt('Py_mod_gil,');
    assert.match((slot?.contents as MarkupContent).value, /\*\*Py_mod_gil\*\*[\s\S]*free-threaded[\s\S]*https:\/\/docs\.python\.org/);
    const value = await hoverAt('Py_MOD_GIL_NOT_USED');
    assert.match((value?.contents as MarkupContent).value, /Py_MOD_GIL_NOT_USED/);
    const create = await hoverAt('PyModule_Create');
    assert.match((create?.contents as MarkupContent).value, /single-phase/);
    assert.equal(await hoverAt('Py_mod_gil in'), null);
    assert.equal(await hoverAt('static'), null);
  });

  it('shows the process-wide state of a single-phase module on its PyModule_Create and PyInit_ name, limited to this file', async () => {
    const uri = 'file:///virtual/state-hover.c';
    const text = '#include <Python.h>\nstatic PyObject *Err;\nstatic struct PyModuleDef d = {PyModuleDef_HEAD_INIT, "st", NULL, -1, NULL};\nPyMODINIT_FUNC\nPyInit_st(void)\n{\n    PyObject *m = PyModule_Create(&d);\n    if (m == NULL) return NULL;\n    Err = PyErr_NewException("st.Err", NULL, NULL);\n    return m;\n}\n';
    await client.open(uri, text);
    await client.waitForDiagnostics(uri);
    for (const needle of ['PyModule_Create', 'PyInit_st']) {
      const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, needle) });
      const value = (hover?.contents as MarkupContent | undefined)?.value ?? '';
      assert.match(value, /set during init only: static 'Err', written in PyInit_st\(\)/, needle);
      assert.match(value, /this file only/, needle);
      // What converting it changes, one sentence each: an m_size -1 module with state is replayed.
      assert.match(value, /Converting it:\n\n- Re-import: as with single-phase init/, needle);
    }
  });
});
