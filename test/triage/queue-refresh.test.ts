/**
 * The queue during a sync: pages committed by the sync thread are read back
 * at most once a second, in slices of rows applied one at a time, between
 * which queries are answered (each slice is a generation; the renderer is
 * told once the refresh is done); a `refreshNow` (end of a run) while a
 * sliced refresh is under way takes its rows over.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MIN_REFRESH_SLICE, QueueService } from '../../src/main/triage/queue-service.ts';
import { value } from '../helpers/store.ts';
import { fixture } from '../sync/fixture.ts';

test('a sync refresh applies its rows in slices, answers queries between them, then tells the renderer once', async (t) => {
  const f = await fixture(t, { count: 300, attachments: 0 }, { pageLimit: 500 });
  await f.sync();
  const changed: number[] = [];
  // A second queue over the same store, told of the sync's pages by hand (as core.ts wires onApplied).
  const queue = new QueueService(() => f.core.unlockedStore(), { emitChanged: (generation) => changed.push(generation) });
  const before = await queue.query({ limit: 5, facets: false });
  for (let k = 0; k < 1200; k++) f.server.appendReport({});
  await f.sync();
  const { db } = f.core.unlockedStore();
  const rowids = db.prepare('SELECT rowid FROM reports ORDER BY rowid DESC LIMIT 1200').pluck().all() as number[];
  queue.applied(rowids);
  // Nothing yet: at most once a second.
  assert.equal((await queue.query({ limit: 1, facets: false })).total, before.total);
  const totalsWhileApplying: number[] = [];
  const deadline = Date.now() + 10_000;
  while (changed.length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    const page = await queue.query({ limit: 1, facets: false });
    if (changed.length === 0) totalsWhileApplying.push(page.total);
  }
  assert.equal(changed.length, 1, 'the renderer is told once, when the refresh is done');
  // Queries were answered while the slices were applied: whole slices, never going back.
  const partial = totalsWhileApplying.filter((total) => total > before.total && total < before.total + 1200);
  assert.ok(partial.length > 0, `a query between slices: ${totalsWhileApplying.join(' ')}`);
  // Slices of 256 rows, halved after a slow one (down to 32) and doubled back after a quick one.
  assert.ok(partial.every((total) => (total - before.total) % MIN_REFRESH_SLICE === 0), `whole slices: ${partial.join(' ')}`);
  assert.deepEqual(totalsWhileApplying, [...totalsWhileApplying].sort((a, b) => a - b), 'never going back');
  const after = await queue.query({ limit: 1, facets: false });
  assert.equal(after.total, before.total + 1200);
  assert.equal(after.generation, changed[0]);
  assert.equal(after.total, (await value(f.core, 'queue.query', { limit: 0, facets: false })).total, 'the same as the core’s own queue');

  // refreshNow while a sliced refresh reads: it reads those rows itself, the slices stop.
  for (let k = 0; k < 1200; k++) f.server.appendReport({});
  await f.sync();
  const more = db.prepare('SELECT rowid FROM reports ORDER BY rowid DESC LIMIT 1200').pluck().all() as number[];
  queue.applied(more);
  const waitUntil = Date.now() + 1_050;
  while (Date.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, 5));
  // The timer fired (or is about to): the first slice may be read; take over now.
  await new Promise((resolve) => setImmediate(resolve));
  queue.refreshNow();
  assert.equal((await queue.query({ limit: 1, facets: false })).total, before.total + 2400);
  const generations = changed.length;
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(changed.length, generations, 'the stopped slices apply nothing later');
  assert.equal((await queue.query({ limit: 1, facets: false })).total, before.total + 2400);
});

test('between a sync refresh’s slices, the orders nobody asked for are put back in place (one per task), and equal a full sort', async (t) => {
  const f = await fixture(t, { count: 1600, attachments: 0 }, { pageLimit: 500 });
  await f.sync();
  const changed: number[] = [];
  const queue = new QueueService(() => f.core.unlockedStore(), { emitChanged: (generation) => changed.push(generation), backgroundSettleMin: 20 });
  // Orders an analyst sorted by earlier in the session: cached, then not asked for during the sync.
  const sorts = ['country', 'id', 'submittedAt', 'deadline'] as const;
  for (const key of sorts) await queue.query({ sort: { key, dir: 'asc' }, limit: 1, facets: false });
  const { index } = await queue.ready();
  const sorted = index.sortsFromScratch;
  for (let k = 0; k < 60; k++) f.server.appendReport({});
  await f.sync();
  const { db } = f.core.unlockedStore();
  queue.applied(db.prepare('SELECT rowid FROM reports ORDER BY rowid DESC LIMIT 60').pluck().all() as number[]);
  await until(() => changed.length === 1, 'the refresh');
  await until(() => sorts.every((key) => index.waiting(key) < 20), 'the orders put back in place in the background');
  for (const key of sorts) {
    assert.equal(index.waiting(key), 0, `order of ${key}: nothing left waiting`);
    assert.deepEqual(Array.from(index.order(key, Date.now())), Array.from(index.sortedAfresh(key, Date.now())), `order of ${key} equals a full sort`);
  }
  assert.equal(index.sortsFromScratch, sorted, 'kept, not sorted again');
  // Below the threshold, an order waits for the request that asks for it; but the order the last query asked for
  // (deadline, above) is put in place at once: the next request likely asks for it again.
  f.server.appendReport({});
  await f.sync();
  queue.applied([db.prepare('SELECT max(rowid) FROM reports').pluck().get() as number]);
  await until(() => changed.length === 2, 'the second refresh');
  await new Promise((resolve) => setTimeout(resolve, 50));
  const waiting = sorts.map((key) => `${key}: ${index.waiting(key)}`).join(', ');
  assert.equal(waiting, 'country: 1, id: 1, submittedAt: 1, deadline: 0');
});

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
