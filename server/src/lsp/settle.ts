// Runs a task for a document once it has stopped changing for a while; a new
// schedule for the same document restarts the wait. Used for the exact
// analysis that follows the quick one while the user types.
import type { OpenDocument } from './documents';

export class SettleTimer {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly delayMs: number,
    private readonly task: (document: OpenDocument, version: number) => void,
  ) {}

  schedule(document: OpenDocument): void {
    this.cancel(document.uri);
    const version = document.version;
    const timer = setTimeout(() => {
      this.timers.delete(document.uri);
      this.task(document, version);
    }, this.delayMs);
    this.timers.set(document.uri, timer);
  }

  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
  }
}
