// The server as users get it, away from this repository's node_modules: the
// `dist/` folder copied alone to an empty directory (what the README says to
// copy), and the `npm pack` tarball installed with `npm install -g`, started
// through its `multiphase-lsp` bin. Each serves a real session: initialize,
// the single-phase diagnostic, and the conversion offered from column 0.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { LspTestClient, REPO_ROOT } from '../../support/lspClient';
import { installGlobally, packServer } from '../../support/serverPackage';
import { makeWorkspace, singlePhaseModule } from './sources';

/** No node_modules in `dir` or any folder above it, so nothing can be resolved from one. */
function assertNoNodeModulesAbove(dir: string): void {
  for (let at = dir; ; at = dirname(at)) {
    assert.ok(!existsSync(join(at, 'node_modules')), `${at}/node_modules exists`);
    if (dirname(at) === at) return;
  }
}

/** initialize, then the diagnostic and the column-0 conversion for a workspace's single-phase module. */
async function checkSession(client: LspTestClient): Promise<void> {
  const workspace = makeWorkspace({ 'setup.py': '', 'src/copied.c': singlePhaseModule('copied') });
  const uri = workspace.fileUri('src/copied.c');
  try {
    const init = await client.initialize({ rootUri: workspace.uri, initializationOptions: { diagnosticsDebounceMs: 0 } });
    assert.equal(init.serverInfo?.name, 'multiphase');
    const text = readFileSync(workspace.path('src/copied.c'), 'utf8');
    await client.open(uri, text);
    const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'single-phase-init'));
    assert.ok(published.diagnostics.some((d) => d.code === 'single-phase-init'));
    const line = text.slice(0, text.indexOf('PyModule_Create(')).split('\n').length - 1;
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.ok(
      actions.some((a) => a.title === "Convert 'copied' to multi-phase initialization (PEP 489)" && a.edit),
      `offered: ${actions.map((a) => a.title).join(' | ')}\n${client.serverStderr}`,
    );
  } finally {
    await client.shutdown();
  }
}

describe('LSP: the server away from the repository', function () {
  this.timeout(180_000);
  let scratch = '';

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'multiphase-dist-'));
    assertNoNodeModulesAbove(scratch);
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('runs from a copy of the dist/ folder alone, as the README says to copy it', async () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    assert.match(readme, /copy the whole\s+`dist\/` folder/, 'the README names what to copy');
    const copy = join(scratch, 'copied', 'dist');
    cpSync(join(REPO_ROOT, 'dist'), copy, { recursive: true });
    await checkSession(LspTestClient.spawnCommand(process.execPath, [join(copy, 'server.js'), '--stdio'], scratch));
  });

  it('installs from `npm pack` with `npm install -g` and serves as `multiphase-lsp --stdio`', async () => {
    const tarball = packServer(join(scratch, 'pack'));
    const bin = installGlobally(tarball, join(scratch, 'prefix'));
    // An editor runs the bin by name; its `#!/usr/bin/env node` line finds node.
    await checkSession(LspTestClient.spawnCommand(join(bin, 'multiphase-lsp'), ['--stdio'], scratch));
    // The CLI bin comes with it.
    const workspace = makeWorkspace({ 'mod.c': singlePhaseModule('cli_copy') });
    const check = spawnSync(join(bin, 'multiphase'), ['check', workspace.root], { encoding: 'utf8' });
    assert.equal(check.status, 1, check.stderr);
    assert.match(check.stdout, /mod\.c:\d+:\d+: warning single-phase-init: Module 'cli_copy'/);
  });
});
