/**
 * `npm run bench:cases`: cases at scale.
 *
 * 1. On the 1,000,000-report store of bench:queue (built once, kept in
 *    .bench-cache/): opening a case of 5,000 reports — its view, the first
 *    page of its report table with the live count of every filter, and the
 *    first page of its observables (200, most widespread first) with where
 *    else each appears — then, apart, the next page ("show more"), the rarest
 *    first, and the whole list of `observables.list` (up to 2,000); and "seen
 *    in N reports and M cases" for observables picked at random (the most
 *    widespread included). Through the contract (`core.dispatch`), as the
 *    renderer calls it.
 * 2. The sync rate with observable extraction on ingest against the rate
 *    without it, measured in one run: the same feed of generated reports
 *    synced into fresh stores, alternately without and with extraction.
 *
 * Options: --count N (1000000, the bench:queue store), --case-size N (5000),
 * --samples N (60), --sync-count N (100000), --sync-pairs N (2), --skip-sync, --skip-case.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../src/main/core.ts';
import { TEST_SCRYPT } from '../src/main/crypto/key-wrap.ts';
import { startIntakeProcess } from './intake-process.ts';
import { BENCH_ANALYST, ensureQueueStore, queueStorePaths } from './queue-store.ts';
import { log, call, percentile, timed } from './measure.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    'case-size': { type: 'string', default: '5000' },
    samples: { type: 'string', default: '60' },
    'sync-count': { type: 'string', default: '100000' },
    'sync-pairs': { type: 'string', default: '2' },
    'skip-sync': { type: 'boolean', default: false },
    'skip-case': { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const caseSize = Number(values['case-size']);
const samples = Number(values.samples);

function summary(name: string, list: number[], target?: number): string {
  const p95 = percentile(list, 95);
  const verdict = target === undefined ? '' : p95 <= target ? `  (target ${target} ms: met)` : `  (target ${target} ms: MISSED)`;
  return `${name.padEnd(46)} p50 ${percentile(list, 50).toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms   max ${Math.max(...list).toFixed(1).padStart(7)} ms${verdict}`;
}

log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}`);

// ---------------------------------------------------------------------------
// 1. A case of 5,000 reports in the million-report store

if (!values['skip-case']) {
  await ensureQueueStore(count, values.rebuild, log);
  const { STORE, PASSPHRASE } = queueStorePaths(count);
  const core = createCore({ storeDir: STORE, host: 'cli', version: 'bench', scrypt: TEST_SCRYPT });
  const [unlockMs] = await timed(() => call(core, 'session.unlock', { name: BENCH_ANALYST, passphrase: PASSPHRASE }));
  log(`unlock (migrations included, the first time after a schema change): ${(unlockMs / 1000).toFixed(1)} s`);
  const [indexMs, first] = await timed(() => call<{ total: number }>(core, 'queue.query', { limit: 1 }));
  log(`queue index load: ${(indexMs / 1000).toFixed(2)} s for ${first.total} reports`);
  const { db } = core.unlockedStore();
  log(`observables: ${db.prepare('SELECT count(*) FROM observables').pluck().get() as number} distinct, ${db.prepare('SELECT count(*) FROM report_observables').pluck().get() as number} links`);

  const title = `Bench case of ${caseSize} reports`;
  let ref = db.prepare('SELECT ref FROM cases WHERE title = ?').pluck().get(title) as string | undefined;
  if (!ref) {
    // Reports spread over the whole store, in batches the contract accepts.
    const step = Math.max(1, Math.floor(first.total / caseSize));
    const ids = db.prepare('SELECT id FROM reports WHERE rowid % ? = 0 ORDER BY rowid LIMIT ?').pluck().all(step, caseSize) as string[];
    const [createMs, created] = await timed(() => call<{ ref: string }>(core, 'cases.create', { title, reportIds: ids }));
    ref = created.ref;
    log(`created ${ref} with ${ids.length} reports in ${createMs.toFixed(0)} ms`);
  } else {
    log(`reusing ${ref}`);
  }
  // Warm up (statements, caches), then measure.
  await call(core, 'cases.get', { ref });
  const view: number[] = [];
  const table: number[] = [];
  const observables: number[] = [];
  const whole: number[] = [];
  let observableCount = 0;
  for (let k = 0; k < samples; k++) {
    // Every other time, after a change to cases (which drops the queue's cached selections): the cold path too.
    // (Restricted, then open again: a change each time; the bench analyst, a supervisor, sees it both ways.)
    if (k % 2 === 1) await call(core, 'cases.setAccess', { ref, restricted: k % 4 === 1, memberIds: [] });
    const started = performance.now();
    const [a] = await timed(() => call(core, 'cases.get', { ref }));
    const [b] = await timed(() => call(core, 'queue.query', { filters: { caseRef: ref }, limit: 100, facets: true }));
    const [c, page] = await timed(() => call<{ total: number }>(core, 'observables.page', { caseRef: ref, limit: 200 }));
    whole.push(performance.now() - started);
    view.push(a);
    table.push(b);
    observables.push(c);
    observableCount = page.total;
  }
  log(`case of ${caseSize} reports, ${observableCount} observables:`);
  log(summary('  open the case (view + first page + observables)', whole, 100));
  log(summary('  case view (cases.get)', view));
  log(summary('  first page with live counts (queue, caseRef)', table));
  log(summary('  first 200 observables with seen-in counts', observables));
  // Apart from the opening: the next page ("show more"), the rarest first, and the whole list (observables.list).
  const more: number[] = [];
  const rare: number[] = [];
  const list: number[] = [];
  let listed = 0;
  for (let k = 0; k < Math.max(10, Math.floor(samples / 3)); k++) {
    more.push((await timed(() => call(core, 'observables.page', { caseRef: ref, offset: 200, limit: 200 })))[0]);
    rare.push((await timed(() => call(core, 'observables.page', { caseRef: ref, order: 'rare', limit: 200 })))[0]);
    const [ms, rows] = await timed(() => call<unknown[]>(core, 'observables.list', { caseRef: ref }));
    list.push(ms);
    listed = rows.length;
  }
  log(summary('  next 200 observables ("show more")', more));
  log(summary('  first 200 observables, the rarest first', rare));
  log(summary(`  the whole list (observables.list, ${listed} shown)`, list));

  // "Seen in N reports and M cases" for any observable: random ones, and the most widespread.
  const popular = db.prepare('SELECT id FROM observables ORDER BY report_count DESC LIMIT 20').pluck().all() as number[];
  const maxId = db.prepare('SELECT max(id) FROM observables').pluck().get() as number;
  let seed = 2026;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const ids = [...popular, ...Array.from({ length: 280 }, () => 1 + Math.floor(random() * maxId))];
  const seen: number[] = [];
  let biggest = 0;
  for (const id of ids) {
    const [ms, rows] = await timed(() => call<{ seenInReports: number }[]>(core, 'observables.list', { observableId: id }));
    seen.push(ms);
    biggest = Math.max(biggest, rows[0]?.seenInReports ?? 0);
  }
  log(summary(`"seen in N reports and M cases" (${ids.length} observables, up to ${biggest} reports)`, seen, 20));
  const [filterMs, filtered] = await timed(() => call<{ total: number }>(core, 'queue.query', { filters: { observableId: popular[0] }, limit: 100 }));
  log(`queue filtered by the most widespread observable (${filtered.total} reports): ${filterMs.toFixed(0)} ms (first time)`);
  core.close();
}

// ---------------------------------------------------------------------------
// 2. Sync rate with and without observable extraction, in one run

if (!values['skip-sync']) {
  const syncCount = Number(values['sync-count']);
  const work = mkdtempSync(join(tmpdir(), 'iblagh-bench-cases-'));
  const service = await startIntakeProcess(['--count', String(syncCount), '--attachments', '0'], join(work, 'intake'));
  try {
    // Per mode: reports/s until every report of the feed is stored (in the queue), and for the whole run
    // (with extraction, that includes the observables step that follows the feed: reports/observable-index.ts).
    const rates: Record<'with' | 'without', { feed: number[]; run: number[] }> = { with: { feed: [], run: [] }, without: { feed: [], run: [] } };
    const pairs = Number(values['sync-pairs']);
    for (let k = 0; k < pairs * 2; k++) {
      const mode = k % 2 === 0 ? 'without' : 'with';
      const storeDir = join(work, `store-${k}`);
      const core = createCore({ storeDir, host: 'cli', version: 'bench', scrypt: TEST_SCRYPT, syncEngine: { observables: mode === 'with' } });
      await call(core, 'session.setup', { name: 'Bench Analyst', service: 'Benchmark unit', passphrase: 'bench phrase for the cases run 2026', locale: 'fr' });
      await call(core, 'intake.update', { url: service.url, token: service.token, publicKeyPem: service.keyPem, workstationId: 'ws-bench', syncIntervalMinutes: 0 });
      let feedEnd = 0;
      const stop = core.onEvent((event, payload) => {
        const phase = (payload as { phase?: string }).phase;
        if (event === 'sync.progress' && feedEnd === 0 && (phase === 'attachments' || phase === 'observables' || phase === 'done')) feedEnd = performance.now();
      });
      const started = performance.now();
      await call(core, 'sync.start');
      await core.syncIdle();
      const ended = performance.now();
      stop();
      const status = await call<{ reports: number; lastError: string | null }>(core, 'sync.status');
      if (status.lastError) throw new Error(`sync failed: ${status.lastError}`);
      const { db } = core.unlockedStore();
      const links = db.prepare('SELECT count(*) FROM report_observables').pluck().get() as number;
      const pending = db.prepare('SELECT count(*) FROM observables_pending').pluck().get() as number;
      core.close();
      rmSync(storeDir, { recursive: true, force: true });
      const feedSeconds = ((feedEnd || ended) - started) / 1000;
      const runSeconds = (ended - started) / 1000;
      rates[mode].feed.push(status.reports / feedSeconds);
      rates[mode].run.push(status.reports / runSeconds);
      log(
        `sync ${mode.padEnd(7)} extraction: ${status.reports} reports in the queue after ${feedSeconds.toFixed(1)} s = ${Math.round(status.reports / feedSeconds)} reports/s; ` +
          `run over after ${runSeconds.toFixed(1)} s = ${Math.round(status.reports / runSeconds)} reports/s (${links} observable links, ${pending} reports not indexed)`,
      );
    }
    const best = (list: number[]) => Math.max(...list);
    const feedRatio = best(rates.with.feed) / best(rates.without.feed);
    const runRatio = best(rates.with.run) / best(rates.without.run);
    log(`reports into the queue, with extraction / without (best of ${pairs} each): ${(feedRatio * 100).toFixed(1)} % ${feedRatio >= 0.9 ? '(target: within 10 %: met)' : '(target: within 10 %: MISSED)'}`);
    log(`whole run, observables indexed, with / without (best of ${pairs} each): ${(runRatio * 100).toFixed(1)} %`);
  } finally {
    service.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
