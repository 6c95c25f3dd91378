// `npm run bench [-- --tree DIR] [-- --runs N]`: every figure beside a
// baseline measured in the same run on the same input, with the ratio and
// the goal. Without --tree, whole-tree work runs on generated trees at 1x,
// 4x and 16x so growth shows; with --tree, on that folder. Reports, never fails.
import { statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { measureKeystrokes, measureStartup, MINIMAL_SERVER, treeSitterKeystrokes } from './lspBench';
import { mb, ms, printTable, times, verdict, type Row } from './report';
import { measureTree, type TreeFigures } from './treeBench';
import { REPO_ROOT } from '../test/support/lspClient';

/** The shape of generate-tree.mjs's export (plain JS, handed over by run.mjs). */
export type GenerateTree = (dir: string, options?: { files?: number; linesPerFile?: number; moduleEvery?: number }) => { files: number; lines: number };

const GOALS = { checkVsSearch: 5, workspaceVsSearch: 5, startupMs: 200, keystroke5kMs: 8, keystroke26kMs: 20, peakRssMb: 100, rssAtFiles: 2000 };
/** 1x: 500 files of 400 lines (200,000 lines), a module in every fourth; 4x has the 2,000 files of the memory goal. */
const BASE_TREE = { files: 500, linesPerFile: 400, moduleEvery: 4 };
const SCALES = [1, 4, 16];

interface Args {
  tree?: string;
  runs?: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--tree') args.tree = argv[++i];
    else if (argv[i] === '--runs') args.runs = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}: use --tree DIR and/or --runs N`);
  }
  return args;
}

function treeRows(t: TreeFigures, memoryGoal: boolean): Row[] {
  const shape = `${t.label}: ${t.files} files, ${(t.bytes / 1e6).toFixed(1)} MB`;
  const vsSearch = t.checkMs / t.searchMs;
  const warmVsSearch = t.checkWarmMs / t.searchMs;
  const wsVsSearch = t.workspaceMs / t.searchMs;
  const wsWarmVsSearch = t.workspaceWarmMs / t.searchMs;
  return [
    { measurement: `check, whole process, first run (${shape}, ${t.findings} findings)`, ours: ms(t.checkMs), baseline: `${t.searchTool} ${ms(t.searchMs)} (${t.searchHits} files)`, ratio: times(vsSearch), goal: `<= ${GOALS.checkVsSearch}x`, verdict: verdict(vsSearch <= GOALS.checkVsSearch) },
    { measurement: `check again, results kept from the first run (${t.label})`, ours: ms(t.checkWarmMs), baseline: `${t.searchTool} ${ms(t.searchMs)}`, ratio: times(warmVsSearch), goal: `<= ${GOALS.checkVsSearch}x`, verdict: verdict(warmVsSearch <= GOALS.checkVsSearch) },
    { measurement: `check vs parsing every C/C++ file (${t.label}: ${t.sources})`, ours: ms(t.checkMs), baseline: `web-tree-sitter full parse ${ms(t.parseAllMs)}`, ratio: times(t.checkMs / t.parseAllMs), goal: '', verdict: '' },
    { measurement: `workspace diagnostics (${t.label}, ${t.workspaceReports} reports)`, ours: ms(t.workspaceMs), baseline: `${t.searchTool} ${ms(t.searchMs)}`, ratio: times(wsVsSearch), goal: `<= ${GOALS.workspaceVsSearch}x`, verdict: verdict(wsVsSearch <= GOALS.workspaceVsSearch) },
    { measurement: `workspace diagnostics, server started again (${t.label}, reports kept)`, ours: ms(t.workspaceWarmMs), baseline: `${t.searchTool} ${ms(t.searchMs)}`, ratio: times(wsWarmVsSearch), goal: `<= ${GOALS.workspaceVsSearch}x`, verdict: verdict(wsWarmVsSearch <= GOALS.workspaceVsSearch) },
    {
      measurement: `peak RSS (${t.label}, ${t.files} files): server / check`,
      ours: `${mb(t.serverRssMb)} / ${mb(t.checkRssMb)}`,
      baseline: '',
      ratio: '',
      goal: memoryGoal ? `<= ${GOALS.peakRssMb} MB at ${GOALS.rssAtFiles} files` : '',
      verdict: memoryGoal ? verdict(t.serverRssMb === undefined ? undefined : Math.max(t.serverRssMb, t.checkRssMb ?? 0) <= GOALS.peakRssMb) : '',
    },
  ];
}

function growthRows(figures: readonly TreeFigures[]): Row[] {
  const base = figures[0]!;
  return figures.slice(1).map((t) => {
    const scale = t.files / base.files;
    const check = t.checkMs / base.checkMs;
    return {
      measurement: `growth ${t.label} vs ${base.label} (${scale}x the files)`,
      ours: `check ${times(check)} (again ${times(t.checkWarmMs / base.checkWarmMs)}), workspace ${times(t.workspaceMs / base.workspaceMs)}`,
      baseline: `${base.searchTool} ${times(t.searchMs / base.searchMs)}, full parse ${times(t.parseAllMs / base.parseAllMs)}`,
      ratio: '',
      goal: `check <= ~${scale}x`,
      verdict: verdict(check <= scale * 1.15),
    };
  });
}

async function lspRows(runs: number): Promise<Row[]> {
  const startup = await measureStartup(runs);
  const startupBase = await measureStartup(runs, MINIMAL_SERVER);
  const rows: Row[] = [
    { measurement: `start-up to first diagnostics (median of ${runs})`, ours: ms(startup), baseline: `minimal vscode-languageserver ${ms(startupBase)}`, ratio: times(startup / startupBase), goal: `<= ${GOALS.startupMs} ms`, verdict: verdict(startup <= GOALS.startupMs) },
  ];
  for (const [lines, goal] of [[5000, GOALS.keystroke5kMs], [26000, GOALS.keystroke26kMs]] as const) {
    const ours = await measureKeystrokes(lines, 300);
    const minimal = await measureKeystrokes(lines, 300, MINIMAL_SERVER);
    const parse = await treeSitterKeystrokes(lines, 300);
    rows.push(
      { measurement: `keystroke p95, ${ours.lines}-line file (p50 ${ms(ours.p50)})`, ours: ms(ours.p95), baseline: `minimal server p95 ${ms(minimal.p95)}`, ratio: times(ours.p95 / minimal.p95), goal: `<= ${goal} ms`, verdict: verdict(ours.p95 <= goal) },
      { measurement: `keystroke p95 vs reparse alone (${ours.lines} lines)`, ours: ms(ours.p95), baseline: `web-tree-sitter incremental p95 ${ms(parse.p95)}`, ratio: times(ours.p95 / parse.p95), goal: '', verdict: '' },
      { measurement: `peak RSS after typing (${ours.lines} lines)`, ours: mb(ours.peakRssMb), baseline: `minimal server ${mb(minimal.peakRssMb)}`, ratio: times((ours.peakRssMb ?? NaN) / (minimal.peakRssMb ?? NaN)), goal: '', verdict: '' },
    );
  }
  const bundle = (name: string): string => `${(statSync(join(REPO_ROOT, 'dist', name)).size / 1024).toFixed(0)} KB`;
  rows.push({ measurement: 'bundle sizes: server.js / cli.js + cliAnalysis.js / tree-sitter-c.wasm', ours: `${bundle('server.js')} / ${bundle('cli.js')} + ${bundle('cliAnalysis.js')} / ${bundle('tree-sitter-c.wasm')}`, baseline: '', ratio: '', goal: '', verdict: '' });
  return rows;
}

export async function runBench(argv: readonly string[], generateTree: GenerateTree): Promise<void> {
  const args = parseArgs(argv);
  const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
  process.stdout.write(`multiphase bench: node ${process.version}, ${cpus().length} cores, load average at start ${load()}\n`);
  process.stdout.write('Times are medians of repeated runs; each baseline is measured in this run, on the same input.\n');
  const figures: TreeFigures[] = [];
  if (args.tree) {
    figures.push(await measureTree(args.tree, args.tree, args.runs ?? 5));
  } else {
    const root = mkdtempSync(join(tmpdir(), 'multiphase-bench-'));
    try {
      for (const scale of SCALES) {
        const dir = join(root, `x${scale}`);
        generateTree(dir, { ...BASE_TREE, files: BASE_TREE.files * scale });
        figures.push(await measureTree(dir, `${scale}x`, args.runs ?? (scale >= 16 ? 1 : scale >= 4 ? 3 : 5)));
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  const rows = figures.flatMap((t) => treeRows(t, t.files >= GOALS.rssAtFiles && t.files < GOALS.rssAtFiles * 2));
  rows.push(...growthRows(figures));
  printTable('Whole tree', rows);
  printTable('Language server', await lspRows(args.runs ?? 5));
  process.stdout.write(`\nload average at end ${load()}\n`);
}
