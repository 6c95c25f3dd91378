// Analyses a list of files. The main thread reads every file and searches
// its raw bytes first (see screenFile.ts), or reuses the result kept from an
// earlier run: most files end there. Only when some file is left to parse is
// the analysis bundle loaded (loadAnalysis.ts). The files to parse go to
// worker threads too when they are enough work to pay for a worker's start
// (bundle, wasm, grammars): the workers, which run the analysis bundle, are
// started before the main thread loads it, so that both start-ups overlap.
// Results come back in list order.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { screenFile, type AnalyzeOptions, type FileResult } from './screenFile';
import type { IncludedSources } from '../files/includedSources';
import type { ResultCache } from './resultCache';
import { analysisBundlePath, loadAnalysis } from './loadAnalysis';
import { WORKER_ROLE, type WorkerInput, type WorkerMessage } from './workerProtocol';

/** Bytes to parse per worker started: below this a worker's start-up costs more than it saves. */
const BYTES_PER_WORKER = 1024 * 1024;
/** The young generation of a worker, in MB: the same as the server's `--max-semi-space-size=4` (3 semi-spaces). */
const WORKER_YOUNG_GENERATION_MB = 12;

function workerCount(bytesToParse: number): number {
  // Workers load the analysis bundle, so only a bundled .js can start them (not tsx sources).
  if (!__filename.endsWith('.js')) return 0;
  const configured = Number(process.env.MULTIPHASE_WORKERS);
  if (process.env.MULTIPHASE_WORKERS !== undefined && Number.isInteger(configured) && configured >= 0) return configured;
  return Math.max(0, Math.min(availableParallelism() - 1, 7, Math.floor(bytesToParse / BYTES_PER_WORKER)));
}

/**
 * Results in list order. With `includes`, the source files that the listed
 * files include are found in the bytes screening reads anyway, and analysed
 * after the list (in the order found). With `cache`, results kept from an
 * earlier run are reused and this run's are kept (see resultCache.ts).
 */
export async function analyzeFiles(listed: readonly string[], options: AnalyzeOptions = {}, includes?: IncludedSources, cache?: ResultCache): Promise<FileResult[]> {
  const files = [...listed];
  const results = new Array<FileResult | undefined>(files.length);
  const toParse: number[] = [];
  const sizes = new Map<number, number>();
  let bytesToParse = 0;
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const found = includes && i < listed.length ? (content: Buffer) => void files.push(...includes.take(file, content)) : undefined;
    const screened = cache ? cache.screen(file, options, found) : screenFile(file, options, found);
    if ('parse' in screened) {
      toParse.push(i);
      sizes.set(i, screened.parse.length);
      bytesToParse += screened.parse.length;
    } else results[i] = screened;
  }
  if (toParse.length === 0) return results as FileResult[];
  // Largest first: the threads claim files in this order, and a big file
  // claimed last would leave the other threads idle at the end. Results go
  // back to their place in the list, so the order of the output is the same.
  toParse.sort((a, b) => sizes.get(b)! - sizes.get(a)! || a - b);
  const parseFiles = toParse.map((i) => files[i]!);
  const shared = new SharedArrayBuffer(4);
  const finished: Promise<void>[] = [];
  for (let w = 0; w < workerCount(bytesToParse); w++) {
    const input: WorkerInput = { role: WORKER_ROLE, files: parseFiles, counter: shared, options, bytesToParse };
    // A small young generation (V8 grows it to 3 x 16 MB under this allocation rate) keeps each worker ~30 MB smaller for ~1 % more CPU.
    const worker = new Worker(analysisBundlePath(), { workerData: input, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    worker.on('message', (m: WorkerMessage) => {
      results[toParse[m.index]!] = m.result;
    });
    // A worker that dies leaves its claimed file unanswered: the sweep below takes it.
    finished.push(new Promise((done) => worker.once('exit', () => done())));
    worker.on('error', () => undefined);
  }
  const analysis = loadAnalysis();
  const mine = new Array<FileResult | undefined>(parseFiles.length);
  await analysis.parseClaimed(parseFiles, options, bytesToParse, new Int32Array(shared), mine);
  mine.forEach((result, k) => void (results[toParse[k]!] = result));
  await Promise.all(finished);
  for (const i of toParse) {
    results[i] ??= await analysis.analyzeFile(files[i]!, options);
    cache?.store(files[i]!, results[i]);
  }
  return results as FileResult[];
}
