// Long loops (workspace scans, conversions) give the event loop a turn now and
// then, so cancellations, document changes and other requests get in.

export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Yield `items`, pausing for a turn every `every` items; ends early once `stop()` is true. */
export async function* interleaved<T>(items: Iterable<T>, every: number, stop: () => boolean): AsyncGenerator<T> {
  let sincePause = 0;
  for (const item of items) {
    if (++sincePause >= every) {
      sincePause = 0;
      await nextTurn();
    }
    if (stop()) return;
    yield item;
  }
}
