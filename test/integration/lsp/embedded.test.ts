// The language server on documents that embed C: a Markdown README with a
// fenced module, a Python helper with a module in a string, and an ordinary
// Python file. Diagnostics land on the block or string, Convert All converts
// them in place, and the settings turn each kind off.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

  it('Convert All converts the fenced block (the open buffer) and the Python string (on disk) in place', async () => {
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

  it('multiphase.embedded.docs = false clears the Markdown diagnostics', async () => {
    await client().change(ws.fileUri('README.md'), [{ text: README }]);
    await client().waitForDiagnostics(ws.fileUri('README.md'), (p) => p.diagnostics.length > 0);
    await client().changeSettings({ embedded: { docs: false } });
    const cleared = await client().nextDiagnostics(ws.fileUri('README.md'), (p) => p.diagnostics.length === 0);
    assert.deepEqual(cleared.diagnostics, []);
  });
});
