// How much garbage V8 may keep in the command-line process. Left to itself,
// V8 sizes a heap for throughput: the main thread's young generation grows to
// 2 x 16 MB under check's allocation rate, and the old generation may grow to
// several times what survives a full collection. On a 2,000-file tree that
// was ~60 MB of the ~190 MB peak, nearly all of it garbage: what the main
// thread keeps alive after a full collection is under 11 MB.
//
// The language server gets the same two settings as node arguments
// (client/src/serverRuntime.ts). The CLI is started by whoever runs it, so it
// sets them itself, first thing: the growth factor is read each time V8
// considers growing the young generation, and the growing percent at each
// full collection, so both take effect though the heap already exists (unlike
// --max-semi-space-size, which V8 reads only when it creates a heap).
// The flags are process-wide: analysis worker threads get them too.
import { setFlagsFromString } from 'node:v8';

/**
 * Keep the young generation near its start-up size (2 x 2 MB, not 2 x 16 MB)
 * and let the old generation grow by 20 % between full collections. Both are
 * needed: measured A/B on a generated 2,000-file tree, peak RSS 188 -> ~128
 * MB with both, ~146 MB with the young generation alone, ~178 MB with the
 * growing percent alone; on numpy's tree 150 -> 126 MB. CPU stayed within the
 * noise of a loaded machine; the output is byte for byte the same. Call it
 * before the analysis allocates (the young generation does not shrink back).
 */
export function limitHeapGrowth(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--heap-growing-percent=20');
}
