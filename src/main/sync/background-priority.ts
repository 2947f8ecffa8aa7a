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
 * V8's helper threads run a little below too (`lowerRuntimeHelpers`): the
 * platform's pool (four `V8Worker` threads in Node, whatever the number of
 * cores) does the garbage collectors' parallel and concurrent work and the
 * optimising compiles of every thread of the process. At a sync's start they
 * compile the sync's and the verifier's code, and all through it they collect
 * their heaps: with the sync worker, more runnable threads than two cores,
 * and the thread that answers the renderer ran 4 ms (a scheduler tick), then
 * waited 10-16 ms, again and again (`perf sched`, docs/benchmarks.md). At
 * nice 10 a core goes to that thread first: its time waiting for one over a
 * sync fell from 0.76-0.98 s to 0.55-0.65 s, its slowest request from 34-42 ms
 * to 19-32 ms (bench:queue -- --sync-only, three runs each, alternated). Not
 * lower: that thread's own collections use the same helpers, and at nice 19
 * they waited for helpers kept off a core (a minor one of 107 ms); at nice 10
 * its longest pause per run was 11-41 ms over eight runs (11-25 ms in the
 * three at nice 0).
 *
 * Linux gives each thread its own nice value (setpriority with a thread id).
 * Node has no per-thread priority elsewhere, and `os.setPriority` on the
 * process would lower the whole application with it: nothing is done there.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { constants, getPriority, setPriority } from 'node:os';
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

/** The nice value of V8's helper threads (`lowerRuntimeHelpers`): below the threads that answer and sync, above the verifier. */
export const HELPER_PRIORITY = 10;
/**
 * How Node's platform names its helper threads. Electron's main process makes its helpers with Node's platform too;
 * not checked here, where Electron cannot run: threads named otherwise are left as they are.
 */
export const HELPER_THREAD_NAME = 'V8Worker';

/**
 * Lowers V8's helper threads of this process to HELPER_PRIORITY, from the main thread (the pool is made when the
 * process starts and kept: once is enough; again does nothing). A thread already lower stays as it is. Returns how
 * many it lowered; none elsewhere than Linux, or where the threads are not named so.
 */
export function lowerRuntimeHelpers(): number {
  if (process.platform !== 'linux' || !isMainThread) return 0;
  let lowered = 0;
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return 0;
  }
  for (const name of tids) {
    const tid = Number(name);
    try {
      if (readFileSync(`/proc/self/task/${name}/comm`, 'utf8').trim() !== HELPER_THREAD_NAME) continue;
      if (getPriority(tid) >= HELPER_PRIORITY) continue;
      setPriority(tid, HELPER_PRIORITY);
      lowered += 1;
    } catch {
      // Ended meanwhile, or refused: left as it is.
    }
  }
  return lowered;
}
