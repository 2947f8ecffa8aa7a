/**
 * The sync's threads (the sync worker, the signature verifier) run below the
 * thread that answers the renderer. On two cores, three busy threads at the
 * same priority took turns: over a 10–15 s sync, the thread that answers the
 * queue's requests waited for a core 2.3–3.0 s in all; with the sync's
 * threads at the lowest priority, 0.7–0.9 s (bench:queue -- --sync-only,
 * docs/benchmarks.md). The sync then only gets the core those requests leave
 * free, and takes up to a third longer while they come.
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
