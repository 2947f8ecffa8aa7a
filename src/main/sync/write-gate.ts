/**
 * Two counters shared between the thread that answers the renderer and the
 * sync worker, so that a request that may write (a status set, an audit
 * event) never waits long for the store's write lock during a sync.
 *
 * SQLite's lock alone is not fair: a writer that finds it taken sleeps 1, 2,
 * 5, 10, 15, 20, 25… ms between polls, and the worker, committing one short
 * transaction after another, takes it again before the poll comes (measured:
 * writes on the main connection waited up to 350–440 ms during a sync). Here
 * the worker announces each write transaction and starts none while a request
 * runs; a request waits for the one transaction under way, woken the moment
 * it commits.
 *
 * A request that only reads (a channel marked `readOnly`, as the queue's
 * pages) does not pass here: it needs no lock, and waiting for the
 * transaction under way made every queue page wait 24–28 ms at the median
 * during a sync, up to 133–200 ms (bench:queue -- --sync-only).
 */
const REQUESTS = 0;
const WRITING = 1;

/** The longest a request of the main thread holds the sync back (worker side of `enter`). */
export const GATE_WAIT_MAX_MS = 250;

export class WriteGate {
  readonly buffer: SharedArrayBuffer;
  private readonly cells: Int32Array;

  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(8)) {
    this.buffer = buffer;
    this.cells = new Int32Array(buffer, 0, 2);
  }

  /**
   * Main side: waits (at most `maxWaitMs`) for the worker's transaction under way, then runs
   * `run` with the gate held, for its synchronous part (what it returns is not awaited).
   */
  hold<T>(run: () => T, maxWaitMs = 200): T {
    Atomics.add(this.cells, REQUESTS, 1);
    try {
      Atomics.wait(this.cells, WRITING, 1, maxWaitMs);
      return run();
    } finally {
      if (Atomics.sub(this.cells, REQUESTS, 1) === 1) Atomics.notify(this.cells, REQUESTS);
    }
  }

  /**
   * Worker side, before a write transaction: blocks while a request runs (at most `maxWaitMs`,
   * so that the sync is never held back for long), then marks the transaction under way.
   */
  enter(maxWaitMs: number): void {
    const deadline = performance.now() + maxWaitMs;
    for (;;) {
      // Announce first, then look: a request that came in between sees the announcement and waits.
      Atomics.store(this.cells, WRITING, 1);
      const requests = Atomics.load(this.cells, REQUESTS);
      if (requests === 0) return;
      this.leave();
      const left = deadline - performance.now();
      if (left <= 0) {
        Atomics.store(this.cells, WRITING, 1);
        return;
      }
      Atomics.wait(this.cells, REQUESTS, requests, left);
    }
  }

  /** Worker side, once the transaction committed or rolled back; main side, once the worker has exited (it may have been stopped mid-transaction). */
  leave(): void {
    Atomics.store(this.cells, WRITING, 0);
    Atomics.notify(this.cells, WRITING);
  }
}
