/**
 * The queue index keeps its sort orders and live counts up to date as rows
 * change (a sync refresh, a status set here) instead of sorting and counting
 * every row again: after random inserts, revisions, cluster moves and status
 * changes, every kept order must equal a full sort of the same rows, every
 * priority the one a fresh index computes, and every kept count a count from
 * scratch. Small stores only: the million-row timing is in `npm run bench:queue`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QueueIndex, type IndexRow, type Scoring } from '../../src/main/triage/queue-index.ts';
import { DEFAULT_DEADLINES, DEFAULT_WEIGHTS } from '../../src/main/triage/priority.ts';
import { REPORT_STATUSES } from '../../src/shared/statuses.ts';
import { SortKey, type QueueFilters } from '../../src/shared/triage.ts';
import { Columns, STATUS_CODES } from '../../src/main/triage/queue-index/columns.ts';
import { LiveCounts } from '../../src/main/triage/queue-index/filters.ts';
import { repositionCounts } from '../../src/main/triage/queue-index/ordering.ts';
import { createRng } from '../../src/intake/prng.ts';

const SCORING: Scoring = { weights: DEFAULT_WEIGHTS, deadlines: DEFAULT_DEADLINES, workstationId: 'ws-here' };
const KEYS = SortKey.options;
const NOW = Date.parse('2026-06-01T12:00:00Z');
const CATEGORIES = ['terrorism_incitement', 'fraud', 'violence', 'other', 'sextortion', 'online_gambling'];
const PLATFORMS = ['facebook', 'tiktok', 'telegram', 'website', 'bigo_live'];

/** A small deterministic generator, so that a failure repeats (the reference service's mulberry32). */
function rng(seed: number): () => number {
  return createRng(seed).next;
}

function rowOf(r: () => number, rowid: number): IndexRow {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  // Few distinct seconds and few clusters: many ties, and clusters that grow and shrink.
  const submitted = NOW - Math.floor(r() * 40) * 3_600_000 * 7 - Math.floor(r() * 3) * 1000;
  return {
    rowid,
    id: `IBL-2026-${String(rowid).padStart(7, '0')}`,
    category: pick(CATEGORIES),
    platform: pick(PLATFORMS),
    status: pick(REPORT_STATUSES),
    status_workstation: pick(['ws-here', 'ws-other', null]),
    region: pick(['MA-01', 'MA-06', null]),
    country: pick(['MA', 'FR', 'ES']),
    reporter_mode: pick(['anonymous', 'identified']),
    imminent_danger: r() < 0.2 ? 1 : 0,
    attachments: r() < 0.3 ? 1 + Math.floor(r() * 3) : 0,
    submitted_at: new Date(submitted).toISOString(),
    // Cluster 1 is large (past the cluster points' cap), the others small.
    cluster_id: r() < 0.1 ? null : r() < 0.03 ? 1 : 2 + Math.floor(r() * 1600),
    demo: 0,
    revision: 1,
    account_handle: r() < 0.4 ? `@account${rowid}` : null,
    first_url: r() < 0.9 ? `https://example.com/p/${rowid}` : null,
  };
}

/** An index of `count` generated reports, rowids 1 to `count`. */
function indexOfRows(r: () => number, count: number): QueueIndex {
  const index = new QueueIndex(SCORING);
  index.apply(Array.from({ length: count }, (_, k) => rowOf(r, k + 1)));
  return index;
}

/** Rowid → priority: what a fresh index loaded with the same rows computes. */
function freshPriorities(rows: Map<number, IndexRow>, statuses: Map<number, string>): Map<number, number> {
  const fresh = new QueueIndex(SCORING);
  fresh.apply([...rows.values()].map((row) => ({ ...row, ...(statuses.has(row.rowid) ? { status: statuses.get(row.rowid)!, status_workstation: 'ws-here' } : {}) })));
  const out = new Map<number, number>();
  for (const rowid of rows.keys()) out.set(rowid, fresh.priorityAtIndex(fresh.indexOf(rowid), NOW));
  return out;
}

function assertOrders(index: QueueIndex, round: number): void {
  for (const key of KEYS) {
    const kept = index.order(key, NOW);
    const fresh = index.sortedAfresh(key, NOW);
    assert.equal(kept.length, index.size, `round ${round}: order of ${key} has every row`);
    assert.deepEqual(Array.from(kept), Array.from(fresh), `round ${round}: order of ${key} equals a full sort`);
  }
}

test('orders kept up to date after random inserts, revisions, cluster moves and status changes equal a full sort', () => {
  const r = rng(14);
  const index = new QueueIndex(SCORING);
  const rows = new Map<number, IndexRow>();
  /** Statuses set here after the row was written (a sync writing the row again replaces them). */
  const statuses = new Map<number, string>();
  let nextRowid = 1;
  const initial: IndexRow[] = [];
  for (let k = 0; k < 8000; k++) initial.push(rowOf(r, nextRowid++));
  for (const row of initial) rows.set(row.rowid, row);
  index.apply(initial);
  // Every order computed once, priorities scored: from now on they are kept, not sorted again.
  assertOrders(index, 0);
  const sorted = index.sortsFromScratch;
  const counts = { ...repositionCounts };
  for (let round = 1; round <= 40; round++) {
    const page: IndexRow[] = [];
    // A sync page: new reports, and new revisions of stored ones (other category, cluster, danger...).
    for (let k = Math.floor(r() * 15); k > 0; k--) page.push(rowOf(r, nextRowid++));
    for (let k = Math.floor(r() * 10); k > 0; k--) {
      const rowid = 1 + Math.floor(r() * (nextRowid - 1));
      page.push({ ...rowOf(r, rowid), id: rows.get(rowid)?.id ?? `IBL-2026-${String(rowid).padStart(7, '0')}` });
    }
    // Now and then a value never seen before, that sorts first: the ranks of the others change, not their order.
    if (round % 8 === 0 && page.length > 0) page[0] = { ...page[0]!, category: `aaa_${round}`, country: `A${round}` };
    for (const row of page) {
      rows.set(row.rowid, row);
      statuses.delete(row.rowid);
    }
    if (page.length > 0) index.apply(page);
    // Statuses set here, some to finished work, in a bulk of up to 20.
    if (r() < 0.7) {
      const status = REPORT_STATUSES[Math.floor(r() * REPORT_STATUSES.length)]!;
      const chosen = Array.from({ length: 1 + Math.floor(r() * 20) }, () => 1 + Math.floor(r() * (nextRowid - 1)));
      index.setStatuses(chosen, status, 'ws-here');
      for (const rowid of chosen) statuses.set(rowid, status);
    }
    assertOrders(index, round);
    assert.equal(index.sortsFromScratch, sorted, `round ${round}: the orders were kept up to date, none sorted again`);
    assert.deepEqual(
      new Map([...rows.keys()].map((rowid) => [rowid, index.priorityAtIndex(index.indexOf(rowid), NOW)])),
      freshPriorities(rows, statuses),
      `round ${round}: priorities equal a fresh computation`,
    );
  }
  // Every order was put back in place by moving runs of it: each moved row was found where the values it was placed
  // with say (a row missed there falls back to testing every row, correct but slow).
  assert.ok(repositionCounts.byRuns >= counts.byRuns + 40, `${repositionCounts.byRuns - counts.byRuns} repositions by runs`);
  assert.equal(repositionCounts.byScan, counts.byScan, 'no reposition fell back to a pass over every row');
});

test('moved rows are found where the values they were placed with say; one whose submission time changed is looked for along the order', () => {
  const r = rng(20);
  const index = indexOfRows(r, 20_000);
  assertOrders(index, 0);
  const counts = { ...repositionCounts };
  let nextRowid = 20_001;
  // Revisions that keep the submission time (as the reference service's do), new reports, statuses set here.
  for (let round = 1; round <= 6; round++) {
    const page: IndexRow[] = [];
    for (let k = 0; k < 40; k++) page.push(rowOf(r, nextRowid++));
    for (let k = 0; k < 60; k++) {
      const rowid = 1 + Math.floor(r() * (nextRowid - 1));
      const i = index.indexOf(rowid);
      page.push({ ...rowOf(r, rowid), id: `IBL-2026-${String(rowid).padStart(7, '0')}`, submitted_at: new Date(index.submittedAt(i)).toISOString() });
    }
    index.apply(page);
    index.setStatuses([1 + Math.floor(r() * 20_000), 1 + Math.floor(r() * 20_000)], 'in_analysis', 'ws-here');
    assertOrders(index, round);
  }
  assert.equal(repositionCounts.rowsLookedFor, counts.rowsLookedFor, 'every moved row found by the search');
  assert.equal(repositionCounts.byScan, counts.byScan, 'no pass over every row');
  // A revision that changes the submission time: its row is looked for, and the orders stay right.
  const rowid = 1 + Math.floor(r() * 20_000);
  index.apply([{ ...rowOf(r, rowid), id: `IBL-2026-${String(rowid).padStart(7, '0')}`, submitted_at: '2025-01-01T00:00:00.000Z' }]);
  assertOrders(index, 7);
  assert.ok(repositionCounts.rowsLookedFor > counts.rowsLookedFor, 'the row whose submission time changed was looked for');
  assert.equal(repositionCounts.byScan, counts.byScan, 'and found without a pass over every row');
});

test('a priority recomputed after ten minutes moves only the rows whose priority changed, and the order still equals a full sort', () => {
  const r = rng(7);
  const index = new QueueIndex(SCORING);
  const rows: IndexRow[] = [];
  // Submitted over ten days, to the second: in ten minutes, some wait one whole day more.
  for (let rowid = 1; rowid <= 3000; rowid++) rows.push({ ...rowOf(r, rowid), submitted_at: new Date(NOW - Math.floor(r() * 864_000) * 1000).toISOString() });
  index.apply(rows);
  const before = Array.from(index.order('priority', NOW));
  const sorted = index.sortsFromScratch;
  const later = NOW + 600_000;
  const kept = Array.from(index.order('priority', later));
  assert.equal(index.sortsFromScratch, sorted, 'kept up to date, not sorted again');
  assert.notDeepEqual(kept, before, 'waiting changed the order');
  assert.deepEqual(kept, Array.from(index.sortedAfresh('priority', later)));
});

test('priority applies to open work: finished reports score 0 and sort after every open one', () => {
  const r = rng(3);
  const index = new QueueIndex(SCORING);
  const rows: IndexRow[] = [];
  for (let rowid = 1; rowid <= 300; rowid++) rows.push({ ...rowOf(r, rowid), imminent_danger: 1 });
  index.apply(rows);
  const order = Array.from(index.order('priority', NOW)).reverse();
  const open = (i: number) => index.statusCodeAt(i) <= 2;
  const firstFinished = order.findIndex((i) => !open(i));
  assert.ok(firstFinished > 0, 'open reports first');
  assert.ok(order.slice(firstFinished).every((i) => !open(i) && index.priorityAtIndex(i, NOW) === 0), 'then every finished one, with no priority');
  assert.ok(order.slice(0, firstFinished).every((i) => index.priorityAtIndex(i, NOW) > 0));
  // Closing the most urgent report moves it after every open one at once.
  const top = order[0]!;
  index.setStatuses([index.rowid[top]!], 'closed_no_action', 'ws-here');
  const after = Array.from(index.order('priority', NOW)).reverse();
  assert.ok(after.indexOf(top) >= after.findIndex((i) => !open(i)));
  assert.equal(index.isOverdue(top, NOW + 365 * 86_400_000), false, 'a finished report is never overdue');
});

/** Views whose live counts the index keeps: every kind of filter, a value no report has yet, a date range, a cluster. */
const VIEWS: QueueFilters[] = [
  { openOnly: true },
  {},
  { category: ['terrorism_incitement', 'sextortion', 'arrives_later'] },
  { platform: ['telegram', 'bigo_live'], overdue: true },
  { status: ['referred', 'in_analysis'], region: ['MA-06'] },
  { location: ['abroad'], imminentDanger: true, openOnly: true, overdue: false },
  { submittedFrom: new Date(NOW - 5 * 86_400_000).toISOString(), reporterMode: ['identified'], hasAttachments: true },
  { clusterId: 1, country: ['FR', 'ES'] },
];

/** The kept counts of every view equal a count from scratch: the total, the matching rows, every facet. */
function assertCounts(index: QueueIndex, nowMs: number, round: number): void {
  for (const filters of VIEWS) {
    const kept = index.select(filters, { key: 'id', dir: 'asc' }, { nowMs, facets: true, grouping: 'reports', candidates: null });
    const fresh = index.countedAfresh(filters, nowMs);
    const freshRows: number[] = [];
    for (let i = 0; i < index.size; i++) if (fresh.match[i] === 1) freshRows.push(i);
    const view = JSON.stringify(filters);
    assert.equal(kept.rows.length, fresh.total, `round ${round}, ${view}: total`);
    assert.deepEqual(Array.from(kept.rows).sort((a, b) => a - b), freshRows, `round ${round}, ${view}: matching rows`);
    assert.deepEqual(kept.facets, fresh.facets, `round ${round}, ${view}: live counts`);
  }
}

test('live counts kept up to date through sync pages, status sets, new values and the passing time equal a count from scratch', () => {
  const r = rng(1414);
  const index = indexOfRows(r, 6000);
  let nextRowid = 6000 + 1;
  assertCounts(index, NOW, 0);
  const counted = index.countsFromScratch;
  assert.equal(counted, VIEWS.length, 'each view counted once');
  let overdueChanged = false;
  for (let round = 1; round <= 30; round++) {
    // 47 minutes a round: deadlines pass (hours to days), so overdue marks change between rounds.
    const nowMs = NOW + round * 47 * 60_000;
    const page: IndexRow[] = [];
    for (let k = Math.floor(r() * 20); k > 0; k--) {
      const row = rowOf(r, nextRowid++);
      // From round 10, a category and a platform the dictionaries did not know.
      page.push(round >= 10 && r() < 0.3 ? { ...row, category: 'arrives_later', platform: 'bigo_live' } : { ...row, submitted_at: new Date(nowMs - Math.floor(r() * 3_600_000)).toISOString() });
    }
    for (let k = Math.floor(r() * 12); k > 0; k--) {
      const rowid = 1 + Math.floor(r() * (nextRowid - 1));
      page.push({ ...rowOf(r, rowid), id: `IBL-2026-${String(rowid).padStart(7, '0')}` });
    }
    if (page.length > 0) index.apply(page);
    if (r() < 0.7) {
      const status = REPORT_STATUSES[Math.floor(r() * REPORT_STATUSES.length)]!;
      index.setStatuses(Array.from({ length: 1 + Math.floor(r() * 20) }, () => 1 + Math.floor(r() * (nextRowid - 1))), status, r() < 0.5 ? 'ws-here' : 'ws-other');
    }
    const overdueBefore = index.countedAfresh({ overdue: true }, nowMs - 47 * 60_000).total;
    if (index.countedAfresh({ overdue: true }, nowMs).total !== overdueBefore) overdueChanged = true;
    assertCounts(index, nowMs, round);
    assert.equal(index.countsFromScratch, counted, `round ${round}: the counts were kept up to date, none counted again`);
  }
  assert.ok(overdueChanged, 'time moved reports past their deadline during the test');
});

test('live counts made on an empty index (before the first sync) count every report that arrives', () => {
  const r = rng(5);
  const index = new QueueIndex(SCORING);
  const views: QueueFilters[] = [{ openOnly: true }, {}, { category: ['fraud'] }, { platform: ['telegram'], country: ['FR'] }];
  for (const filters of views) assert.equal(index.select(filters, { key: 'priority', dir: 'desc' }, { nowMs: NOW, facets: true, grouping: 'reports', candidates: null }).rows.length, 0);
  const counted = index.countsFromScratch;
  index.apply(Array.from({ length: 40 }, (_, k) => rowOf(r, k + 1)));
  for (const filters of views) {
    const kept = index.select(filters, { key: 'priority', dir: 'desc' }, { nowMs: NOW, facets: true, grouping: 'reports', candidates: null });
    const fresh = index.countedAfresh(filters, NOW);
    assert.equal(kept.rows.length, fresh.total, JSON.stringify(filters));
    assert.deepEqual(kept.facets, fresh.facets, JSON.stringify(filters));
  }
  assert.equal(index.countsFromScratch, counted, 'kept, not counted again');
});

test('live counts follow the quarantine and known-hash marks, and a new value of a filtered dimension', () => {
  const r = rng(99);
  const columns = new Columns();
  const rows: IndexRow[] = [];
  for (let rowid = 1; rowid <= 2000; rowid++) rows.push(rowOf(r, rowid));
  const put = (row: IndexRow) => columns.put(row, Math.max(0, STATUS_CODES.indexOf(row.status as (typeof STATUS_CODES)[number])), DEFAULT_DEADLINES);
  for (const row of rows) put(row);
  const views: QueueFilters[] = [{ quarantined: true }, { hashMatch: false, openOnly: true }, { category: ['arrives_later'], quarantined: false }, {}];
  const kept = views.map((filters) => new LiveCounts(columns, filters, NOW, null));
  columns.watch = {
    before: (i) => kept.forEach((counts) => counts.remove(columns, i)),
    after: (i) => kept.forEach((counts) => counts.add(columns, i)),
  };
  const check = (step: string) =>
    views.forEach((filters, v) => {
      const fresh = new LiveCounts(columns, filters, NOW, null);
      assert.equal(kept[v]!.total, fresh.total, `${step}, ${JSON.stringify(filters)}: total`);
      assert.deepEqual(kept[v]!.facets(columns), fresh.facets(columns), `${step}, ${JSON.stringify(filters)}: live counts`);
    });
  const some = (share: number) => rows.filter(() => r() < share).map((row) => row.rowid);
  columns.markQuarantined(some(0.2));
  check('quarantined');
  columns.markHashMatched(some(0.1));
  check('hash matched');
  columns.markQuarantined(some(0.05));
  check('quarantine changed');
  put({ ...rowOf(r, 2001), category: 'arrives_later' });
  put({ ...rows[5]!, category: 'arrives_later', country: 'ZZ' });
  check('a new category and country');
  assert.ok(kept[2]!.total > 0, 'the value no report had is counted once it arrives');
});

test('the rows of a cluster and the marked rows follow puts, cluster moves and marks that come and go', () => {
  const r = rng(123);
  const columns = new Columns();
  const rows = new Map<number, IndexRow>();
  const put = (row: IndexRow) => {
    rows.set(row.rowid, row);
    return columns.put(row, Math.max(0, STATUS_CODES.indexOf(row.status as (typeof STATUS_CODES)[number])), DEFAULT_DEADLINES);
  };
  for (let rowid = 1; rowid <= 3000; rowid++) put(rowOf(r, rowid));
  const quarantined = new Set<number>();
  for (let round = 0; round < 20; round++) {
    // Revisions: some rows change cluster (to another, to none, from none), some stay.
    for (let k = 0; k < 150; k++) {
      const rowid = 1 + Math.floor(r() * rows.size);
      const before = rows.get(rowid)!;
      put({ ...before, cluster_id: r() < 0.5 ? before.cluster_id : r() < 0.2 ? null : r() < 0.3 ? 1 : 2 + Math.floor(r() * 1600) });
    }
    for (let k = 0; k < 40; k++) put(rowOf(r, rows.size + 1));
    const clusters = [1, 0, -3, 999_999, ...Array.from({ length: 30 }, () => 2 + Math.floor(r() * 1600))];
    const expected = [...rows.values()].filter((row) => row.cluster_id !== null && clusters.includes(row.cluster_id)).map((row) => columns.indexOf(row.rowid));
    assert.deepEqual(columns.rowsOfClusters(clusters).sort((a, b) => a - b), expected.sort((a, b) => a - b), `round ${round}: rows of clusters`);
    // Marks: some rows gain the quarantine mark, some lose it; the rows returned are exactly those whose mark changed.
    const next = new Set([...rows.keys()].filter((rowid) => (quarantined.has(rowid) ? r() < 0.7 : r() < 0.05)));
    const flipped = [...rows.keys()].filter((rowid) => quarantined.has(rowid) !== next.has(rowid)).map((rowid) => columns.indexOf(rowid));
    assert.deepEqual(columns.markQuarantined([...next, 987_654]).sort((a, b) => a - b), flipped.sort((a, b) => a - b), `round ${round}: marks changed`);
    quarantined.clear();
    for (const rowid of next) quarantined.add(rowid);
    const { match } = new LiveCounts(columns, { quarantined: true }, NOW, null);
    const carrying = [...rows.keys()].filter((rowid) => match[columns.indexOf(rowid)] === 1);
    assert.equal(carrying.length, quarantined.size, `round ${round}: rows carrying the mark`);
  }
});

test('at 70,000 rows (arrays from the pool, released selections reused): kept orders, selections and cluster groups equal a computation from scratch', () => {
  const r = rng(70);
  const index = indexOfRows(r, 70_000);
  let nextRowid = 70_000 + 1;
  // Every report: a selection past the pool's smallest array (65,536 rows).
  const filters: QueueFilters = {};
  const sorts = [
    { key: 'priority', dir: 'desc' },
    { key: 'category', dir: 'asc' },
  ] as const;
  let held: { selection: ReturnType<QueueIndex['select']>; copy: number[] }[] = [];
  for (let round = 0; round < 6; round++) {
    // The selections of the last round go back to the pool, as the queue's cache gives back a stale one.
    for (const { selection } of held) index.release(selection);
    held = [];
    const page: IndexRow[] = [];
    for (let k = 0; k < 300; k++) page.push(rowOf(r, nextRowid++));
    for (let k = 0; k < 200; k++) {
      const rowid = 1 + Math.floor(r() * (nextRowid - 1));
      page.push({ ...rowOf(r, rowid), id: `IBL-2026-${String(rowid).padStart(7, '0')}` });
    }
    index.apply(page);
    const fresh = index.countedAfresh(filters, NOW);
    for (const sort of sorts) {
      const expected = Array.from(index.sortedAfresh(sort.key, NOW)).filter((i) => fresh.match[i] === 1);
      if (sort.dir === 'desc') expected.reverse();
      const reports = index.select(filters, sort, { nowMs: NOW, facets: false, grouping: 'reports', candidates: null });
      const groups = index.select(filters, sort, { nowMs: NOW, facets: false, grouping: 'clusters', candidates: null });
      held.push({ selection: reports, copy: Array.from(reports.rows) }, { selection: groups, copy: Array.from(groups.rows) });
      assert.deepEqual(Array.from(reports.rows), expected, `round ${round}, ${sort.key}: the selection`);
      // One row per cluster: its first in the order, with its number of matching reports.
      const seen = new Map<number, number>();
      const firsts: number[] = [];
      for (const i of expected) {
        const cluster = index.cluster[i]!;
        if (cluster === 0 || !seen.has(cluster)) firsts.push(i);
        if (cluster !== 0) seen.set(cluster, (seen.get(cluster) ?? 0) + 1);
      }
      assert.deepEqual(Array.from(groups.rows), firsts, `round ${round}, ${sort.key}: the groups`);
      assert.deepEqual(Array.from(groups.clusterMatches!), firsts.map((i) => (index.cluster[i] === 0 ? 1 : seen.get(index.cluster[i]!)!)), `round ${round}, ${sort.key}: group sizes`);
    }
    // What was handed out this round is intact after the later selections and orders drew from the pool.
    held.forEach(({ selection, copy }, k) => assert.deepEqual(Array.from(selection.rows), copy, `round ${round}: selection ${k} unchanged`));
  }
});

test('a selection is written as far as its page asks: later pages continue the walk, in both directions, and a walk whose order was replaced begins again on the new one', () => {
  const r = rng(71);
  const index = indexOfRows(r, 30_000);
  const filters: QueueFilters = { openOnly: true };
  const expectedAt = (sort: { key: SortKey; dir: 'asc' | 'desc' }, nowMs: number): number[] => {
    const fresh = index.countedAfresh(filters, nowMs);
    const expected = Array.from(index.sortedAfresh(sort.key, nowMs)).filter((i) => fresh.match[i] === 1);
    return sort.dir === 'desc' ? expected.reverse() : expected;
  };
  const sorts = [
    { key: 'priority', dir: 'desc' },
    { key: 'submittedAt', dir: 'asc' },
    { key: 'category', dir: 'desc' },
  ] as const;
  for (const sort of sorts) {
    const expected = expectedAt(sort, NOW);
    assert.ok(expected.length > 1000, 'enough open rows for several pages');
    const selection = index.select(filters, sort, { nowMs: NOW, facets: false, grouping: 'reports', candidates: null, upTo: 100 });
    assert.equal(selection.rows.length, expected.length, `${sort.key}: the total`);
    assert.ok(selection.walk !== null && selection.walk.written >= 100 && selection.walk.written < expected.length, `${sort.key}: not every row written`);
    for (const end of [100, 150, 1000, 1000, expected.length + 10]) {
      assert.deepEqual(Array.from(index.rowsUpTo(selection, end)), expected.slice(0, end), `${sort.key} ${sort.dir}: the first ${end} rows`);
    }
    assert.equal(selection.walk, null, `${sort.key}: all written`);
  }
  // Groups need every row: written at once.
  assert.equal(index.select(filters, sorts[0], { nowMs: NOW, facets: false, grouping: 'clusters', candidates: null, upTo: 10 }).walk, null);

  // Priorities scored again three days later put the priority order back in place (a new array): the walk begins again on it.
  const before = expectedAt(sorts[0], NOW);
  const selection = index.select(filters, sorts[0], { nowMs: NOW, facets: false, grouping: 'reports', candidates: null, upTo: 50 });
  const walked = selection.walk!.order;
  const later = NOW + 3 * 86_400_000;
  assert.notEqual(index.order('priority', later), walked, 'the order was replaced');
  const expected = expectedAt(sorts[0], later);
  assert.notDeepEqual(expected.slice(0, 200), before.slice(0, 200), 'the order differs three days later');
  assert.deepEqual(Array.from(index.rowsUpTo(selection, expected.length)), expected, 'the rows along the new order');
});
