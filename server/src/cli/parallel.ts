// Analyses a list of files on every core: the main thread and worker threads
// claim the next file from one shared counter, so a few large modules cannot
// leave a core idle. Workers run this same bundle (dist/cli.js) in a role of
// their own; results come back in the order of the list.
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { initParser } from '../core/parser';
import { analyzeFile, type FileResult } from './analyzeFile';

const WORKER_ROLE = 'multiphase-analysis-worker';
/** Below this many files a worker's start-up (bundle + wasm) costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 24;

interface WorkerInput {
  role: typeof WORKER_ROLE;
  files: string[];
  counter: SharedArrayBuffer;
}

interface WorkerMessage {
  index: number;
  result: FileResult;
}

/** True in a thread started by analyzeFiles: the bundle's entry point runs the worker then. */
export function isAnalysisWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerInput> | null)?.role === WORKER_ROLE;
}

function claimNext(counter: Int32Array): number {
  return Atomics.add(counter, 0, 1);
}

export async function runAnalysisWorker(): Promise<void> {
  const input = workerData as WorkerInput;
  const counter = new Int32Array(input.counter);
  await initParser();
  for (let i = claimNext(counter); i < input.files.length; i = claimNext(counter)) {
    const message: WorkerMessage = { index: i, result: analyzeFile(input.files[i]!) };
    parentPort!.postMessage(message);
  }
}

function workerCount(files: number): number {
  // Workers re-load this file, so only a bundled .js can be one (not tsx sources).
  if (files < MIN_FILES_FOR_WORKERS || !__filename.endsWith('.js')) return 0;
  const configured = Number(process.env.MULTIPHASE_WORKERS);
  if (process.env.MULTIPHASE_WORKERS !== undefined && Number.isInteger(configured) && configured >= 0) return configured;
  return Math.max(0, Math.min(availableParallelism() - 1, 7));
}

export async function analyzeFiles(files: readonly string[]): Promise<FileResult[]> {
  await initParser();
  const results: (FileResult | undefined)[] = new Array(files.length);
  const shared = new SharedArrayBuffer(4);
  const counter = new Int32Array(shared);
  const finished: Promise<void>[] = [];
  for (let w = 0; w < workerCount(files.length); w++) {
    const input: WorkerInput = { role: WORKER_ROLE, files: [...files], counter: shared };
    const worker = new Worker(__filename, { workerData: input });
    worker.on('message', (m: WorkerMessage) => {
      results[m.index] = m.result;
    });
    // A worker that dies leaves its claimed file unanswered: the sweep below takes it.
    finished.push(new Promise((done) => worker.once('exit', () => done())));
    worker.on('error', () => undefined);
  }
  for (let i = claimNext(counter); i < files.length; i = claimNext(counter)) results[i] = analyzeFile(files[i]!);
  await Promise.all(finished);
  return results.map((r, i) => r ?? analyzeFile(files[i]!));
}
