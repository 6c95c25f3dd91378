// Figures for the bench: medians and percentiles, whole-process timing, and
// the table every figure is printed in, beside its same-run baseline, the
// ratio and the goal. The bench reports; it never fails anything.
import { spawnSync } from 'node:child_process';

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

export interface ProcessRun {
  ms: number;
  status: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident set in MB when the process ran with bench/maxRss.cjs. */
  maxRssMb?: number;
}

/** Run a command to its end; the time is the whole process, start to exit. */
export function timeProcess(command: string, args: readonly string[], cwd?: string, env?: NodeJS.ProcessEnv): ProcessRun {
  const started = performance.now();
  const run = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: env ? { ...process.env, ...env } : undefined });
  const ms = performance.now() - started;
  if (run.error) throw run.error;
  const rss = /maxrss-kb (\d+)/.exec(run.stderr)?.[1];
  return { ms, status: run.status, stdout: run.stdout, stderr: run.stderr, maxRssMb: rss ? Number(rss) / 1024 : undefined };
}

/** `runs` runs of `measure`; the median and every value. */
export async function repeat<T extends number>(runs: number, measure: () => T | Promise<T>): Promise<{ median: number; all: number[] }> {
  const all: number[] = [];
  for (let i = 0; i < runs; i++) all.push(await measure());
  return { median: median(all), all };
}

export interface Row {
  measurement: string;
  ours: string;
  baseline: string;
  ratio: string;
  goal: string;
  /** 'met', 'missed' or '' when the row has no goal. */
  verdict: '' | 'met' | 'missed';
}

export const ms = (value: number): string => (value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`);
export const mb = (value: number | undefined): string => (value === undefined ? 'n/a' : `${value.toFixed(0)} MB`);
export const times = (value: number | undefined): string => (value === undefined || !Number.isFinite(value) ? 'n/a' : `${value.toFixed(value < 10 ? 2 : 1)}x`);

export function verdict(met: boolean | undefined): Row['verdict'] {
  return met === undefined ? '' : met ? 'met' : 'missed';
}

export function printTable(title: string, rows: readonly Row[]): void {
  const headers: Row = { measurement: 'measurement', ours: 'multiphase', baseline: 'baseline (same run)', ratio: 'ratio', goal: 'goal', verdict: '' };
  const keys = Object.keys(headers) as (keyof Row)[];
  const width = Object.fromEntries(keys.map((k) => [k, Math.max(...[headers, ...rows].map((r) => r[k].length))])) as Record<keyof Row, number>;
  const line = (r: Row): string => `| ${keys.map((k) => r[k].padEnd(width[k])).join(' | ')} |`;
  process.stdout.write(`\n${title}\n${line(headers)}\n|${keys.map((k) => '-'.repeat(width[k] + 2)).join('|')}|\n${rows.map(line).join('\n')}\n`);
}
