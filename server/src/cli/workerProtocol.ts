// What the main thread of a parallel check and its analysis workers agree
// on: the worker's input, its messages, and the shared counter from which
// every thread claims the next file to parse. Stateless, so both bundles
// may hold a copy (parallel.ts starts the workers, parseFiles.ts runs them).
import type { AnalyzeOptions, FileResult } from './screenFile';

export const WORKER_ROLE = 'multiphase-analysis-worker';

export interface WorkerInput {
  role: typeof WORKER_ROLE;
  files: readonly string[];
  counter: SharedArrayBuffer;
  options: AnalyzeOptions;
  bytesToParse: number;
}

export interface WorkerMessage {
  index: number;
  result: FileResult;
}

/** The index of the next file to parse (past the end: none left). */
export function claimNext(counter: Int32Array): number {
  return Atomics.add(counter, 0, 1);
}
