/**
 * `npm run bench:queue`: the triage queue at a million reports.
 *
 * Builds (once, then reuses) an encrypted store of 1,000,000 generated reports
 * through the real ingest path: the reference intake service in its own
 * process, synced over loopback by the app's sync worker. Then, through the
 * contract (`core.dispatch`, as the renderer calls it), measures over many
 * varied queries: the first page of a filtered, sorted view with its total and
 * the live count of every filter; deep pages; full-text searches of terms that
 * each match up to 1% of reports, and of the most common terms; opening a
 * report; the cluster view. For reference it also times the naive SQL a plain
 * schema would run (`count(*)` with two filters).
 *
 * Last, on a copy of the store, how long queue requests wait while a sync
 * applies pages into it (queue-sync.ts): p99 and max of every request's wait.
 *
 * Options: --count N (1000000), --queries N (300), --rebuild (build the store again),
 * --browser (also scroll the real queue in Chromium from the first to the last row),
 * --sync-reports N (30000; 0: no sync part), --sync-only (only the sync part),
 * --trace-slow MS (print each request of the sync part that waited longer, with the index's refreshes,
 * orders settled, counts and garbage collector pauses around it), --no-snapshot (the sync part's queue reads
 * through the main connection, as before the queue had a connection and snapshot of its own: for comparison),
 * --hold (the sync part's requests wait for the writer's transaction under way, as every channel did before
 * queue.query was marked read-only: for comparison).
 * The store is kept in .bench-cache/ (ignored by git); delete it to reclaim the space.
 */
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../src/main/core.ts';
import { ensureQueueStore, queueStorePaths } from './queue-store.ts';
import { TEST_SCRYPT } from '../src/main/crypto/key-wrap.ts';
import type { QueueFilters, QueuePage, SortKey } from '../src/shared/triage.ts';
import { log, call, percentile, timed } from './measure.ts';
import { syncBenchmark } from './queue-sync.ts';
import { BENCH_ANALYST } from './queue-store.ts';
import { createRng } from '../src/intake/prng.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '300' },
    rebuild: { type: 'boolean', default: false },
    browser: { type: 'boolean', default: false },
    'sync-reports': { type: 'string', default: '30000' },
    'sync-only': { type: 'boolean', default: false },
    'trace-slow': { type: 'string', default: '' },
    'no-snapshot': { type: 'boolean', default: false },
    hold: { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const queries = Number(values.queries);
const { CACHE, PASSPHRASE } = queueStorePaths(count);

function summary(name: string, samples: number[], target?: number): string {
  const p95 = percentile(samples, 95);
  const verdict = target === undefined ? '' : p95 <= target ? `  (target ${target} ms: met)` : `  (target ${target} ms: NOT met)`;
  return `${name.padEnd(58)} n=${String(samples.length).padStart(4)}  p50 ${percentile(samples, 50).toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms  max ${Math.max(...samples).toFixed(1).padStart(7)} ms${verdict}`;
}

/** A small deterministic generator, so that runs compare (the reference service's mulberry32). */
function rng(seed: number): () => number {
  return createRng(seed).next;
}

await ensureQueueStore(count, values.rebuild, log);
const syncReports = Number(values['sync-reports']);
const traceSlowMs = values['trace-slow'] ? Number(values['trace-slow']) : Infinity;
if (values['sync-only']) {
  log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}`);
  await syncBenchmark({ cache: CACHE, passphrase: PASSPHRASE, reports: syncReports, traceSlowMs, snapshot: !values['no-snapshot'], hold: values.hold, log });
  process.exit(0);
}

const core = createCore({ storeDir: join(CACHE, 'store'), host: 'cli', version: 'bench', scrypt: TEST_SCRYPT });
// Unlocked by name, as the lock screen does (the store's analyst, from queue-store.ts).
await call(core, 'session.unlock', { name: BENCH_ANALYST, passphrase: PASSPHRASE });
log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}`);

const [loadMs, first] = await timed(() => call<QueuePage>(core, 'queue.query', { limit: 100 }));
log(`index load at unlock (first query): ${(loadMs / 1000).toFixed(2)} s for ${first.total} reports; RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
const facets = first.facets!;
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const valuesOf = (dim: string) => facets[dim]!.filter((f) => f.count > 0).map((f) => f.value);

// Warm the sort orders once: they are computed on first use and kept until the data changes.
const SORTS: SortKey[] = ['priority', 'submittedAt', 'deadline', 'category', 'platform', 'status', 'region', 'country', 'clusterSize', 'id'];
const [warmMs] = await timed(async () => {
  for (const key of SORTS) await call(core, 'queue.query', { sort: { key, dir: 'asc' }, limit: 1, facets: false });
});
log(`sort orders of all ${SORTS.length} columns computed in ${(warmMs / 1000).toFixed(2)} s (once per data change)`);

function randomFilters(r: () => number): QueueFilters {
  const filters: QueueFilters = {};
  const choices: (() => void)[] = [
    () => (filters.category = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, valuesOf('category')))),
    () => (filters.platform = [pick(r, valuesOf('platform'))]),
    () => (filters.status = [pick(r, ['received', 'in_analysis', 'claimed_other', 'referred'] as const)]),
    () => (filters.region = [pick(r, valuesOf('region')), pick(r, valuesOf('region'))]),
    () => (filters.location = [pick(r, ['morocco', 'abroad'] as const)]),
    () => (filters.reporterMode = [pick(r, ['anonymous', 'identified'] as const)]),
    () => (filters.imminentDanger = r() < 0.5),
    () => (filters.hasAttachments = r() < 0.5),
    () => (filters.overdue = r() < 0.5),
    () => {
      const from = Date.parse('2026-04-01T00:00:00Z') + r() * 120 * 86_400_000;
      filters.submittedFrom = new Date(from).toISOString();
      filters.submittedTo = new Date(from + (1 + r() * 30) * 86_400_000).toISOString();
    },
  ];
  const n = Math.floor(r() * 5);
  for (let k = 0; k < n; k++) pick(r, choices)();
  return filters;
}

const r = rng(2026);
const viewTimes: number[] = [];
const deepTimes: number[] = [];
const clusterTimes: number[] = [];
for (let q = 0; q < queries; q++) {
  const filters = randomFilters(r);
  const sort = { key: pick(r, SORTS), dir: r() < 0.5 ? ('asc' as const) : ('desc' as const) };
  const [ms, page] = await timed(() => call<QueuePage>(core, 'queue.query', { filters, sort, limit: 100 }));
  viewTimes.push(ms);
  // Scrolling deep into the same view: a slice of the kept selection.
  if (page.total > 1000) deepTimes.push((await timed(() => call(core, 'queue.query', { filters, sort, offset: Math.floor(r() * (page.total - 100)), limit: 200, facets: false })))[0]);
  // Other filters: nothing computed for the view above is reused.
  const [cms] = await timed(() => call<QueuePage>(core, 'queue.query', { filters: randomFilters(r), sort, grouping: 'clusters', limit: 100 }));
  clusterTimes.push(cms);
}
log('');
log(summary('view: first page + total + live counts of every filter', viewTimes, 50));
log(summary('same view scrolled to a random deep offset (200 rows)', deepTimes, 50));
log(summary('cluster view: first page + total + live counts', clusterTimes, 50));

// Opening a cluster, and opening a report.
const clusters = await call<QueuePage>(core, 'queue.query', { grouping: 'clusters', sort: { key: 'clusterSize', dir: 'desc' }, limit: 200, facets: false });
const openCluster: number[] = [];
for (const row of clusters.rows.slice(0, 100)) openCluster.push((await timed(() => call(core, 'queue.query', { filters: { clusterId: row.clusterId }, limit: 100 })))[0]);
log(summary('open a cluster: its reports + total + live counts', openCluster, 50));
const openReport: number[] = [];
for (let k = 0; k < 200; k++) {
  const page = await call<QueuePage>(core, 'queue.query', { sort: { key: 'id', dir: 'asc' }, offset: Math.floor(r() * (first.total - 1)), limit: 1, facets: false });
  openReport.push((await timed(() => call(core, 'reports.get', { reportId: page.rows[0]!.id })))[0]);
}
log(summary('open a report (every field, revisions, history, priority)', openReport, 50));

// Full-text search: terms by how many reports they match, from the index's own vocabulary.
const { db } = core.unlockedStore();
db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, 'report_search', 'row')");
const vocab = db.prepare('SELECT term, doc FROM temp.search_vocab WHERE length(term) >= 3').all() as { term: string; doc: number }[];
const rare = vocab.filter((v) => v.doc >= 20 && v.doc <= first.total / 100);
const common = [...vocab].sort((a, b) => b.doc - a.doc).slice(0, 20);
const searchTimes: number[] = [];
const combined: number[] = [];
for (let k = 0; k < 200; k++) {
  const terms = Array.from({ length: 1 + Math.floor(r() * 2) }, () => pick(r, rare).term).join(' ');
  searchTimes.push((await timed(() => call(core, 'queue.query', { filters: { search: `${terms} ` }, limit: 100 })))[0]);
  combined.push((await timed(() => call(core, 'queue.query', { filters: { ...randomFilters(r), search: pick(r, rare).term }, limit: 100 })))[0]);
}
log(summary(`search, terms matching <= 1% (${rare.length} terms): page + count + counts`, searchTimes, 150));
log(summary('search combined with random filters', combined, 150));
const commonTimes: number[] = [];
for (const term of common) commonTimes.push((await timed(() => call(core, 'queue.query', { filters: { search: term.term }, limit: 100 })))[0]);
log(summary(`search, the 20 most common terms (up to ${common[0]?.doc ?? 0} reports)`, commonTimes, 1000));
const prefixTimes: number[] = [];
for (let k = 0; k < 50; k++) prefixTimes.push((await timed(() => call(core, 'queue.query', { filters: { search: pick(r, rare).term.slice(0, 3) }, limit: 100 })))[0]);
log(summary('search, three-letter prefixes (as typed)', prefixTimes, 1000));

// For reference: what a naive schema runs.
const naive: number[] = [];
for (let k = 0; k < 10; k++) {
  const started = performance.now();
  db.prepare('SELECT count(*) FROM reports WHERE category = ? AND platform = ?').get(pick(r, valuesOf('category')), pick(r, valuesOf('platform')));
  naive.push(performance.now() - started);
}
log(summary('(reference) naive SQL count(*) of two combined filters', naive));
log(`RSS after the run: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);

if (values.browser) {
  const { scrollBenchmark } = await import('./queue-scroll.ts');
  await scrollBenchmark(core, log);
}
core.close();
if (syncReports > 0) await syncBenchmark({ cache: CACHE, passphrase: PASSPHRASE, reports: syncReports, traceSlowMs, snapshot: !values['no-snapshot'], hold: values.hold, log });
