/**
 * The sync's signature verifier runs below the thread that answers the
 * renderer. On two cores, three busy threads at the same priority (the sync
 * worker, the verifier, that thread) took turns, and that thread waited for
 * a core 2.3–3.0 s in all over a 10–15 s sync (bench:queue -- --sync-only,
 * docs/benchmarks.md).
 *
 * The sync worker itself keeps its priority: it holds the store's write lock,
 * and the main thread's writes wait for its transaction (sync/write-gate.ts).
 * Lowered too, it could be kept off a core mid-transaction by any busy
 * thread while the main thread waited for it (priority inversion), past the
 * gate's bound: a write on the main connection then failed with
 * SQLITE_BUSY_SNAPSHOT (seen once in a test run). The verifier holds no lock:
 * the sync worker awaits its answers between transactions.
 *
 * Linux gives each thread its own nice value (setpriority with a thread id).
 * Node has no per-thread priority elsewhere, and `os.setPriority` on the
 * process would lower the whole application with it: nothing is done there.
 */
import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { isMainThread } from 'node:worker_threads';

/** The lowest priority a thread can have (nice 19). */
export const BACKGROUND_PRIORITY = constants.priority.PRIORITY_LOW;

/** This thread's own id, as /proc/thread-self names it; null elsewhere than Linux. */
function threadId(): number | null {
  if (process.platform !== 'linux') return null;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isSafeInteger(tid) && tid > 0 ? tid : null;
  } catch {
    return null;
  }
}

/**
 * Lowers the calling worker thread's priority (never the main thread's: that one answers the renderer).
 * Returns whether it did; a system that refuses leaves the thread as it was.
 */
export function runInBackground(): boolean {
  if (isMainThread) return false;
  const tid = threadId();
  if (tid === null) return false;
  try {
    setPriority(tid, BACKGROUND_PRIORITY);
    return true;
  } catch {
    return false;
  }
}
