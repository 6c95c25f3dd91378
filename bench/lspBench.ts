// The language server's speed, measured over stdio the way an editor sees it:
// keystroke latency, workspace diagnostics beside ripgrep, start-up, and the
// server's peak memory. Prints each figure against its goal; never fails.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol';
import { editorCapabilities, LspTestClient } from '../test/support/lspClient';
import { singlePhaseModule } from '../test/integration/lsp/sources';
import { generateFile } from './sourceGenerator';

/** The shape of generate-tree.mjs's export (plain JS, loaded by run.mjs). */
export type GenerateTree = (dir: string, options?: { files?: number; linesPerFile?: number; moduleEvery?: number }) => { files: number; lines: number };

const GOALS = { keystrokeP95Ms: 15, workspaceMs: 2000, workspaceVsRg: 5, startupMs: 400, peakRssMb: 200 };

interface Figure {
  name: string;
  value: string;
  goal: string;
  pass: boolean;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Peak resident set of a process (VmHWM), in MB; undefined off Linux. */
function peakRssMb(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function measureStartup(runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const client = LspTestClient.spawn();
    await client.initialize({ initializationOptions: { diagnosticsDebounceMs: 0 } });
    const uri = 'file:///bench/startup.c';
    await client.open(uri, singlePhaseModule('startup'));
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    times.push(performance.now() - started);
    await client.shutdown();
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/** Types `edits` characters, one didChange each, into PyInit_beta's body; times each until its diagnostics arrive. */
async function measureKeystrokes(edits: number): Promise<{ median: number; p95: number; lines: number; peakMb?: number }> {
  const text = generateFile('bench', 5000, ['alpha', 'beta', 'gamma']);
  const client = LspTestClient.spawn();
  await client.initialize({ initializationOptions: { diagnosticsDebounceMs: 0 } });
  const uri = 'file:///bench/keystrokes.c';
  await client.open(uri, text);
  await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  const bodyStart = text.indexOf('{\n', text.indexOf('PyInit_beta(void)')) + 2;
  const before = text.slice(0, bodyStart);
  let line = before.split('\n').length - 1;
  let character = 0;
  const typed = Array.from({ length: 40 }, (_, i) => `    int counter_${i} = ${i};\n`).join('').slice(0, edits);
  const latencies: number[] = [];
  for (const ch of typed) {
    const at = { line, character };
    const started = performance.now();
    const version = await client.change(uri, [{ range: { start: at, end: at }, text: ch }]);
    await client.nextDiagnostics(uri, (p) => p.version === version);
    latencies.push(performance.now() - started);
    if (ch === '\n') {
      line++;
      character = 0;
    } else character++;
  }
  const peakMb = peakRssMb(client.pid);
  await client.shutdown();
  const sorted = latencies.sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95), lines: text.split('\n').length, peakMb };
}

function timeRipgrep(root: string): number | undefined {
  const probe = spawnSync('rg', ['--version']);
  if (probe.error || probe.status !== 0) return undefined;
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    spawnSync('rg', ['-l', 'PyInit_|PyModuleDef', root], { maxBuffer: 64 * 1024 * 1024 });
    times.push(performance.now() - started);
  }
  return Math.min(...times);
}

async function measureWorkspace(generateTree: GenerateTree): Promise<{ ms: number; rgMs?: number; files: number; lines: number; reported: number; peakMb?: number }> {
  const root = mkdtempSync(join(tmpdir(), 'multiphase-bench-'));
  try {
    const shape = generateTree(root, { files: 400, linesPerFile: 500 });
    const rgMs = timeRipgrep(root);
    const client = LspTestClient.spawn();
    await client.initialize({ rootUri: pathToFileURL(root).href, capabilities: editorCapabilities({ pull: true }) });
    const started = performance.now();
    const report = await client.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    const ms = performance.now() - started;
    const peakMb = peakRssMb(client.pid);
    await client.shutdown();
    return { ms, rgMs, files: shape.files, lines: shape.lines, reported: report.items.length, peakMb };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function print(figures: Figure[]): void {
  const width = Math.max(...figures.map((f) => f.name.length));
  for (const f of figures) process.stdout.write(`${f.pass ? 'PASS' : 'MISS'}  ${f.name.padEnd(width)}  ${f.value}  (goal ${f.goal})\n`);
}

/** `generateTree` comes from the ESM entry: a CommonJS module cannot import generate-tree.mjs. */
export async function runBenchmarks(generateTree: GenerateTree): Promise<void> {
  process.stdout.write('multiphase language server benchmarks (node dist/server.js --stdio)\n\n');
  const keystrokes = await measureKeystrokes(300);
  const workspace = await measureWorkspace(generateTree);
  const startup = await measureStartup(5);
  const peaks = [keystrokes.peakMb, workspace.peakMb].filter((v): v is number => v !== undefined);
  const figures: Figure[] = [
    {
      name: 'keystroke latency',
      value: `median ${keystrokes.median.toFixed(1)} ms, p95 ${keystrokes.p95.toFixed(1)} ms over 300 edits, ${keystrokes.lines}-line file, 3 modules`,
      goal: `p95 < ${GOALS.keystrokeP95Ms} ms`,
      pass: keystrokes.p95 < GOALS.keystrokeP95Ms,
    },
  ];
  const ratio = workspace.rgMs ? workspace.ms / workspace.rgMs : undefined;
  figures.push({
    name: 'workspace diagnostics',
    value:
      `${workspace.ms.toFixed(0)} ms for ${workspace.files} files / ${workspace.lines} lines (${workspace.reported} reports)` +
      (workspace.rgMs !== undefined ? `; rg -l ${workspace.rgMs.toFixed(0)} ms, ratio ${ratio!.toFixed(1)}x` : '; rg not installed, no ratio'),
    goal: `< ${GOALS.workspaceMs} ms and < ${GOALS.workspaceVsRg}x rg`,
    pass: workspace.ms < GOALS.workspaceMs && (ratio === undefined || ratio < GOALS.workspaceVsRg),
  });
  figures.push({ name: 'start-up', value: `${startup.toFixed(0)} ms to first diagnostics (median of 5)`, goal: `< ${GOALS.startupMs} ms`, pass: startup < GOALS.startupMs });
  if (peaks.length) {
    const peak = Math.max(...peaks);
    figures.push({ name: 'peak server memory', value: `${peak.toFixed(0)} MB VmHWM`, goal: `< ${GOALS.peakRssMb} MB`, pass: peak < GOALS.peakRssMb });
  } else {
    figures.push({ name: 'peak server memory', value: 'unavailable (no /proc)', goal: `< ${GOALS.peakRssMb} MB`, pass: true });
  }
  print(figures);
}
