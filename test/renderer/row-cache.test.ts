/**
 * The queue's row cache, against a fake core whose answers the test releases
 * one by one: which blocks it asks for and in what order, at most two at a
 * time, generations, refresh, patch, errors and eviction.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AppErrorShape } from '../../src/shared/contract.ts';
import type { QueueRow } from '../../src/shared/triage.ts';
import { BLOCK_SIZE, RowCache, type FetchBlock, type PageAnswer, type QuerySpec } from '../../src/renderer/src/screens/queue/rowCache.ts';

const SPEC: QuerySpec = { filters: {}, sort: { key: 'priority', dir: 'desc' }, grouping: 'reports' } as QuerySpec;

interface Call {
  readonly offset: number;
  readonly limit: number;
  answer(generation?: number, total?: number): Promise<void>;
  fail(error: AppErrorShape): Promise<void>;
}

/** A core of `total` rows (ids `R<index>`, at the generation given when answering); calls wait for the test. */
function fakeCore(total: number): { fetch: FetchBlock; calls: Call[]; pending: () => Call[] } {
  const calls: Call[] = [];
  const done = new Set<Call>();
  const fetch: FetchBlock = (_spec, offset, limit) =>
    new Promise((resolve) => {
      const call: Call = {
        offset,
        limit,
        async answer(generation = 1, size = total) {
          done.add(call);
          const rows = Array.from({ length: Math.max(0, Math.min(limit, size - offset)) }, (_, i) => ({ id: `R${offset + i}`, status: 'received' }) as unknown as QueueRow);
          resolve({ ok: true, value: { total: size, rows, generation } satisfies PageAnswer });
          await settle();
        },
        async fail(error) {
          done.add(call);
          resolve({ ok: false, error });
          await settle();
        },
      };
      calls.push(call);
    });
  return { fetch, calls, pending: () => calls.filter((call) => !done.has(call)) };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

function blocksAsked(calls: readonly Call[]): number[] {
  return calls.map((call) => call.offset / BLOCK_SIZE);
}

test('the first block is read on demand; the snapshot says the total, and rows are found by index', async () => {
  const core = fakeCore(450);
  const cache = new RowCache(SPEC, core.fetch);
  let notified = 0;
  cache.subscribe(() => (notified += 1));
  assert.deepEqual(cache.getSnapshot(), { total: null, error: null, version: 0 });
  assert.equal(cache.loaded, false);
  cache.want(0, 50);
  assert.deepEqual(blocksAsked(core.calls), [0]);
  assert.equal(core.calls[0]?.limit, BLOCK_SIZE);
  await core.calls[0]?.answer(3);
  assert.equal(cache.getSnapshot().total, 450);
  assert.equal(cache.getSnapshot().version, 1);
  assert.equal(notified, 1);
  assert.equal(cache.row(0)?.id, 'R0');
  assert.equal(cache.row(199)?.id, 'R199');
  assert.equal(cache.row(200), undefined, 'the next block is not loaded');
  // Asking again for the same rows reads nothing more.
  cache.want(0, 50);
  assert.equal(core.calls.length, 1);
});

test('at most two reads at a time; missing blocks first; no block past the end', async () => {
  const core = fakeCore(1000);
  const cache = new RowCache(SPEC, core.fetch);
  cache.want(0, 1);
  await core.calls[0]?.answer();
  // Rows 150…850: blocks 0 (loaded) to 4.
  cache.want(150, 850);
  assert.deepEqual(blocksAsked(core.pending()), [1, 2]);
  await core.pending()[0]?.answer();
  assert.deepEqual(blocksAsked(core.pending()), [2, 3]);
  await core.pending()[0]?.answer();
  await core.pending()[0]?.answer();
  assert.deepEqual(blocksAsked(core.pending()), [4]);
  await core.pending()[0]?.answer();
  // Block 5 would start at row 1000: the total says there is none.
  cache.want(900, 1200);
  assert.deepEqual(core.pending(), []);
  assert.equal(cache.row(999)?.id, 'R999');
});

test('a newer generation makes the wanted blocks stale: they are read again, the old rows shown meanwhile', async () => {
  const core = fakeCore(300);
  const cache = new RowCache(SPEC, core.fetch);
  cache.want(0, 300);
  await core.pending()[0]?.answer(1);
  await core.pending()[0]?.answer(1);
  assert.equal(core.calls.length, 2);
  cache.markGeneration(1);
  assert.equal(core.pending().length, 0, 'the same generation is not news');
  cache.markGeneration(2);
  assert.deepEqual(blocksAsked(core.pending()), [0, 1]);
  assert.equal(cache.row(5)?.id, 'R5', 'stale rows stay until the new ones arrive');
  await core.pending()[0]?.answer(2, 250);
  assert.equal(cache.getSnapshot().total, 250);
});

test('an answer from a newer generation than known makes the other blocks stale', async () => {
  const core = fakeCore(400);
  const cache = new RowCache(SPEC, core.fetch);
  cache.want(0, 400);
  await core.pending()[0]?.answer(1);
  await core.pending()[0]?.answer(4);
  // Block 0 (generation 1) is older than the 4 just seen: read again.
  assert.deepEqual(blocksAsked(core.pending()), [0]);
});

test('refresh reads the wanted blocks again and clears the error; an error is published', async () => {
  const core = fakeCore(100);
  const cache = new RowCache(SPEC, core.fetch);
  cache.want(0, 10);
  await core.calls[0]?.fail({ code: 'LOCKED', message: 'locked' });
  assert.equal(cache.getSnapshot().error?.code, 'LOCKED');
  assert.equal(cache.getSnapshot().total, null);
  cache.refresh();
  assert.equal(cache.getSnapshot().error, null);
  assert.equal(core.pending().length, 1);
  await core.pending()[0]?.answer();
  assert.equal(cache.getSnapshot().total, 100);
  cache.refresh();
  assert.deepEqual(blocksAsked(core.pending()), [0], 'a loaded block is read again too');
});

test('patch changes loaded rows at once and notifies only when something changed', async () => {
  const core = fakeCore(10);
  const cache = new RowCache(SPEC, core.fetch);
  cache.want(0, 10);
  await core.calls[0]?.answer();
  const version = cache.getSnapshot().version;
  cache.patch((row) => (row.id === 'R3' ? { ...row, status: 'referred' } : row));
  assert.equal(cache.row(3)?.status, 'referred');
  assert.equal(cache.row(4)?.status, 'received');
  assert.equal(cache.getSnapshot().version, version + 1);
  cache.patch((row) => row);
  assert.equal(cache.getSnapshot().version, version + 1);
});

test('at most 40 blocks are kept; those out of view go first', async () => {
  const total = 50 * BLOCK_SIZE;
  const core = fakeCore(total);
  const cache = new RowCache(SPEC, core.fetch);
  cache.want(0, 1);
  await core.pending()[0]?.answer();
  for (let block = 1; block < 45; block += 1) {
    cache.want(block * BLOCK_SIZE, block * BLOCK_SIZE + 1);
    while (core.pending().length > 0) await core.pending()[0]?.answer();
  }
  const kept = Array.from({ length: 45 }, (_, block) => cache.row(block * BLOCK_SIZE) !== undefined);
  assert.equal(kept.filter(Boolean).length, 40);
  assert.deepEqual(kept.slice(0, 5), [false, false, false, false, false], 'the least recently used went');
  assert.equal(kept[44], true);
});

test('after dispose, answers are ignored and nothing more is read', async () => {
  const core = fakeCore(500);
  const cache = new RowCache(SPEC, core.fetch);
  cache.want(0, 10);
  cache.dispose();
  await core.calls[0]?.answer();
  assert.equal(cache.getSnapshot().total, null);
  cache.markGeneration(5);
  assert.equal(core.calls.length, 1);
});
