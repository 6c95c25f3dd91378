// WorkspaceCache (lsp/workspaceCache.ts) on its own: what it vouches for,
// what the file watcher takes away, and when it writes. The server-level
// behaviour is in test/integration/lsp/workspaceCache.test.ts.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloneDefaults, conversionOptionsFrom } from '../../server/src/core/settings';
import { reportId, WorkspaceCache, type BuildIdentity, type DiskReport } from '../../server/src/lsp/workspaceCache';

describe('WorkspaceCache', () => {
  let tmp: string;
  let build: BuildIdentity;
  let env: NodeJS.ProcessEnv;
  let file: string;
  const hourAgo = new Date(Date.now() - 3_600_000);
  const settings = cloneDefaults();
  const key = { folders: ['/work/project'], settings, options: conversionOptionsFrom(settings) };
  const report: DiskReport = { resultId: reportId([]), diagnostics: [] };
  const open = (): WorkspaceCache => WorkspaceCache.open(key, build, env)!;
  /** A session that reads `file` afresh and keeps its report. */
  const firstSession = (): void => {
    const cache = open();
    assert.equal(cache.take(file, statSync(file)), undefined);
    cache.record(file, statSync(file), Date.now(), 'hash-1', report);
    assert.match(cache.save([file]) ?? '', /0 reused without reading the file, 0 after reading bytes that had not changed; 1 kept/);
  };

  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'multiphase-wscache-'));
    const bundle = join(tmp, 'server.js');
    writeFileSync(bundle, '// a build');
    build = { bundle, version: '1.0.0' };
    env = { MULTIPHASE_CACHE_DIR: join(tmp, 'cache') };
    file = join(tmp, 'a.c');
    writeFileSync(file, 'int a;\n');
    utimesSync(file, hourAgo, hourAgo);
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('vouches once per session for an unchanged file, and does not write again when nothing changed', () => {
    firstSession();
    const [name] = readdirSync(env.MULTIPHASE_CACHE_DIR!);
    const written = statSync(join(env.MULTIPHASE_CACHE_DIR!, name!)).ino;
    const cache = open();
    assert.ok(cache.vouches(file, statSync(file)));
    assert.deepEqual(cache.take(file, statSync(file)), { report, hash: 'hash-1', vouched: true });
    assert.equal(cache.take(file, statSync(file)), undefined, 'asked once');
    assert.match(cache.save([file]) ?? '', /1 reused without reading the file/);
    assert.equal(cache.save([file]), undefined, 'the count is told once');
    assert.equal(statSync(join(env.MULTIPHASE_CACHE_DIR!, name!)).ino, written, 'not written again');
  });

  it('does not vouch for a file the watcher says changed, nor for one whose stat changed; its hash still serves', () => {
    firstSession();
    const watched = open();
    watched.distrust(file);
    assert.deepEqual(watched.take(file, statSync(file)), { report, hash: 'hash-1', vouched: false });
    writeFileSync(file, 'int b;\n');
    utimesSync(file, hourAgo, hourAgo);
    assert.equal(open().take(file, statSync(file))?.vouched, false, 'same size and mtime, but a new ctime');
  });

  it('never vouches for a file recorded with an mtime at or after its read', () => {
    const cache = open();
    const ahead = new Date(Date.now() + 60_000);
    utimesSync(file, ahead, ahead);
    cache.record(file, statSync(file), Date.now(), 'hash-1', report);
    cache.save([file]);
    assert.equal(open().take(file, statSync(file))?.vouched, false);
  });

  it('keeps only the files the scan saw, and forgets a file that is gone', () => {
    const other = join(tmp, 'b.c');
    writeFileSync(other, 'int b;\n');
    const cache = open();
    for (const path of [file, other]) cache.record(path, statSync(path), Date.now(), `hash-${path}`, report);
    assert.match(cache.save([file, other]) ?? '', /2 kept/);
    const next = open();
    next.forget(other);
    assert.equal(next.take(other, statSync(other)), undefined);
    next.save([file, other]);
    assert.equal(open().take(other, statSync(other)), undefined, 'forgotten');
    assert.ok(open().take(file, statSync(file)), 'kept though not asked for in that session (an open document)');
  });

  it('starts afresh for another build, other settings, or an empty MULTIPHASE_CACHE_DIR', () => {
    firstSession();
    assert.equal(WorkspaceCache.open({ ...key, settings: { ...settings, gil: 'used' } }, build, env)!.take(file, statSync(file)), undefined);
    assert.ok(WorkspaceCache.open({ ...key, settings: { ...settings, exclude: ['x/**'] } }, build, env)!.take(file, statSync(file)), 'exclude changes no report');
    writeFileSync(build.bundle, '// another build');
    assert.equal(open().take(file, statSync(file)), undefined);
    assert.equal(WorkspaceCache.open(key, build, { MULTIPHASE_CACHE_DIR: '' }), undefined);
  });

  it('gives equal ids to equal diagnostics only', () => {
    const diagnostic = { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } }, message: 'm', code: 'single-phase-init' };
    assert.equal(reportId([diagnostic]), reportId([{ ...diagnostic }]));
    assert.notEqual(reportId([diagnostic]), reportId([{ ...diagnostic, range: { ...diagnostic.range, start: { line: 2, character: 0 } } }]));
    assert.notEqual(reportId([]), reportId([diagnostic]));
  });
});
