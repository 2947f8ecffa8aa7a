/**
 * Observables are indexed after the feed, in the same sync run
 * (reports/observable-index.ts): what the run leaves, what a stopped indexing
 * leaves, and a revision that changes what a report points at.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { indexPendingObservables, pendingObservableCount } from '../../src/main/reports/observable-index.ts';
import type { Db } from '../../src/main/store/database.ts';
import { SignatureVerifier } from '../../src/main/sync/signature-verifier.ts';
import type { SyncStatus } from '../../src/shared/schemas.ts';
import { value } from '../helpers/store.ts';
import { fixture } from './fixture.ts';

function snapshot(db: Db) {
  return {
    links: db.prepare('SELECT o.type, o.value, ro.report_rowid FROM report_observables ro JOIN observables o ON o.id = ro.observable_id ORDER BY 1, 2, 3').raw().all(),
    counts: db.prepare('SELECT type, value, report_count FROM observables WHERE report_count > 0 ORDER BY 1, 2').raw().all(),
    ids: db.prepare('SELECT rowid, observable_ids FROM reports ORDER BY rowid').raw().all(),
  };
}

/** Links and counts agree both ways, and every report is indexed. */
function assertConsistent(db: Db): void {
  assert.equal(pendingObservableCount(db), 0);
  assert.equal(db.prepare('SELECT count(*) FROM reports WHERE observable_ids IS NULL').pluck().get(), 0);
  assert.deepEqual(db.prepare('SELECT o.id FROM observables o WHERE o.report_count <> (SELECT count(*) FROM report_observables ro WHERE ro.observable_id = o.id)').all(), []);
  const mismatched = db
    .prepare(
      `SELECT r.rowid FROM reports r WHERE (SELECT count(*) FROM json_each(r.observable_ids)) <> (SELECT count(*) FROM report_observables ro WHERE ro.report_rowid = r.rowid)
          OR EXISTS (SELECT 1 FROM json_each(r.observable_ids) j WHERE NOT EXISTS (SELECT 1 FROM report_observables ro WHERE ro.observable_id = j.value AND ro.report_rowid = r.rowid))`,
    )
    .all();
  assert.deepEqual(mismatched, []);
}

async function syncedWithPhases(t: TestContext) {
  const f = await fixture(t, { count: 300, attachments: 0 });
  const seen: SyncStatus[] = [];
  const stop = f.core.onEvent((event, payload) => {
    if (event === 'sync.progress') seen.push(payload as SyncStatus);
  });
  await f.sync();
  stop();
  return { f, seen };
}

test('a sync run stores the feed, then indexes its observables: the run ends with none left to index', async (t) => {
  const { f, seen } = await syncedWithPhases(t);
  const db = f.core.unlockedStore().db;
  assertConsistent(db);
  assert.ok((db.prepare('SELECT count(*) FROM report_observables').pluck().get() as number) > 300);
  // The step is shown while it runs, after the feed: its count reaches what was queued.
  const phases = seen.filter((s) => s.running).map((s) => s.phase);
  assert.ok(phases.includes('observables'), phases.join(' '));
  assert.ok(phases.indexOf('observables') > phases.lastIndexOf('changes'), 'after the feed');
  const last = seen.at(-1)!;
  assert.equal(last.observablesDone, last.observablesTotal, 'the run tells how far its last step went');
  assert.equal(last.observablesTotal, db.prepare('SELECT count(*) FROM reports').pluck().get());
  // The queue's observable filter finds the reports that hold it.
  const popular = db.prepare('SELECT id, report_count FROM observables ORDER BY report_count DESC LIMIT 1').get() as { id: number; report_count: number };
  const page = await value(f.core, 'queue.query', { filters: { observableId: popular.id }, limit: 5 });
  assert.equal(page.total, popular.report_count);
});

test('indexing stopped half way leaves the rest queued; the next pass gives what one pass gives', async (t) => {
  const { f } = await syncedWithPhases(t);
  const db = f.core.unlockedStore().db;
  const whole = snapshot(db);
  db.exec(`DELETE FROM report_observables; UPDATE observables SET report_count = 0; UPDATE reports SET observable_ids = NULL;
           INSERT INTO observables_pending (report_rowid) SELECT rowid FROM reports;`);
  const total = pendingObservableCount(db);
  let batches = 0;
  const committed: number[] = [];
  const first = await indexPendingObservables(db, { batch: 40, shouldStop: () => batches >= 2, onBatch: (rowids) => (batches++, committed.push(...rowids)) });
  assert.equal(first, 80);
  assert.equal(pendingObservableCount(db), total - 80);
  // What was indexed is whole; the rest is not (and reads as "none yet").
  assert.equal(db.prepare('SELECT count(*) FROM reports WHERE observable_ids IS NOT NULL').pluck().get(), 80);
  assert.deepEqual(committed, (db.prepare('SELECT rowid FROM reports ORDER BY rowid LIMIT 80').pluck().all() as number[]));
  // The rest on a second thread (as a sync run extracts them), with the same result.
  const extractor = new SignatureVerifier(f.server.publicKeyPem);
  try {
    assert.equal(await indexPendingObservables(db, { batch: 40, extract: (payloads) => extractor.extractObservables(payloads) }), total - 80);
  } finally {
    await extractor.close();
  }
  assert.deepEqual(snapshot(db), whole);
  assertConsistent(db);
});

test('a new revision of an indexed report drops its old links in the feed and gets the new ones in the observables step', async (t) => {
  const { f } = await syncedWithPhases(t);
  const db = f.core.unlockedStore().db;
  const target = db
    .prepare(
      `SELECT r.rowid, r.id, v.payload FROM reports r JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision
        WHERE json_array_length(r.observable_ids) > 0 ORDER BY r.rowid LIMIT 1`,
    )
    .get() as { rowid: number; id: string; payload: string };
  const before = db.prepare('SELECT o.type, o.value FROM report_observables ro JOIN observables o ON o.id = ro.observable_id WHERE ro.report_rowid = ?').raw().all(target.rowid);
  assert.ok(before.length > 0);
  const payload = JSON.parse(target.payload) as { revision: number; updated_at: string; content: { urls: string[]; description: string; account_handle?: string | null } };
  payload.revision += 1;
  payload.updated_at = new Date(Date.parse(payload.updated_at) + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  payload.content.urls = ['https://revision-unique.example.org/page'];
  payload.content.description = 'Le contenu a changé : voir le lien.';
  delete payload.content.account_handle;
  f.server.appendRaw('report', JSON.stringify(payload));
  const status = await f.sync();
  assert.equal(status.lastError, null);
  const after = (db.prepare('SELECT o.type, o.value FROM report_observables ro JOIN observables o ON o.id = ro.observable_id WHERE ro.report_rowid = ?').raw().all(target.rowid) as [string, string][]).sort();
  assert.deepEqual(after, [['url', 'https://revision-unique.example.org/page'], ['domain', 'example.org']].sort());
  assert.ok(!after.some(([type, v]) => type === 'url' && !v.includes('revision-unique')), `no URL of the old revision is left: ${JSON.stringify(after)}`);
  assertConsistent(db);
});

test('purging the demo reports drops what they left to index', async (t) => {
  const { f } = await syncedWithPhases(t);
  const db = f.core.unlockedStore().db;
  const { purgeDemoReports } = await import('../../src/main/reports/purge.ts');
  db.exec('UPDATE reports SET demo = 1 WHERE rowid % 2 = 0; INSERT INTO observables_pending (report_rowid) SELECT rowid FROM reports WHERE rowid % 2 = 0;');
  db.transaction(() => purgeDemoReports(db))();
  assert.equal(pendingObservableCount(db), 0);
  // A queued report gone by other means is dropped from the queue without links.
  db.exec('INSERT INTO observables_pending (report_rowid) VALUES (999999999)');
  assert.equal(await indexPendingObservables(db), 0);
  assert.equal(pendingObservableCount(db), 0);
});
