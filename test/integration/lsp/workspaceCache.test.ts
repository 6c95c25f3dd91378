// The server keeps its workspace reports across sessions (lsp/workspaceCache.ts):
// a server started again on the same folders must answer workspace/diagnostic
// exactly as a server without the cache does, reuse only what the files'
// stats or bytes vouch for, and never write into the workspace. Reuse is read
// from the log line the server writes after its first scan, not from timing.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol';
import { editorCapabilities, LspTestClient } from '../../support/lspClient';
import { changedEntries, snapshot } from '../../support/treeSnapshot';
import { makeWorkspace, PLAIN_C, singlePhaseModule } from './sources';

/** A helper file big enough that a module fits in its size (see the edit test). */
const HELPER = `${PLAIN_C}\n/* ${'notes '.repeat(300)}*/\n`;
const FILES = {
  'pkg/alpha.c': singlePhaseModule('alpha'),
  'pkg/helper.c': HELPER,
  'pkg/cxx/beta.cpp': singlePhaseModule('beta'),
  'docs/guide.md': `# guide\n\n\`\`\`c\n${singlePhaseModule('mdmod')}\`\`\`\n`,
};

interface Session {
  /** Per file URI: the resultId and diagnostics of the first pull. */
  reports: Map<string, { resultId?: string; version: number | null; items: Diagnostic[] }>;
  /** From the server's log line after its first scan; undefined without one. */
  reusedByStat?: number;
  reusedByContent?: number;
  kept?: number;
  logs: string[];
}

describe('LSP: workspace reports kept across server sessions', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  let tmp: string;
  let cacheDir: string;
  /** Sets a file's times an hour back: older than any session, so its stat can vouch for it. */
  const age = (rel: string): void => utimesSync(ws.path(rel), new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));

  /** A server on the workspace: `before` runs between initialize and the pull; the first pull's answer. */
  async function session(cache: string, options: { settings?: unknown; pull?: boolean; before?: (client: LspTestClient) => Promise<void> } = {}): Promise<Session> {
    const client = LspTestClient.spawn(undefined, { MULTIPHASE_CACHE_DIR: cache });
    try {
      if (options.settings !== undefined) client.settings = options.settings;
      await client.initialize({ rootUri: ws.uri, capabilities: editorCapabilities({ pull: options.pull ?? true }) });
      await options.before?.(client);
      const reports: Session['reports'] = new Map();
      if (options.pull ?? true) {
        const answer = await client.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
        for (const item of answer.items) reports.set(item.uri, { resultId: item.resultId, version: item.version, items: item.kind === 'full' ? item.items : [] });
      } else {
        await client.waitForDiagnostics(ws.fileUri('pkg/alpha.c'), (p) => p.diagnostics.length > 0);
        // The push scan logs once it has walked every file (a wait, not a timing assertion).
        for (let i = 0; i < 1500 && !client.logs.some((line) => line.startsWith('Workspace reports')); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const line = client.logs.find((l) => l.startsWith('Workspace reports kept'));
      const match = line ? /(\d+) reused without reading the file, (\d+) after reading bytes that had not changed; (\d+) kept/.exec(line) : null;
      return { reports, reusedByStat: match ? Number(match[1]) : undefined, reusedByContent: match ? Number(match[2]) : undefined, kept: match ? Number(match[3]) : undefined, logs: [...client.logs] };
    } finally {
      await client.shutdown();
    }
  }
  const cached = (options?: Parameters<typeof session>[1]): Promise<Session> => session(cacheDir, options);
  /** What a server with caching turned off answers (an empty MULTIPHASE_CACHE_DIR). */
  const uncached = (options?: Parameters<typeof session>[1]): Promise<Session> => session('', options);
  /** Inode and mtime of the one cache file: a write (a new file renamed over it) changes the inode. */
  const cacheFileStat = (): string => {
    const [name] = readdirSync(cacheDir);
    const stat = statSync(join(cacheDir, name!));
    return `${stat.ino}:${stat.mtimeMs}`;
  };
  const codes = (s: Session, rel: string): string[] => (s.reports.get(ws.fileUri(rel))?.items ?? []).map((d) => String(d.code));

  beforeEach(() => {
    ws = makeWorkspace(FILES);
    for (const rel of Object.keys(FILES)) age(rel);
    tmp = mkdtempSync(join(tmpdir(), 'multiphase-ws-cache-'));
    cacheDir = join(tmp, 'cache');
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('answers a second session from the kept reports, as a server without them does, and writes nothing in the workspace', async () => {
    const tree = snapshot(ws.root);
    const first = await cached();
    const written = cacheFileStat();
    const second = await cached();
    const plain = await uncached();
    assert.equal(first.reusedByStat, 0);
    assert.equal(first.kept, Object.keys(FILES).length);
    assert.equal(second.reusedByStat, Object.keys(FILES).length, second.logs.join('\n'));
    assert.equal(second.reusedByContent, 0);
    // Same diagnostics and the same resultIds (made from the diagnostics) as without the cache.
    assert.deepEqual(second.reports, plain.reports);
    assert.deepEqual(first.reports, plain.reports);
    assert.ok(codes(second, 'pkg/alpha.c').includes('single-phase-init'));
    assert.ok(codes(second, 'docs/guide.md').includes('single-phase-init'), 'the Markdown block is reported');
    assert.ok(codes(second, 'pkg/cxx/beta.cpp').includes('single-phase-init'), 'the C++ file is reported without loading its grammar');
    assert.equal(plain.kept, undefined, 'an empty MULTIPHASE_CACHE_DIR keeps nothing');
    assert.deepEqual(changedEntries(tree, snapshot(ws.root)), []);
    assert.deepEqual(readdirSync(cacheDir).map((name) => name.replace(/-\w+\.json$/, '')), ['workspace']);
    assert.deepEqual(cacheFileStat(), written, 'nothing changed: the cache file is not written again');
  });

  it('analyses again a file edited with the same size and its mtime put back (ctime and inode differ)', async () => {
    const path = ws.path('pkg/helper.c');
    const before = statSync(path);
    await cached();
    const module = singlePhaseModule('helper');
    assert.ok(module.length < before.size);
    writeFileSync(path, module.padEnd(before.size, ' '));
    utimesSync(path, before.atime, before.mtime);
    assert.equal(statSync(path).size, before.size);
    assert.equal(statSync(path).mtimeMs, before.mtimeMs);
    const second = await cached();
    const plain = await uncached();
    assert.ok(codes(second, 'pkg/helper.c').includes('single-phase-init'), 'the module now in helper.c is reported');
    assert.deepEqual(second.reports, plain.reports);
    assert.equal(second.reusedByStat, Object.keys(FILES).length - 1);
  });

  it('keeps the report of a file touched with the same bytes, after reading it', async () => {
    await cached();
    const now = new Date();
    utimesSync(ws.path('pkg/alpha.c'), now, now);
    const second = await cached();
    assert.equal(second.reusedByContent, 1);
    assert.equal(second.reusedByStat, Object.keys(FILES).length - 1);
    assert.deepEqual(second.reports, (await uncached()).reports);
  });

  it('does not vouch by its stat for a file whose mtime is not older than the read', async () => {
    // An mtime ahead of the clock is always within the racy window, however slow the machine.
    const ahead = new Date(Date.now() + 60_000);
    utimesSync(ws.path('pkg/alpha.c'), ahead, ahead);
    await cached();
    const [name] = readdirSync(cacheDir);
    const entries = (JSON.parse(readFileSync(join(cacheDir, name!), 'utf8')) as { entries: Record<string, { racy?: boolean }> }).entries;
    assert.equal(entries[ws.path('pkg/alpha.c')]?.racy, true);
    assert.equal(entries[ws.path('pkg/helper.c')]?.racy, undefined);
    const second = await cached();
    assert.equal(second.reusedByContent, 1, 'read again, and kept as its bytes are the same');
    assert.equal(second.reusedByStat, Object.keys(FILES).length - 1);
  });

  it('does not reuse reports made under other settings', async () => {
    const settings = { severity: { 'single-phase-init': 'error' } };
    await cached();
    const changed = await cached({ settings });
    assert.equal(changed.reusedByStat, 0);
    assert.equal(changed.reusedByContent, 0);
    assert.deepEqual(changed.reports, (await uncached({ settings })).reports);
    assert.equal(changed.reports.get(ws.fileUri('pkg/alpha.c'))?.items.find((d) => d.code === 'single-phase-init')?.severity, 1, 'error');
    assert.equal((await cached()).reusedByStat, Object.keys(FILES).length, 'the first settings keep their own reports');
  });

  it('ignores a broken cache file, and mends it', async () => {
    const first = await cached();
    const [name] = readdirSync(cacheDir);
    writeFileSync(join(cacheDir, name!), '{"format": 1, "build": "trunc');
    const broken = await cached();
    assert.equal(broken.reusedByStat, 0);
    assert.deepEqual(broken.reports, first.reports);
    assert.equal((await cached()).reusedByStat, Object.keys(FILES).length);
  });

  it('answers as without a cache when the cache folder cannot be written, and logs why', async () => {
    const blocker = join(tmp, 'not-a-folder');
    writeFileSync(blocker, 'a file where the cache folder would be');
    const run = await session(join(blocker, 'cache'));
    assert.deepEqual(run.reports, (await uncached()).reports);
    assert.ok(run.logs.some((line) => line.startsWith('Workspace reports not kept for the next session: ')), run.logs.join('\n'));
  });

  it('serves an open document from its buffer, never from the kept reports', async () => {
    const first = await cached();
    const written = cacheFileStat();
    const uri = ws.fileUri('pkg/alpha.c');
    // The buffer holds the module three lines further down than the file on disk, after some typing.
    const second = await cached({
      before: async (client) => {
        await client.open(uri, FILES['pkg/alpha.c']);
        for (let i = 0; i < 3; i++) await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
      },
    });
    const onDisk = first.reports.get(uri)?.items[0]?.range.start.line;
    assert.equal(second.reports.get(uri)?.version, 4);
    assert.equal(second.reports.get(uri)?.items[0]?.range.start.line, onDisk! + 3);
    assert.deepEqual(cacheFileStat(), written, 'typing in a buffer writes no cache');
  });

  it('keeps what a push scan found for a later pull session', async () => {
    const pushed = await cached({ pull: false });
    assert.equal(pushed.kept, Object.keys(FILES).length, pushed.logs.join('\n'));
    assert.equal((await cached()).reusedByStat, Object.keys(FILES).length);
  });

  it('after reuse, follows the file watcher as before: a changed file is read again, a new resultId says so', async () => {
    await cached();
    const client = LspTestClient.spawn(undefined, { MULTIPHASE_CACHE_DIR: cacheDir });
    try {
      await client.initialize({ rootUri: ws.uri, capabilities: editorCapabilities({ pull: true }) });
      const first = await client.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
      assert.ok(client.logs.some((line) => line.startsWith(`Workspace reports kept from an earlier session: ${Object.keys(FILES).length} reused`)), client.logs.join('\n'));
      const previousResultIds = first.items.map((item) => ({ uri: item.uri, value: item.resultId! }));
      writeFileSync(ws.path('pkg/alpha.c'), PLAIN_C);
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.fileUri('pkg/alpha.c'), type: 2 }] });
      const second = await client.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds });
      const byUri = new Map(second.items.map((item) => [item.uri, item]));
      assert.equal(byUri.get(ws.fileUri('pkg/cxx/beta.cpp'))?.kind, 'unchanged');
      const alpha = byUri.get(ws.fileUri('pkg/alpha.c'));
      assert.equal(alpha?.kind, 'full');
      assert.deepEqual(alpha && 'items' in alpha ? alpha.items : undefined, []);
    } finally {
      await client.shutdown();
    }
  });
});
