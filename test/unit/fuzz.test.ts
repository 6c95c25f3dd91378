// Thousands of seeded mutations of the conversion fixtures (and of their
// golden outputs), converted with default or random options: analysis must
// never throw or hang, and every conversion the core offers on broken text
// must be a clean edit set that adds no parse error. A failure names its case
// index: the same index always rebuilds the same text and options
// (MULTIPHASE_FUZZ_CASE=<index> runs just that one, in this thread).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { initParser } from '../../server/src/core/parser';
import { BUILD_WORKERS } from '../support/build';
import { BASE_SEED, runCase, seeds } from '../support/fuzzCases';
import type { FuzzMessage } from '../support/fuzzWorker';
import { mutate, seededRandom } from '../support/mutations';

// 5000 cases take about 10 s on two cores; raise locally with
// MULTIPHASE_FUZZ_COUNT to search harder.
const CASES = Number(process.env.MULTIPHASE_FUZZ_COUNT ?? 5000);
const ONLY_CASE = process.env.MULTIPHASE_FUZZ_CASE === undefined ? undefined : Number(process.env.MULTIPHASE_FUZZ_CASE);
/** No progress for this long means a case is stuck in a loop. */
const HANG_MS = 20_000;

/**
 * Run `indices` in a worker thread. A case that does not finish within
 * HANG_MS is reported and the worker terminated, so an endless loop in the
 * core fails this test instead of stalling the whole run.
 */
function runInWorker(indices: number[]): Promise<string[]> {
  return new Promise((resolve) => {
    const failures: string[] = [];
    const worker = new Worker(join(__dirname, '../support/fuzzWorker.ts'), { workerData: indices, execArgv: ['--require', 'tsx/cjs'] });
    let current: number | undefined;
    let finished = false;
    const finish = (extra?: string): void => {
      if (finished) return;
      finished = true;
      clearInterval(watchdog);
      if (extra) failures.push(extra);
      void worker.terminate();
      resolve(failures);
    };
    let lastStart = Date.now();
    const watchdog = setInterval(() => {
      if (Date.now() - lastStart > HANG_MS) finish(`case ${current ?? '(start-up)'} did not finish within ${HANG_MS / 1000} s: hang (MULTIPHASE_FUZZ_CASE=${current} reproduces it)`);
    }, 1000);
    worker.on('message', (message: FuzzMessage) => {
      if (message.kind === 'start') {
        current = message.index;
        lastStart = Date.now();
      } else if (message.kind === 'failures') failures.push(...message.failures);
      else finish();
    });
    worker.on('error', (e) => finish(`worker crashed during case ${current}: ${e.stack ?? String(e)}`));
    worker.on('exit', (code) => finish(code === 0 ? undefined : `worker exited with ${code} during case ${current}`));
  });
}

describe('fuzz: mutated fixtures', function () {
  this.timeout(300_000);
  before(() => initParser());

  it('rebuilds the same mutated text from the same case index', () => {
    const source = seeds()[0]!;
    const first = mutate(source.text, seededRandom(BASE_SEED + 7));
    const again = mutate(source.text, seededRandom(BASE_SEED + 7));
    assert.deepEqual(again, first);
    assert.notEqual(first.text, source.text);
  });

  it(`analyses and converts ${ONLY_CASE === undefined ? CASES : 1} mutated files without throwing, hanging or breaking them`, async () => {
    assert.ok(seeds().length >= 20, 'fuzz needs the conversion fixtures');
    if (ONLY_CASE !== undefined) {
      assert.deepEqual(runCase(ONLY_CASE, seeds()), []);
      return;
    }
    // Interleaved shares, one worker per core.
    const shares = Array.from({ length: BUILD_WORKERS }, (_, w) => Array.from({ length: CASES }, (_, i) => i).filter((i) => i % BUILD_WORKERS === w));
    const failures = (await Promise.all(shares.map(runInWorker))).flat();
    assert.deepEqual(failures.slice(0, 15), [], `${failures.length} of ${CASES} cases failed`);
  });
});
