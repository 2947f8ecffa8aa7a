/**
 * The queue index keeps its sort orders up to date as rows change (a sync
 * refresh, a status set here) instead of sorting every row again: after random
 * inserts, revisions, cluster moves and status changes, every kept order must
 * equal a full sort of the same rows, and every priority the one a fresh index
 * computes. Small stores only: the million-row timing is in `npm run bench:queue`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QueueIndex, type IndexRow, type Scoring } from '../../src/main/triage/queue-index.ts';
import { DEFAULT_DEADLINES, DEFAULT_WEIGHTS } from '../../src/main/triage/priority.ts';
import { REPORT_STATUSES } from '../../src/shared/statuses.ts';
import { SortKey } from '../../src/shared/triage.ts';
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
    has_attachments: r() < 0.3 ? 1 : 0,
    submitted_at: new Date(submitted).toISOString(),
    // Cluster 1 is large (past the cluster points' cap), the others small.
    cluster_id: r() < 0.1 ? null : r() < 0.03 ? 1 : 2 + Math.floor(r() * 1600),
    demo: 0,
  };
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
  for (let round = 1; round <= 40; round++) {
    const page: IndexRow[] = [];
    // A sync page: new reports, and new revisions of stored ones (other category, cluster, danger...).
    for (let k = Math.floor(r() * 15); k > 0; k--) page.push(rowOf(r, nextRowid++));
    for (let k = Math.floor(r() * 10); k > 0; k--) {
      const rowid = 1 + Math.floor(r() * (nextRowid - 1));
      page.push({ ...rowOf(r, rowid), id: rows.get(rowid)?.id ?? `IBL-2026-${String(rowid).padStart(7, '0')}` });
    }
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
