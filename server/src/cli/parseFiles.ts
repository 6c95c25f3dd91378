// Parses the files that screening left (see parallel.ts), in the analysis
// bundle (dist/cliAnalysis.js): in the main thread, and in each analysis
// worker, which runs this bundle in a role of its own (analysisBundle.ts
// starts it). Every thread claims the next file from one shared counter, so
// a few large modules cannot leave a core idle.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { analyzeFile } from './analyzeFile';
import type { AnalyzeOptions, FileResult } from './screenFile';
import { claimNext, WORKER_ROLE, type WorkerInput, type WorkerMessage } from './workerProtocol';
import { chooseWasmTiers } from '../baselineWasm';

/** True in a thread started by analyzeFiles: the bundle's entry point runs the worker then. */
export function isAnalysisWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerInput> | null)?.role === WORKER_ROLE;
}

export async function runAnalysisWorker(): Promise<void> {
  const input = workerData as WorkerInput;
  const counter = new Int32Array(input.counter);
  chooseWasmTiers(input.bytesToParse);
  for (let i = claimNext(counter); i < input.files.length; i = claimNext(counter)) {
    const message: WorkerMessage = { index: i, result: await analyzeFile(input.files[i]!, input.options) };
    parentPort!.postMessage(message);
  }
}

/** The main thread's share: the files it claims from `counter`, each put at its index in `results`. */
export async function parseClaimed(files: readonly string[], options: AnalyzeOptions, bytesToParse: number, counter: Int32Array, results: (FileResult | undefined)[]): Promise<void> {
  // Decided before any grammar is compiled, from the work ahead (see baselineWasm.ts).
  chooseWasmTiers(bytesToParse);
  for (let i = claimNext(counter); i < files.length; i = claimNext(counter)) results[i] = await analyzeFile(files[i]!, options);
}
