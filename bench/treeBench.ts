// Whole-tree figures, each beside a baseline from the same run on the same
// files: `multiphase check` as a whole process and the server's workspace
// diagnostics beside `rg -l 'PyInit_|PyModuleDef'`, and check beside a plain
// web-tree-sitter process that parses every C/C++ file the walker finds.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol';
import { languageForPath } from '../server/src/core/grammars';
import { walkSources } from '../server/src/files/walk';
import { editorCapabilities, LspTestClient, REPO_ROOT } from '../test/support/lspClient';
import { median, repeat, timeProcess } from './report';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const MAX_RSS = join(REPO_ROOT, 'bench', 'maxRss.cjs');
const PARSE_ALL = join(REPO_ROOT, 'bench', 'parseAll.cjs');
const PATTERN = 'PyInit_|PyModuleDef';

export interface TreeFigures {
  label: string;
  files: number;
  /** C and C++ sources among them (the rest are documents that may embed C). */
  sources: number;
  bytes: number;
  runs: number;
  /** The text-search baseline: rg -l, or grep -rlE where rg is missing. */
  searchTool: string;
  searchMs: number;
  searchHits: number;
  /** check with no results kept from a run before (a fresh, empty cache folder each run). */
  checkMs: number;
  /** check again on the same tree, reusing the first run's results. */
  checkWarmMs: number;
  checkRssMb?: number;
  findings: number;
  parseAllMs: number;
  workspaceMs: number;
  /** A second server on the same folder, its reports kept by the first (lsp/workspaceCache.ts). */
  workspaceWarmMs: number;
  workspaceReports: number;
  serverRssMb?: number;
}

function searchCommand(dir: string): { tool: string; command: string; args: string[] } {
  const probe = spawnSync('rg', ['--version']);
  if (!probe.error && probe.status === 0) return { tool: 'rg -l', command: 'rg', args: ['-l', PATTERN, dir] };
  return { tool: 'grep -rlE (rg not installed)', command: 'grep', args: ['-rlE', PATTERN, dir] };
}

/** VmHWM of a live process, in MB (Linux). */
export function peakRssMb(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** A fresh server per run, keeping its reports in `cacheFolder`: the time of one workspace/diagnostic request, and the server's peak memory after it. */
async function workspaceDiagnostics(dir: string, cacheFolder: string): Promise<{ ms: number; reports: number; rssMb?: number }> {
  const client = LspTestClient.spawn(undefined, { MULTIPHASE_CACHE_DIR: cacheFolder });
  try {
    await client.initialize({ rootUri: pathToFileURL(dir).href, capabilities: editorCapabilities({ pull: true }) });
    const started = performance.now();
    const report = await client.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    const ms = performance.now() - started;
    return { ms, reports: report.items.length, rssMb: peakRssMb(client.pid) };
  } finally {
    await client.shutdown();
  }
}

export async function measureTree(dir: string, label: string, runs: number): Promise<TreeFigures> {
  const files = [...walkSources([dir], { onError: () => undefined })];
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  const scratch = mkdtempSync(join(tmpdir(), 'multiphase-bench-list-'));
  try {
    // The parsing baseline reads the C and C++ sources (check also reads C embedded in .rst/.md/.py).
    const sources = files.filter((f) => languageForPath(f));
    const list = join(scratch, 'files.txt');
    writeFileSync(list, sources.join('\n') + '\n');
    const search = searchCommand(dir);
    let searchHits = 0;
    const searchMs = await repeat(runs, () => {
      const run = timeProcess(search.command, search.args);
      searchHits = run.stdout.split('\n').filter(Boolean).length;
      return run.ms;
    });
    const rss: number[] = [];
    let findings = 0;
    const warmCache = join(scratch, 'warm-cache');
    const check = (cacheFolder: string): number => {
      // The default text output, as users run it.
      const run = timeProcess(process.execPath, ['--require', MAX_RSS, CLI, 'check', '--exit-zero', dir], undefined, { MULTIPHASE_CACHE_DIR: cacheFolder });
      if (run.status !== 0) throw new Error(`check exited ${run.status}: ${run.stderr}`);
      const found = Number(/(\d+) findings? in /.exec(run.stdout)?.[1] ?? NaN);
      if (cacheFolder === warmCache && !Object.is(found, findings)) throw new Error(`check from kept results found ${found}, not ${findings}`);
      findings = found;
      if (run.maxRssMb !== undefined) rss.push(run.maxRssMb);
      return run.ms;
    };
    // Cold: every run starts from an empty cache folder, so it analyses everything and writes the cache, as a first run does.
    const checkMs = await repeat(runs, () => check(mkdtempSync(join(scratch, 'cold-cache-'))));
    check(warmCache);
    const checkWarmMs = await repeat(runs, () => check(warmCache));
    const parseAllMs = await repeat(runs, () => timeProcess(process.execPath, [PARSE_ALL, list], REPO_ROOT).ms);
    // Cold as for check (an empty cache folder per run); warm: servers started again on the folder a first one scanned.
    const workspace: { ms: number; reports: number; rssMb?: number }[] = [];
    for (let i = 0; i < runs; i++) workspace.push(await workspaceDiagnostics(dir, mkdtempSync(join(scratch, 'cold-server-cache-'))));
    const warmServerCache = join(scratch, 'warm-server-cache');
    const warmWorkspace = [await workspaceDiagnostics(dir, warmServerCache)];
    for (let i = 0; i < runs; i++) warmWorkspace.push(await workspaceDiagnostics(dir, warmServerCache));
    if (warmWorkspace.some((w) => w.reports !== workspace[0]?.reports)) throw new Error('a server with kept reports answered differently');
    const serverRss = [...workspace, ...warmWorkspace].map((w) => w.rssMb).filter((v): v is number => v !== undefined);
    return {
      label,
      files: files.length,
      sources: sources.length,
      bytes,
      runs,
      searchTool: search.tool,
      searchMs: searchMs.median,
      searchHits,
      checkMs: checkMs.median,
      checkWarmMs: checkWarmMs.median,
      checkRssMb: rss.length ? Math.max(...rss) : undefined,
      findings,
      parseAllMs: parseAllMs.median,
      workspaceMs: median(workspace.map((w) => w.ms)),
      workspaceWarmMs: median(warmWorkspace.slice(1).map((w) => w.ms)),
      workspaceReports: workspace[0]?.reports ?? 0,
      serverRssMb: serverRss.length ? Math.max(...serverRss) : undefined,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
