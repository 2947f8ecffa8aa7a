/**
 * The queue's own connection during a sync: from one refresh to the next its
 * page is read from one snapshot of the store (the sync's commits in between
 * show at the next refresh, as the index has them), a change made here ends
 * the snapshot at once, so does its age limit, and the connection closes on
 * lock, before a key rotation and before a retention purge.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lookupOf, openEntry, wipeOpened } from '../../src/main/session/keyring-keys.ts';
import { openDatabase, DATABASE_FILE, type Db } from '../../src/main/store/database.ts';
import { readKeyringFile } from '../../src/main/store/keyring.ts';
import { QueueService, READER_CACHE_MIB } from '../../src/main/triage/queue-service.ts';
import type { ReportPayload } from '../../src/intake/contract.ts';
import { utcSeconds } from '../../src/intake/contract.ts';
import { join } from 'node:path';
import { ANALYST, SUPERVISOR, createProfile, value } from '../helpers/store.ts';
import { fixture, type Fixture } from '../sync/fixture.ts';

/** The store's database key, opened from the keyring with the supervisor's passphrase. */
async function storeKey(storeDir: string): Promise<Buffer> {
  const keyring = readKeyringFile(storeDir);
  assert.ok(keyring && keyring.version === 2);
  const lookup = await lookupOf(keyring, SUPERVISOR.name);
  const entry = keyring.entries.find((e) => e.lookup === lookup);
  assert.ok(entry);
  const opened = await openEntry(keyring, entry, SUPERVISOR.passphrase);
  assert.ok(opened);
  const key = Buffer.from(opened.keys.find((k) => k.keyId === keyring.keyId)!.key);
  wipeOpened(opened);
  return key;
}

/** Waits until `done` (polling the event loop), at most 10 s. */
async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A new revision of a stored report on another platform, appended to the service's feed. */
function revise(f: Fixture, reportId: string, platform: string): void {
  const current = JSON.parse(f.core.unlockedStore().db.prepare('SELECT v.payload FROM reports r JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision WHERE r.id = ?').pluck().get(reportId) as string) as ReportPayload;
  const next: ReportPayload = { ...current, revision: current.revision + 1, updated_at: utcSeconds(Date.parse(current.updated_at) + 60_000), content: { ...current.content, platform } };
  f.server.appendRaw('report', JSON.stringify(next));
}

test('during a sync the queue page reads one snapshot from a refresh to the next; a status set here, the age limit and closing end it', async (t) => {
  const f = await fixture(t, { count: 300, attachments: 0 }, { pageLimit: 500 });
  await f.sync();
  const key = await storeKey(f.storeDir);
  t.after(() => key.fill(0));
  const readers: Db[] = [];
  const changed: number[] = [];
  // A second queue over the same store, told of the sync's pages by hand (as core.ts wires onApplied), with a
  // connection of its own as core.ts gives it.
  const queue = new QueueService(() => f.core.unlockedStore(), {
    emitChanged: (generation) => changed.push(generation),
    openReader: () => {
      const reader = openDatabase(join(f.storeDir, DATABASE_FILE), key, { create: false, readonly: true, cacheMiB: READER_CACHE_MIB });
      readers.push(reader);
      return reader;
    },
    snapshotMaxMs: 2500,
  });
  t.after(() => queue.reset());
  const before = await queue.query({ limit: 5, facets: false, sort: { key: 'id', dir: 'asc' } });
  assert.equal(readers.length, 0, 'no connection of its own outside a sync');
  const db = f.core.unlockedStore().db;

  // A sync page lands: the refresh reads it from a snapshot, which the queries then keep.
  for (let k = 0; k < 40; k++) f.server.appendReport({});
  await f.sync();
  queue.applied(db.prepare('SELECT rowid FROM reports ORDER BY rowid DESC LIMIT 40').pluck().all() as number[]);
  await until(() => changed.length === 1, 'the refresh');
  assert.equal(readers.length, 1);
  const reader = readers[0]!;
  assert.equal(reader.inTransaction, true, 'the snapshot is held after the refresh');
  assert.equal((await queue.query({ limit: 1, facets: false })).total, before.total + 40);

  // The sync commits a new revision of the first row shown: until the queue's next refresh, its page shows the row
  // as the index has it (one snapshot), not the revision committed since.
  const first = before.rows[0]!;
  const otherPlatform = first.platform === 'telegram' ? 'tiktok' : 'telegram';
  revise(f, first.id, otherPlatform);
  await f.sync();
  assert.equal(db.prepare('SELECT platform FROM reports WHERE id = ?').pluck().get(first.id), otherPlatform, 'committed');
  const held = (await queue.query({ limit: 5, facets: false, sort: { key: 'id', dir: 'asc' } })).rows[0]!;
  assert.equal(held.id, first.id);
  assert.equal(held.platform, first.platform, 'read from the snapshot');
  // The next refresh takes a new snapshot: the revision shows, in the page and in the index's counts.
  queue.applied([db.prepare('SELECT rowid FROM reports WHERE id = ?').pluck().get(first.id) as number]);
  await until(() => changed.length === 2, 'the second refresh');
  const revised = (await queue.query({ limit: 5, sort: { key: 'id', dir: 'asc' }, filters: { platform: [otherPlatform] } })).rows.find((row) => row.id === first.id);
  assert.ok(revised, 'in the index under its new platform');
  assert.equal(revised.platform, otherPlatform);
  assert.equal(readers.length, 1, 'the same connection, a new snapshot');
  assert.equal(reader.inTransaction, true);

  // A status set here (on the main connection) ends the snapshot: the page shows it at once.
  const rowid = db.prepare('SELECT rowid FROM reports WHERE id = ?').pluck().get(first.id) as number;
  await value(f.core, 'reports.setStatus', { reportId: first.id, status: 'in_analysis' });
  queue.statusSet([rowid], 'in_analysis', 'ws-rabat-03');
  assert.equal(reader.inTransaction, false, 'released');
  const afterStatus = (await queue.query({ limit: 5, facets: false, sort: { key: 'id', dir: 'asc' } })).rows.find((row) => row.id === first.id);
  assert.equal(afterStatus?.status, 'in_analysis');

  // The age limit: a sync that stalls after a refresh does not keep the snapshot (nor the WAL from its checkpoints).
  for (let k = 0; k < 5; k++) f.server.appendReport({});
  await f.sync();
  queue.applied(db.prepare('SELECT rowid FROM reports ORDER BY rowid DESC LIMIT 5').pluck().all() as number[]);
  await until(() => changed.length === 4, 'the third refresh');
  assert.equal(reader.inTransaction, true);
  await until(() => !reader.inTransaction, 'the age limit');

  // Closed on request (a key rotation, a purge) and on reset (lock); reopened at the next refresh.
  queue.closeReader();
  assert.equal(reader.open, false);
  assert.equal((await queue.query({ limit: 1, facets: false })).total, before.total + 45, 'answered through the main connection');
  queue.applied([rowid]);
  await until(() => changed.length === 5, 'a refresh after the close');
  assert.equal(readers.length, 2);
  queue.reset();
  assert.equal(readers[1]!.open, false, 'closed on reset');
});


test('the core\'s queue opens its own connection during a sync, and closes it before a key rotation and on lock', async (t) => {
  const readers: Db[] = [];
  const f = await fixture(t, { count: 100, attachments: 0 }, { pageLimit: 40, queueReaderOpened: (db) => readers.push(db) });
  await f.sync();
  assert.equal((await value(f.core, 'queue.query', { limit: 1, facets: false })).total, 100);
  assert.equal(readers.length, 0, 'none of its own outside a sync');
  // A slow service: the run lasts past the queue's first refresh (a second after the first page).
  const slowSync = async (reports: number): Promise<void> => {
    for (let k = 0; k < reports; k++) f.server.appendReport({});
    f.server.faults.setLatency(400, ['changes']);
    await f.sync();
    f.server.faults.setLatency(0);
  };
  await slowSync(200);
  assert.equal((await value(f.core, 'queue.query', { limit: 1, facets: false })).total, 300);
  assert.equal(readers.length, 1, 'opened for the refresh during the run');
  assert.equal(readers[0]!.open, true, 'kept for the next run');
  assert.equal(readers[0]!.inTransaction, false, 'no snapshot once the run ended');
  const analyst = await createProfile(f.core, ANALYST);
  await value(f.core, 'profiles.disable', { profileId: analyst.id });
  assert.equal(readers[0]!.open, false, 'closed before the key rotation');
  // The queue still answers, and opens a connection under the new key at the next run's refresh.
  await slowSync(200);
  assert.equal((await value(f.core, 'queue.query', { limit: 1, facets: false })).total, 500);
  assert.equal(readers.length, 2);
  assert.equal(readers[1]!.open, true);
  // A retention purge closes it first (its snapshot would keep the purged pages in the WAL).
  await value(f.core, 'retention.apply', { confirm: true });
  assert.equal(readers[1]!.open, false, 'closed before a purge');
  await slowSync(200);
  assert.equal(readers.length, 3);
  await value(f.core, 'session.lock');
  assert.equal(readers[2]!.open, false, 'closed on lock');
});
