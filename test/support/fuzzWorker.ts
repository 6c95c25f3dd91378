// Worker thread for the fuzz test: runs the case indices it is given and
// reports each one as it starts, so the main thread can tell a hang (a case
// that never finishes, which no mocha timeout can interrupt) from slowness.
import { parentPort, workerData } from 'node:worker_threads';
import { initParser } from '../../server/src/core/parser';
import { runCase, seeds } from './fuzzCases';

export type FuzzMessage =
  | { kind: 'start'; index: number }
  | { kind: 'failures'; index: number; failures: string[] }
  | { kind: 'done' };

const post = (message: FuzzMessage): void => parentPort!.postMessage(message);

void (async () => {
  await initParser();
  const sources = seeds();
  for (const index of workerData as number[]) {
    post({ kind: 'start', index });
    const failures = runCase(index, sources);
    if (failures.length > 0) post({ kind: 'failures', index, failures });
  }
  post({ kind: 'done' });
})();
