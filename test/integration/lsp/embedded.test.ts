// The language server on documents that embed C: a Markdown README with a
// fenced module, a Python helper with a module in a string, and an ordinary
// Python file. Diagnostics land on the block or string, Convert All converts
// them in place, and the settings turn each kind off.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CodeAction, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { useServer } from '../../support/lspClient';
import { makeWorkspace, singlePhaseModule } from './sources';

const README = `# mdmod\n\nThe module:\n\n\`\`\`c\n${singlePhaseModule('mdmod')}\`\`\`\n`;
const HELPER = `"""Builds a test module."""\n\nSOURCE = """\\\n${singlePhaseModule('pymod')}"""\n`;
const PLAIN_PY = `import os\n\n\ndef main():\n    print(os.getcwd())\n`;

interface Summary {
  converted: { file: string; module: string }[];
  refused: { file: string; module: string; reasons: string[] }[];
  applied: boolean;
}

describe('LSP: C embedded in documents and Python strings', () => {
  const ws = makeWorkspace({ 'README.md': README, 'tools/helper.py': HELPER, 'tools/plain.py': PLAIN_PY, 'docs/notes.md': '# Notes\n\nNothing in C here.\n' });
  const client = useServer({ rootUri: ws.uri, initializationOptions: { diagnosticsDebounceMs: 0 } });

  it('reports the module of an open Markdown document at its line in the fenced block, and nothing for an ordinary Python file', async () => {
    await client().open(ws.fileUri('README.md'), README, 'markdown');
    const published = await client().waitForDiagnostics(ws.fileUri('README.md'), (p) => p.diagnostics.length > 0);
    const single = published.diagnostics.find((d) => d.code === 'single-phase-init');
    assert.ok(single, JSON.stringify(published.diagnostics));
    const line = README.split('\n').findIndex((l) => l.includes('PyModule_Create'));
    assert.equal(single.range.start.line, line);
    await client().open(ws.fileUri('tools/plain.py'), PLAIN_PY, 'python');
    const plain = await client().waitForDiagnostics(ws.fileUri('tools/plain.py'));
    assert.deepEqual(plain.diagnostics, []);
  });

  it('a C++ block gets its findings once the C++ grammar (loaded on demand) is in', async () => {
    const doc = `# cppmod\n\n\`\`\`cpp\n${singlePhaseModule('cppmod').replace('static PyObject *\n', 'static auto ').replace('(PyObject *self, PyObject *arg)\n{', '(PyObject *self, PyObject *arg) -> PyObject *\n{')}\`\`\`\n`;
    await client().open(ws.fileUri('docs/cpp.md'), doc, 'markdown');
    const published = await client().waitForDiagnostics(ws.fileUri('docs/cpp.md'), (p) => p.diagnostics.some((d) => d.code === 'single-phase-init'));
    assert.ok(published.diagnostics.some((d) => /cppmod/.test(d.message)));
  });

  /** README.md open with its original text and its findings in, whatever earlier tests did: each test that needs it starts here. */
  async function openReadme(): Promise<{ uri: string; published: PublishDiagnosticsParams }> {
    const uri = ws.fileUri('README.md');
    const version = client().documents.has(uri) ? await client().change(uri, [{ text: README }]) : (await client().open(uri, README, 'markdown'), 1);
    const published = await client().waitForDiagnostics(uri, (p) => p.version === version && p.diagnostics.some((d) => d.code === 'single-phase-init'));
    return { uri, published };
  }

  it('offers a quick fix on the finding that converts the fenced block', async () => {
    const { uri, published } = await openReadme();
    const diagnostic = published.diagnostics.find((d) => d.code === 'single-phase-init')!;
    const actions: CodeAction[] = await client().connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    assert.deepEqual(actions.map((a) => a.title), ["Convert 'mdmod' (code block at line 6) to multi-phase initialization (PEP 489)"]);
    assert.equal(actions[0]!.diagnostics?.length, 1);
    const change = actions[0]!.edit?.documentChanges?.[0];
    assert.ok(change && 'edits' in change && change.edits.some((e) => e.newText.includes('PyModuleDef_Init(&mdmod_module)')));
    const outside: CodeAction[] = await client().connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: { diagnostics: [] } });
    assert.deepEqual(outside, [], 'no action outside the block');
  });

  it('Convert All converts the fenced block (the open buffer) and the Python string (on disk) in place', async () => {
    await openReadme();
    const summary: Summary = await client().connection.sendRequest('workspace/executeCommand', { command: 'multiphase.convertAll', arguments: [] });
    assert.equal(summary.applied, true);
    assert.deepEqual(summary.converted.map((c) => c.module).sort(), ['mdmod', 'pymod']);
    assert.deepEqual(summary.refused, []);
    assert.match(client().text(ws.fileUri('README.md')), /```c\n[\s\S]*return PyModuleDef_Init\(&mdmod_module\);\n}\n```\n$/);
    const helper = readFileSync(ws.path('tools/helper.py'), 'utf8');
    assert.match(helper, /^SOURCE = """\\\n/m);
    assert.match(helper, /static int\npymod_exec\(PyObject \*m\)\n\{/);
    assert.match(helper, /return PyModuleDef_Init\(&pymod_module\);\n\}\n"""\n$/);
  });

  it('Convert File on an open reStructuredText document converts its blocks in the buffer', async () => {
    const rst = `Example\n=======\n\n.. code-block:: c\n\n    ${singlePhaseModule('rstmod').trimEnd().split('\n').join('\n    ')}\n\nDone.\n`;
    const uri = ws.fileUri('docs/example.rst');
    writeFileSync(ws.path('docs/example.rst'), 'Example\n=======\n');
    // The buffer, not the file, is what gets converted.
    await client().open(uri, rst, 'restructuredtext');
    const summary: Summary = await client().connection.sendRequest('workspace/executeCommand', { command: 'multiphase.convertFile', arguments: [{ uri, version: 1 }] });
    assert.deepEqual(summary.converted.map((c) => c.module), ['rstmod'], JSON.stringify(summary));
    const after = client().text(uri);
    assert.match(after, /\n    PyMODINIT_FUNC\n    PyInit_rstmod\(void\)\n    \{\n        return PyModuleDef_Init\(&rstmod_module\);\n    \}\n\nDone\.\n$/);
    assert.doesNotMatch(after, /^[^ \n.D=E]/m, 'every line of the block keeps its indentation');
  });

  it('Convert File on a Python helper that assembles its module from several strings writes each change into its string (the golden output)', async () => {
    const dir = resolve(__dirname, '../../../test-fixtures/embedded/build_helper_py');
    const input = readFileSync(join(dir, 'input.py'), 'utf8');
    const uri = ws.fileUri('tools/build.py');
    writeFileSync(ws.path('tools/build.py'), input);
    await client().open(uri, input, 'python');
    const published = await client().waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'single-phase-init'));
    const diagnostic = published.diagnostics.find((d) => d.code === 'single-phase-init')!;
    // The quick fix on the finding edits the strings the module is assembled from, each in place.
    const actions: CodeAction[] = await client().connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const change = actions[0]?.edit?.documentChanges?.[0];
    assert.ok(change && 'edits' in change && new Set(change.edits.map((e) => e.range.start.line)).size > 3, JSON.stringify(actions));
    const summary: Summary = await client().connection.sendRequest('workspace/executeCommand', { command: 'multiphase.convertFile', arguments: [{ uri, version: 1 }] });
    assert.deepEqual(summary.converted.map((c) => c.module), ['%(modname)s'], JSON.stringify(summary));
    assert.equal(client().text(uri), readFileSync(join(dir, 'expected.py'), 'utf8'));
  });

  it('multiphase.embedded.docs = false clears the Markdown diagnostics', async () => {
    await openReadme();
    await client().changeSettings({ embedded: { docs: false } });
    const cleared = await client().nextDiagnostics(ws.fileUri('README.md'), (p) => p.diagnostics.length === 0);
    assert.deepEqual(cleared.diagnostics, []);
  });
});
