/** The write gate between the thread that answers the renderer and the sync worker (sync/write-gate.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { passGate, readSnapshot } from '../../src/main/api/dispatch.ts';
import { openDatabase } from '../../src/main/store/database.ts';
import { WriteGate } from '../../src/main/sync/write-gate.ts';
import { channels } from '../../src/shared/contract.ts';
import { fixture } from './fixture.ts';

test('a request waits for the transaction under way, and the worker starts none while a request runs (each bounded)', () => {
  const gate = new WriteGate();
  let started = performance.now();
  gate.enter(0);
  gate.hold(() => assert.ok(performance.now() - started >= 25, 'the request waited for the transaction'), 30);
  gate.leave();
  started = performance.now();
  gate.hold(() => assert.ok(performance.now() - started < 25, 'no transaction: no wait'));
  gate.hold(() => {
    const entered = performance.now();
    gate.enter(30);
    assert.ok(performance.now() - entered >= 25, 'the worker waited for the request, then went on at its deadline');
    gate.leave();
  });
  started = performance.now();
  gate.enter(30);
  assert.ok(performance.now() - started < 25, 'no request: the worker goes straight on');
  gate.leave();
});

test('across threads: a request runs only once the worker has committed, and the worker resumes after it', async () => {
  const gate = new WriteGate();
  const log = new Int32Array(new SharedArrayBuffer(8));
  const worker = new Worker(
    `
    const { workerData, parentPort } = require('node:worker_threads');
    const cells = new Int32Array(workerData.gate, 0, 2);
    const log = new Int32Array(workerData.log);
    // enter(): announce, then look for requests (as WriteGate does).
    Atomics.store(cells, 1, 1);
    parentPort.postMessage('in');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 80); // an 80 ms transaction
    Atomics.store(log, 0, 1); // committed
    Atomics.store(cells, 1, 0);
    Atomics.notify(cells, 1);
    `,
    { eval: true, workerData: { gate: gate.buffer, log: log.buffer } },
  );
  await new Promise((resolve) => worker.once('message', resolve));
  gate.hold(() => assert.equal(Atomics.load(log, 0), 1, 'the request ran after the worker committed'), 5_000);
  await new Promise((resolve) => worker.once('exit', resolve));
});

test("a channel that only reads passes while the sync's transaction is under way; one that may write waits for it", () => {
  const gate = new WriteGate();
  const hold = passGate(gate);
  gate.enter(0); // the worker's transaction
  let started = performance.now();
  hold(() => assert.ok(performance.now() - started < 25, 'the read did not wait'), true);
  started = performance.now();
  hold(() => assert.ok(performance.now() - started >= 150, 'the write waited for the transaction (up to 200 ms)'), false);
  gate.leave();
});

test('a read-only channel reads one snapshot: a commit between two of its statements is not seen halfway', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'iblagh-snapshot-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const key = randomBytes(32);
  const main = openDatabase(join(dir, 'store.db'), key, { create: true });
  main.exec('CREATE TABLE items (n INTEGER)');
  const writer = openDatabase(join(dir, 'store.db'), key, { create: false });
  t.after(() => {
    writer.close();
    main.close();
  });
  const count = (): number => main.prepare('SELECT count(*) FROM items').pluck().get() as number;
  // What a handler does: a count, then (the sync commits meanwhile) a second read.
  const handler = (): [number, number] => {
    const first = count();
    writer.prepare('INSERT INTO items (n) VALUES (1)').run();
    return [first, count()];
  };
  const hold = passGate(new WriteGate(), readSnapshot(() => main));
  const [before, after] = hold(handler, true);
  assert.equal(after, before, 'both reads saw the store as it was at the first');
  assert.equal(main.inTransaction, false, 'the read transaction ended with the handler');
  assert.equal(count(), before + 1, 'the commit is seen by the next request');
  // Without it (as before), the second read saw the commit.
  const [plainBefore, plainAfter] = passGate(new WriteGate())(handler, true);
  assert.equal(plainAfter, plainBefore + 1);
  // A handler that throws ends its read transaction; a locked store (no connection) runs the handler as it is.
  assert.throws(() => hold(() => {
    count();
    throw new Error('refused');
  }, true), /refused/);
  assert.equal(main.inTransaction, false);
  const locked = readSnapshot(() => {
    throw new Error('locked');
  });
  assert.equal(locked(() => 42), 42);
});

test('the channels marked read-only write nothing to the store', async (t) => {
  const readOnly = Object.entries(channels)
    .filter(([, definition]) => (definition as { readOnly?: true }).readOnly)
    .map(([name]) => name);
  // A channel marked read-only is added here, with a call that exercises it.
  assert.deepEqual(readOnly.sort(), [
    'audit.list',
    'audit.search',
    'cases.forReport',
    'cases.get',
    'cases.list',
    'cases.recent',
    'dashboard.get',
    'dossiers.history',
    'dossiers.overview',
    'hashlists.list',
    'intake.get',
    'jurisdiction.table',
    'legal.table',
    'notes.list',
    'observables.list',
    'observables.page',
    'queue.query',
    'queue.views',
    'reports.get',
    'settings.get',
    'sync.outbox',
    'sync.quarantine',
    'sync.status',
    'triage.settings',
  ]);
  const f = await fixture(t, { count: 40, attachments: 0 });
  await f.sync();
  const { db } = f.core.unlockedStore();
  const saved = await f.core.dispatch('queue.saveView', { name: 'Urgent', state: { filters: { imminentDanger: true }, sort: { key: 'priority', dir: 'desc' }, grouping: 'reports', columns: ['id'] } });
  assert.equal(saved.ok, true, JSON.stringify(saved));
  const reportId = (db.prepare('SELECT id FROM reports ORDER BY rowid LIMIT 1').get() as { id: string }).id;
  // A case with a report and a note, for the case screen's channels (made before counting).
  const created = await f.core.dispatch('cases.create', { title: 'Comptes liés', reportIds: [reportId] });
  assert.equal(created.ok, true, JSON.stringify(created));
  const ref = (created as { value: { ref: string } }).value.ref;
  assert.equal((await f.core.dispatch('notes.add', { target: { caseRef: ref }, text: 'Constat du compte signalé.' })).ok, true);
  const changes = (): number => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const before = changes();
  for (const query of [{}, { filters: { openOnly: true }, grouping: 'clusters' }, { filters: { search: 'telegram' }, sort: { key: 'deadline', dir: 'desc' } }]) {
    const page = await f.core.dispatch('queue.query', query);
    assert.equal(page.ok, true, JSON.stringify(page));
  }
  const views = await f.core.dispatch('queue.views', undefined);
  assert.equal(views.ok && (views.value as unknown[]).length, 1);
  const status = await f.core.dispatch('sync.status', undefined);
  assert.equal(status.ok && (status.value as { reports: number }).reports, 40);
  // The screens read during a sync: the dashboard, a report, the sync screen's lists, cases, the journal, settings.
  const calls: [string, unknown][] = [
    ['dashboard.get', { days: 30 }],
    ['reports.get', { reportId }],
    ['sync.quarantine', {}],
    ['sync.outbox', {}],
    ['cases.list', {}],
    ['cases.recent', undefined],
    ['audit.list', {}],
    ['settings.get', undefined],
    ['triage.settings', undefined],
    ['intake.get', undefined],
    // The case screen, its notes and observables; referrals; reference tables; the journal's search.
    ['cases.get', { ref }],
    ['cases.forReport', { reportId }],
    ['notes.list', { target: { caseRef: ref } }],
    ['observables.list', { caseRef: ref }],
    ['observables.list', { reportId }],
    ['observables.page', { caseRef: ref }],
    ['dossiers.history', { ref }],
    ['dossiers.overview', undefined],
    ['hashlists.list', undefined],
    ['legal.table', undefined],
    ['jurisdiction.table', undefined],
    ['audit.search', {}],
  ];
  for (const [channel, input] of calls) {
    const answer = await f.core.dispatch(channel as never, input as never);
    assert.equal(answer.ok, true, `${channel}: ${JSON.stringify(answer).slice(0, 200)}`);
  }
  assert.deepEqual([...new Set([...calls.map(([channel]) => channel), 'queue.query', 'queue.views', 'sync.status'])].sort(), readOnly, 'every read-only channel is called here');
  assert.equal(changes(), before, 'no row written by the main connection');
});
