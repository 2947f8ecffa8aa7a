/**
 * bench:queue's last part: how long queue requests wait while a sync runs
 * into the million-report store. On a copy of that store (the sync adds to
 * it), the queue is opened with every column's order computed, then a writer
 * thread applies a generated feed page by page (queue-sync-writer.ts) while
 * this thread, the one that answers the renderer, keeps asking the queue for
 * pages as an analyst's window does (the default view with its live counts,
 * other views, scrolling). Each request's wait runs from the moment it was
 * due to its answer, so time spent refreshing the index (at most once a
 * second, as sync pages land) counts against the requests it delays.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createCore } from '../src/main/core.ts';
import type { Db } from '../src/main/store/database.ts';
import { TEST_SCRYPT } from '../src/main/crypto/key-wrap.ts';
import { openEntry } from '../src/main/session/keyring-keys.ts';
import { DATABASE_FILE, openDatabase } from '../src/main/store/database.ts';
import { readKeyringFile } from '../src/main/store/keyring.ts';
import { WriteGate } from '../src/main/sync/write-gate.ts';
import { QueueService, READER_CACHE_MIB } from '../src/main/triage/queue-service.ts';
import { repositionCounts } from '../src/main/triage/queue-index/ordering.ts';
import { QueuePage, type QueueFilters, type QueueQuery, type SortKey } from '../src/shared/triage.ts';
import { bundleEntries } from './bundle.ts';
import { call, percentile } from './measure.ts';
import { BENCH_ANALYST } from './queue-store.ts';
import type { FeedData, FeedMessage } from './queue-sync-feed.ts';
import type { WriterMessage } from './queue-sync-writer.ts';

const SORTS: SortKey[] = ['priority', 'submittedAt', 'deadline', 'category', 'platform', 'status', 'region', 'country', 'clusterSize', 'id'];
/** An analyst's window asks this often at most while the queue changes (a page, its counts, a scroll). */
const REQUEST_EVERY_MS = 25;
/** How long the same requests are asked with no sync running, before the sync. */
const BASELINE_MS = 8_000;

const line = (name: string, samples: number[]): string =>
  `${name.padEnd(58)} n=${String(samples.length).padStart(5)}  p50 ${percentile(samples, 50).toFixed(1).padStart(6)} ms  p99 ${percentile(samples, 99).toFixed(1).padStart(6)} ms  max ${Math.max(...samples).toFixed(1).padStart(6)} ms`;

export async function syncBenchmark(options: {
  cache: string;
  passphrase: string;
  reports: number;
  traceSlowMs: number;
  /** The queue reads through its own connection and snapshot during the sync, as in the app (false: --no-snapshot, for comparison). */
  snapshot: boolean;
  /** Queue requests through the write gate's `hold`, waiting for the writer's transaction, as before queue.query was marked read-only (--hold, for comparison). */
  hold: boolean;
  log: (line: string) => void;
}): Promise<void> {
  const { cache, passphrase, reports, traceSlowMs, snapshot, hold, log } = options;
  const copy = join(cache, '..', `${cache.split('/').pop()}-sync-copy`);
  rmSync(copy, { recursive: true, force: true });
  log('');
  log(`queue requests during a sync: copying the store (the sync adds ${reports} reports to the copy)...`);
  const copyStarted = performance.now();
  cpSync(join(cache, 'store'), join(copy, 'store'), { recursive: true });
  log(`  copied in ${((performance.now() - copyStarted) / 1000).toFixed(0)} s`);
  try {
    await run(join(copy, 'store'), passphrase, reports, traceSlowMs, snapshot, hold, log);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

async function run(storeDir: string, passphrase: string, reports: number, traceSlowMs: number, snapshot: boolean, hold: boolean, log: (line: string) => void): Promise<void> {
  const core = createCore({ storeDir, host: 'cli', version: 'bench', scrypt: TEST_SCRYPT });
  await call(core, 'session.unlock', { name: BENCH_ANALYST, passphrase });
  // The writer's own connection, with the store's key (as the sync worker gets a copy of it).
  const keyring = readKeyringFile(storeDir);
  if (!keyring || keyring.version !== 2) throw new Error('expected a version 2 keyring');
  const opened = await openEntry(keyring, keyring.entries[0]!, passphrase);
  const key = opened?.keys.find((k) => k.keyId === keyring.keyId)?.key ?? opened?.keys[0]?.key;
  if (!key) throw new Error('cannot open the keyring entry');
  const databaseFile = join(storeDir, DATABASE_FILE);
  if (!existsSync(databaseFile)) throw new Error(`no database at ${databaseFile}`);

  // The queue that answers the renderer, on the unlocked store (as core.ts builds it).
  // The queue reads through a connection of its own during the sync (as core.ts gives it), unless --no-snapshot.
  const sql = timeStatements(core.unlockedStore().db);
  const readerKey = Buffer.from(key);
  const openReader = (): Db => {
    const reader = openDatabase(databaseFile, readerKey, { create: false, readonly: true, cacheMiB: READER_CACHE_MIB });
    timeStatements(reader, sql);
    return reader;
  };
  // Shared with the writer as SyncService shares its gate with the sync worker.
  const gate = new WriteGate();
  const queue = new QueueService(() => core.unlockedStore(), { emitChanged: () => {}, ...(snapshot ? { openReader } : {}) });
  // Commits the writer announced, and how many there were at the last request: SQLite drops a
  // connection's whole page cache when it starts reading after another connection committed.
  let committed = 0;
  let committedAtLastAsk = 0;
  const ask = async (query: QueueQuery): Promise<QueuePage> => {
    sql.phase = committed > committedAtLastAsk ? 'query after a commit' : 'query';
    committedAtLastAsk = committed;
    try {
      // As the core's dispatch runs queue.query, a channel that only reads: past the write gate without waiting
      // for the writer's transaction. With --hold, through the gate as every channel went before (for comparison).
      return QueuePage.parse(await (hold ? gate.hold(() => queue.query(query)) : queue.query(query)));
    } finally {
      sql.phase = 'refresh';
    }
  };
  const loaded = performance.now();
  const first = await ask({ filters: { openOnly: true }, limit: 100 });
  log(`  index loaded in ${((performance.now() - loaded) / 1000).toFixed(1)} s: ${first.total} open reports`);
  for (const key of SORTS) await ask({ sort: { key, dir: 'asc' }, limit: 1, facets: false });
  // The views the analyst's window asks below: asked once before the sync, as an analyst's views were (their
  // first count is a pass over every report, sync or not: the no-sync part of this bench measures it).
  const views: { filters: QueueFilters; sort: SortKey }[] = [
    { filters: { category: ['terrorism_incitement', 'sextortion'] }, sort: 'deadline' },
    { filters: { imminentDanger: true, openOnly: true }, sort: 'submittedAt' },
    { filters: { platform: ['telegram'] }, sort: 'clusterSize' },
    { filters: { status: ['referred'] }, sort: 'id' },
    { filters: { location: ['abroad'] }, sort: 'country' },
  ];
  for (const view of views) await ask({ filters: view.filters, sort: { key: view.sort, dir: 'asc' }, limit: 1 });
  const { index } = await queue.ready();
  const fullSort: number[] = [];
  for (let k = 0; k < 3; k++) {
    const started = performance.now();
    index.sortedAfresh('priority', Date.now());
    fullSort.push(performance.now() - started);
  }
  log(`  (reference) sorting every row by priority again, as each refresh made the next request do before: ${Math.min(...fullSort).toFixed(0)} ms`);
  const repositionsBefore = { ...repositionCounts };
  const sortsBefore = index.sortsFromScratch;
  const countsBefore = index.countsFromScratch;
  sql.runs.clear();
  // The index's part of each request (live counts, order, grouping), and the garbage collector's pauses.
  const selecting: number[] = [];
  const select = index.select.bind(index);
  index.select = (...args) => {
    const started = performance.now();
    try {
      return select(...args);
    } finally {
      selecting.push(performance.now() - started);
    }
  };
  const gcPauses: { name: string; start: number; ms: number }[] = [];
  const gcKinds: Record<number, string> = { 1: 'gc minor', 2: 'gc minor mark-sweep', 4: 'gc major', 8: 'gc incremental', 16: 'gc weak callbacks' };
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauses.push({ name: gcKinds[(entry as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0] ?? 'gc', start: entry.startTime, ms: entry.duration });
  });
  // With --trace-slow MS: the index's refreshes, orders settled and counts, timed, to print with each slow request.
  const parts: { name: string; start: number; ms: number }[] = [];
  if (Number.isFinite(traceSlowMs)) traceIndexParts(index, parts);
  gcObserver.observe({ entryTypes: ['gc'] });

  // The feed first, in a thread that ends before the sync starts (its generator's garbage goes with it).
  const feedMade = performance.now();
  const feed = await new Promise<FeedMessage>((resolve, reject) => {
    const maker = new Worker(new URL('./queue-sync-feed.ts', import.meta.url), { workerData: { count: reports, seed: 1414, pageLimit: 1000 } satisfies FeedData });
    maker.once('message', (message: FeedMessage) => void maker.terminate().then(() => resolve(message)));
    maker.once('error', reject);
  });
  log(`  feed of ${feed.changes} changes in ${feed.pages.length} pages made in ${((performance.now() - feedMade) / 1000).toFixed(1)} s`);
  // What an analyst's window asks, at random: the default view (half the time), a scroll to anywhere in it, another view.
  const nextRequest = (random: () => number): { kind: string; query: QueueQuery } => {
    const roll = random();
    if (roll < 0.5) return { kind: 'default view: first page + total + live counts', query: { filters: { openOnly: true }, limit: 100 } };
    if (roll < 0.75) {
      const offset = Math.floor(random() * Math.max(1, first.total - 200));
      return { kind: 'default view scrolled (200 rows)', query: { filters: { openOnly: true }, offset, limit: 200, facets: false } };
    }
    const view = views[Math.floor(random() * views.length)]!;
    return { kind: 'another view, other sort, + live counts', query: { filters: view.filters, sort: { key: view.sort, dir: random() < 0.5 ? 'asc' : 'desc' }, limit: 100 } };
  };
  // The same requests with no sync running, first: what this machine's disk and cores give them alone (until session
  // 27 a scroll to anywhere read ~200 pages of the store, which this VM's memory manager had often taken out of the
  // page cache: 40-56 ms with no sync at all).
  {
    let b = 1949;
    const random = (): number => ((b = (b * 1_103_515_245 + 12_345) % 2 ** 31), b / 2 ** 31);
    const byKind = new Map<string, number[]>();
    const all: number[] = [];
    const until = performance.now() + BASELINE_MS;
    let due = performance.now();
    while (performance.now() < until) {
      const delay = due - performance.now();
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      const { kind, query } = nextRequest(random);
      await ask(query);
      const wait = performance.now() - due;
      all.push(wait);
      byKind.set(kind, [...(byKind.get(kind) ?? []), wait]);
      due = Math.max(due + REQUEST_EVERY_MS, performance.now() + 1);
    }
    log(`  with no sync running, the same requests for ${BASELINE_MS / 1000} s:`);
    for (const [kind, samples] of byKind) log(line(`    ${kind}`, samples));
    log(line('  every queue request with no sync running: wait', all));
    // The figures below are the sync's alone.
    selecting.length = 0;
    gcPauses.length = 0;
    sql.runs.clear();
  }
  // Bundled, with the verifier's thread, as the app ships the sync's threads (bundle.ts says why it matters).
  const bundled = await bundleEntries({ 'queue-sync-writer': 'bench/queue-sync-writer.ts', 'verify-worker': 'src/main/sync/verify-worker.ts' }, join(storeDir, '..', 'bundle'));
  // Its name and young generation as SyncService gives the sync's worker.
  const writer = new Worker(bundled['queue-sync-writer']!, {
    name: 'iblagh-sync',
    workerData: { databaseFile, key: new Uint8Array(key), pages: feed.pages, count: reports, gate: gate.buffer, publicKeyPem: feed.publicKeyPem },
    transferList: feed.pages.map((page) => page.buffer as ArrayBuffer),
    resourceLimits: { maxYoungGenerationSizeMb: 24 },
  });
  key.fill(0);
  let notices = 0;
  let started: () => void = () => {};
  const syncStarted = new Promise<void>((resolve) => (started = resolve));
  let threadsAtStart = new Map<string, ThreadTime>();
  let threadsAtEnd = new Map<string, ThreadTime>();
  const done = new Promise<Extract<WriterMessage, { type: 'done' }>>((resolve, reject) => {
    writer.on('error', reject);
    writer.on('message', (message: WriterMessage) => {
      if (message.type === 'ready') {
        log(`  the writer has its connection; syncing while the queue is asked every ${REQUEST_EVERY_MS} ms; main heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB used, external ${(process.memoryUsage().external / 2 ** 20).toFixed(0)} MiB, arrayBuffers ${(process.memoryUsage().arrayBuffers / 2 ** 20).toFixed(0)} MiB`);
        threadsAtStart = threadTimes();
        writer.postMessage('go');
        started();
      } else if (message.type === 'applied') {
        notices += 1;
        committed += 1;
        queue.applied(message.rowids);
      } else {
        threadsAtEnd = threadTimes();
        resolve(message);
      }
    });
  });
  const generations = new Set<number>();
  let finished: Extract<WriterMessage, { type: 'done' }> | null = null;
  void done.then((result) => (finished = result));
  // Requests are timed from the sync's start.
  await Promise.race([syncStarted, done]);

  const waits: number[] = [];
  /** Of each wait: the time the thread was busy before the request could start (refreshes), and the answer itself. */
  const blocked: number[] = [];
  const answering: number[] = [];
  const byKind = new Map<string, number[]>();
  let r = 2026;
  const random = (): number => ((r = (r * 1_103_515_245 + 12_345) % 2 ** 31), r / 2 ** 31);
  // Per request, from the end of the one before (its idle time included: a timer that fired still needs a core).
  const onCore: number[] = [];
  const forCore: number[] = [];
  let sched = schedstat();
  let due = performance.now();
  while (!finished) {
    const delay = due - performance.now();
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const { kind, query } = nextRequest(random);
    const asked = performance.now();
    const sqlBefore = sql.spent;
    const page = await ask(query);
    generations.add(page.generation);
    const wait = performance.now() - due;
    waits.push(wait);
    answering.push(performance.now() - asked);
    blocked.push(asked - due);
    byKind.set(kind, [...(byKind.get(kind) ?? []), wait]);
    const schedNow = schedstat();
    const ran = schedNow && sched ? schedNow.onCpuMs - sched.onCpuMs : null;
    const queued = schedNow && sched ? schedNow.waitingMs - sched.waitingMs : null;
    sched = schedNow;
    if (ran !== null && queued !== null) {
      onCore.push(ran);
      forCore.push(queued);
    }
    if (wait > traceSlowMs) {
      const scheduler = ran !== null && queued !== null ? `; since the request before, this thread ran ${ran.toFixed(1)} ms and waited for a core ${queued.toFixed(1)} ms` : '';
      const since = (list: { start: number; ms: number }[]) => list.filter((x) => x.start >= due - 100).map((x) => `${(x as { name?: string }).name ?? 'gc'} at ${(x.start - due).toFixed(0)}: ${x.ms.toFixed(1)}`);
      log(`    slow (${kind}): wait ${wait.toFixed(1)} ms, thread busy before it ${(asked - due).toFixed(1)}, SQL ${(sql.spent - sqlBefore).toFixed(1)}; from 100 ms before it was due (ms): ${[...since(parts), ...since(gcPauses)].join(', ')}${scheduler}`);
    }
    // The next request is due a little later, counted from now: a slow answer does not pile requests up.
    due = Math.max(due + REQUEST_EVERY_MS, performance.now() + 1);
  }
  const result = finished as Extract<WriterMessage, { type: 'done' }>;
  queue.refreshNow();
  const refreshes = generations.size - 1;
  const total = (await ask({ limit: 1, facets: false })).total;
  log(`  sync applied ${result.applied} changes (${result.inserted} new reports, ${result.quarantined} quarantined) in ${result.seconds.toFixed(1)} s: ${Math.round(result.inserted / result.seconds)} reports/s; ${notices} committed transactions, the queue saw ${refreshes} new generations; ${total} reports after`);
  log(`  orders sorted from scratch during the sync: ${index.sortsFromScratch - sortsBefore} (all ${SORTS.length} kept up to date instead); live counts counted from scratch: ${index.countsFromScratch - countsBefore}`);
  log(
    `  orders put back in place: ${repositionCounts.byRuns - repositionsBefore.byRuns} by moving runs of them, ${repositionCounts.byScan - repositionsBefore.byScan} by a pass over every row; moved rows looked for along an order: ${repositionCounts.rowsLookedFor - repositionsBefore.rowsLookedFor}`,
  );
  for (const [kind, samples] of byKind) log(line(`  ${kind}`, samples));
  const p99 = percentile(waits, 99);
  const max = Math.max(...waits);
  log(line('  of which the thread was busy before it (refreshes...)', blocked));
  log(line('  of which the query itself', answering));
  if (selecting.length > 0) log(line('    of which the index (counts, order, grouping; cache misses)', selecting));
  gcObserver.disconnect();
  if (gcPauses.length > 0) log(line('  garbage collector pauses on this thread', gcPauses.map((pause) => pause.ms)));
  if (forCore.length > 0) {
    log(line('  this thread on a core, per request (and the idle time before it)', onCore));
    log(line('  this thread ready but waiting for a core, per request', forCore));
  }
  log(line('every queue request while the sync ran: wait', waits) + `  (target: none over 50 ms — ${max <= 50 ? 'met' : 'NOT met'})`);
  log(`  p99 ${p99.toFixed(1)} ms, max ${max.toFixed(1)} ms`);
  if (threadsAtEnd.size > 0) {
    log("  this process's threads from the sync's start to its end (Linux scheduler figures):");
    const byName = new Map<string, { threads: number; onCpuMs: number; waitingMs: number }>();
    for (const [tid, end] of threadsAtEnd) {
      const start = threadsAtStart.get(tid) ?? { name: end.name, onCpuMs: 0, waitingMs: 0 };
      const sum = byName.get(end.name) ?? { threads: 0, onCpuMs: 0, waitingMs: 0 };
      sum.threads += 1;
      sum.onCpuMs += end.onCpuMs - start.onCpuMs;
      sum.waitingMs += end.waitingMs - start.waitingMs;
      byName.set(end.name, sum);
    }
    for (const [name, sum] of [...byName].sort((a, b) => b[1].onCpuMs - a[1].onCpuMs)) {
      log(`    ${`${name} (${sum.threads})`.padEnd(24)} on a core ${(sum.onCpuMs / 1000).toFixed(2).padStart(6)} s, ready but waiting for one ${(sum.waitingMs / 1000).toFixed(2).padStart(6)} s`);
    }
  }
  log('  SQL on the main connection while the sync ran, by statement (most time first):');
  const bySpent = [...sql.runs].map(([key, runs]) => ({ key, runs, spent: runs.reduce((a, b) => a + b, 0) })).sort((a, b) => b.spent - a.spent);
  for (const { key, runs, spent } of bySpent.slice(0, 12)) {
    const [phase, source] = key.split('\u0000') as [string, string];
    log(`    ${phase.padEnd(20)} n=${String(runs.length).padStart(5)} total ${spent.toFixed(0).padStart(7)} ms  p50 ${percentile(runs, 50).toFixed(1).padStart(7)}  p99 ${percentile(runs, 99).toFixed(1).padStart(7)}  max ${Math.max(...runs).toFixed(1).padStart(7)} ms  ${source.slice(0, 110)}`);
  }
  await writer.terminate();
  core.close();
}

/**
 * This thread's time on a core and time spent ready but waiting for one (Linux's /proc/thread-self/schedstat,
 * in nanoseconds), or null where the system does not say.
 */
function schedstat(): { onCpuMs: number; waitingMs: number } | null {
  try {
    return readSchedstat('/proc/thread-self/schedstat');
  } catch {
    return null;
  }
}

/** A schedstat file's first two figures (nanoseconds on a core, and ready but waiting for one), in ms. */
function readSchedstat(file: string): { onCpuMs: number; waitingMs: number } {
  const [onCpu, waiting] = readFileSync(file, 'utf8').split(' ').map(Number);
  return { onCpuMs: (onCpu ?? 0) / 1e6, waitingMs: (waiting ?? 0) / 1e6 };
}

interface ThreadTime {
  name: string;
  onCpuMs: number;
  waitingMs: number;
}

/** Every thread of this process, by id: its name and scheduler figures (empty where the system does not say). */
function threadTimes(): Map<string, ThreadTime> {
  const times = new Map<string, ThreadTime>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        times.set(tid, { name: readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim(), ...readSchedstat(`/proc/self/task/${tid}/schedstat`) });
      } catch {
        // The thread ended meanwhile.
      }
    }
  } catch {
    // Not Linux.
  }
  return times;
}

interface StatementTimes {
  /** Where the next statements are counted: while the queue answers a request (the first after a commit of the writer apart), or else (refreshes). */
  phase: 'query' | 'query after a commit' | 'refresh';
  /** Per phase and SQL text: the duration of each run. */
  readonly runs: Map<string, number[]>;
  /** All statements' time so far. */
  spent: number;
}

/**
 * Times every statement the queue runs on the main connection (all, get, run,
 * and iterate until exhausted), by the SQL text, so that the bench says where
 * a slow request's time goes.
 */
/** Times every statement prepared on `db` into `into` (new times by default): both connections count in one. */
function timeStatements(db: Db, into?: StatementTimes): StatementTimes {
  const times: StatementTimes = into ?? { phase: 'refresh', runs: new Map(), spent: 0 };
  const record = (source: string, ms: number): void => {
    times.spent += ms;
    const key = `${times.phase}\u0000${source.replace(/\s+/g, ' ').trim()}`;
    const runs = times.runs.get(key);
    if (runs) runs.push(ms);
    else times.runs.set(key, [ms]);
  };
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    const statement = prepare(source) as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const method of ['all', 'get', 'run']) {
      const original = statement[method]!.bind(statement);
      statement[method] = (...args: unknown[]) => {
        const started = performance.now();
        try {
          return original(...args);
        } finally {
          record(source, performance.now() - started);
        }
      };
    }
    const iterate = statement.iterate!.bind(statement);
    statement.iterate = function* (...args: unknown[]) {
      let spent = 0;
      let started = performance.now();
      const rows = iterate(...args) as Iterator<unknown>;
      try {
        for (;;) {
          const next = rows.next();
          spent += performance.now() - started;
          if (next.done) return;
          yield next.value;
          started = performance.now();
        }
      } finally {
        rows.return?.();
        record(source, spent);
      }
    };
    return statement;
  }) as unknown as Db['prepare'];
  return times;
}

/**
 * Times the index's sync refreshes (`apply`, with their rows), the orders it
 * puts back in place for a request (`settle`, with the rows that moved) and
 * its live counts (`counts`): private parts, reached by name for the trace.
 */
function traceIndexParts(index: object, parts: { name: string; start: number; ms: number }[]): void {
  const methods = index as Record<string, (...args: unknown[]) => unknown>;
  const moved = (index as { moved?: Map<string, number[]> }).moved;
  for (const name of ['apply', 'settle', 'counts']) {
    const original = methods[name];
    if (typeof original !== 'function') throw new Error(`the queue index has no ${name} to trace`);
    methods[name] = (...args: unknown[]) => {
      const label = name === 'apply' ? `apply (${(args[0] as unknown[]).length} rows)` : name === 'settle' ? `settle ${String(args[0])} (${moved?.get(String(args[0]))?.length ?? 0} moved)` : name;
      const started = performance.now();
      try {
        return original.apply(index, args);
      } finally {
        parts.push({ name: label, start: started, ms: performance.now() - started });
      }
    };
  }
}
