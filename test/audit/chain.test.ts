/**
 * The audit hash chain: migration 12 chains the entries written before it,
 * recordAudit extends it under the write lock, and verification names the
 * first entry that breaks it (changed, missing, inserted, reordered), even
 * when the attacker drops the triggers that forbid editing the journal.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { auditHead, recordAudit } from '../../src/main/audit/audit.ts';
import { verifyAuditChain, walkChain } from '../../src/main/audit/verify.ts';
import { migrationSteps } from '../../src/main/core.ts';
import { GENESIS_HASH, canonicalJson, entryHash } from '../../src/main/store/audit-chain-format.ts';
import { openDatabase, type Db } from '../../src/main/store/database.ts';
import { migrate, migrations } from '../../src/main/store/migrations/index.ts';
import { tempDir } from '../helpers/store.ts';

function freshDb(t: TestContext, target?: number): { db: Db; file: string; key: Buffer } {
  const file = join(tempDir(t), 'store.db');
  const key = randomBytes(32);
  const db = openDatabase(file, key, { create: true });
  t.after(() => db.close());
  migrate(db, migrationSteps, migrations, target ?? migrations.length);
  return { db, file, key };
}

function journal(db: Db, n: number): void {
  for (let i = 0; i < n; i += 1) recordAudit(db, null, i % 3 === 0 ? 'report.reporter_revealed' : 'report.status_set', { reportId: `IBL-2026-${String(i).padStart(7, '0')}`, reason: `r${i}` }, new Date(Date.UTC(2026, 5, 1, 0, 0, i)));
}

const NO_ANCHORS = { key: null, workstationId: null };

test('canonical JSON sorts keys at every depth and the hash covers prev hash and entry', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: null, c: 'x' } }), '{"a":{"c":"x","d":null},"b":1}');
  const entry = { index: 1, at: '2026-06-01T00:00:00.000Z', analystId: null, action: 'store.created', detail: { z: 1, a: 2 } };
  const h = entryHash(GENESIS_HASH, entry);
  assert.match(h, /^[0-9a-f]{64}$/);
  assert.equal(entryHash(GENESIS_HASH, { ...entry, detail: { a: 2, z: 1 } }), h, 'key order does not matter');
  assert.notEqual(entryHash('1'.repeat(64), entry), h);
  assert.notEqual(entryHash(GENESIS_HASH, { ...entry, index: 2 }), h);
  assert.notEqual(entryHash(GENESIS_HASH, { ...entry, analystId: 'a' }), h);
});

test('migration 12 chains the entries already written, in order, and forbids edits', (t) => {
  const { db } = freshDb(t, 11);
  const insert = db.prepare('INSERT INTO audit_events (at, analyst_id, action, detail) VALUES (?, NULL, ?, ?)');
  insert.run('2026-01-01T00:00:00.000Z', 'store.created', '{"schemaVersion":1}');
  insert.run('2026-01-01T00:00:01.000Z', 'session.unlocked', '{}');
  db.prepare('DELETE FROM audit_events WHERE id = 2').run();
  insert.run('2026-01-01T00:00:02.000Z', 'session.locked', '{"reason":"manual"}');
  migrate(db, migrationSteps, migrations, 12);
  const rows = db.prepare('SELECT id, prev_hash, hash, action FROM audit_events ORDER BY id').all() as { id: number; prev_hash: string; hash: string; action: string }[];
  assert.deepEqual(rows.map((r) => [r.id, r.action]), [[1, 'store.created'], [2, 'session.locked']], 'renumbered without gap');
  assert.equal(rows[0]!.prev_hash, GENESIS_HASH);
  assert.equal(rows[1]!.prev_hash, rows[0]!.hash);
  assert.equal(verifyAuditChain(db, NO_ANCHORS).ok, true);
  assert.throws(() => db.prepare("UPDATE audit_events SET action = 'x' WHERE id = 1").run(), /never changed/);
  assert.throws(() => db.prepare('DELETE FROM audit_events WHERE id = 1').run(), /never deleted/);
  recordAudit(db, null, 'session.unlocked');
  assert.equal(auditHead(db).index, 3);
  assert.equal(verifyAuditChain(db, NO_ANCHORS).verified_up_to, 3);
});

test('two connections writing at once extend one chain, never fork it', (t) => {
  const { db, file, key } = freshDb(t);
  const other = openDatabase(file, key, { create: false });
  t.after(() => other.close());
  // A deferred transaction on the other connection reads the head, then this one writes.
  const stale = other.transaction(() => {
    auditHead(other);
    recordAudit(db, null, 'session.unlocked');
    recordAudit(other, null, 'session.locked', { reason: 'manual' });
  });
  assert.throws(() => stale(), /SQLITE_BUSY|database is locked/);
  recordAudit(other, null, 'session.locked', { reason: 'manual' });
  for (let i = 0; i < 20; i += 1) recordAudit(i % 2 ? db : other, null, 'session.unlocked');
  const result = verifyAuditChain(db, NO_ANCHORS);
  assert.equal(result.ok, true, JSON.stringify(result.problems));
  assert.equal(result.entries, 22);
});

function dropTriggers(db: Db): void {
  db.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
}

test('an edited entry is named as changed', (t) => {
  const { db } = freshDb(t);
  journal(db, 10);
  dropTriggers(db);
  db.prepare("UPDATE audit_events SET detail = json_set(detail, '$.reason', 'nothing to see') WHERE id = 4").run();
  const result = verifyAuditChain(db, NO_ANCHORS);
  assert.equal(result.ok, false);
  assert.deepEqual(result.problems.map((p) => [p.code, p.index]), [['changed', 4]]);
  assert.equal(result.verified_up_to, 3);
});

test('a deleted entry is named as missing, also once the rest is renumbered', (t) => {
  const { db } = freshDb(t);
  journal(db, 10);
  dropTriggers(db);
  db.prepare('DELETE FROM audit_events WHERE id = 6').run();
  assert.deepEqual(walkChain(db).problem && [walkChain(db).problem!.code, walkChain(db).problem!.index], ['missing', 6]);
  db.prepare('UPDATE audit_events SET id = id - 1 WHERE id > 6').run();
  const result = verifyAuditChain(db, NO_ANCHORS);
  assert.deepEqual(result.problems.map((p) => [p.code, p.index]), [['missing', 6]]);
  assert.match(result.problems[0]!.message, /written as entry 7/);
});

test('an entry slipped in is named as inserted; swapped entries as reordered', (t) => {
  const { db } = freshDb(t);
  journal(db, 10);
  dropTriggers(db);
  // Inserted at the end of the table but chained between 4 and 5, the ids shifted up to make room.
  const four = db.prepare('SELECT hash FROM audit_events WHERE id = 4').pluck().get() as string;
  for (let id = 10; id >= 5; id -= 1) db.prepare('UPDATE audit_events SET id = ? WHERE id = ?').run(id + 1, id);
  const fake = { index: 5, at: '2026-06-01T00:00:04.500Z', analystId: null, action: 'session.unlocked', detail: {} };
  db.prepare("INSERT INTO audit_events (id, at, analyst_id, action, detail, prev_hash, hash) VALUES (5, ?, NULL, 'session.unlocked', '{}', ?, ?)").run(fake.at, four, entryHash(four, fake));
  assert.deepEqual(verifyAuditChain(db, NO_ANCHORS).problems.map((p) => [p.code, p.index]), [['inserted', 5]]);

  const second = freshDb(t).db;
  journal(second, 10);
  dropTriggers(second);
  // Entries 3 and 7 swap places (their ids with them, so each still holds its own index).
  second.exec('UPDATE audit_events SET id = 1003 WHERE id = 3; UPDATE audit_events SET id = 3 WHERE id = 7; UPDATE audit_events SET id = 7 WHERE id = 1003;');
  const swapped = verifyAuditChain(second, NO_ANCHORS);
  assert.equal(swapped.ok, false);
  assert.deepEqual(swapped.problems.map((p) => [p.code, p.index]), [['reordered', 3]]);
});

test('entries renumbered into another order are named as reordered', (t) => {
  const { db } = freshDb(t);
  journal(db, 6);
  dropTriggers(db);
  // Rows keep their stored hashes but entry 5's row comes before entry 4's: its prev points forward.
  const rows = db.prepare('SELECT * FROM audit_events ORDER BY id').all() as Record<string, unknown>[];
  db.exec('DELETE FROM audit_events WHERE id >= 4');
  const put = db.prepare('INSERT INTO audit_events (id, at, analyst_id, action, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const reinsert = (id: number, row: Record<string, unknown>): void => void put.run(id, row['at'], row['analyst_id'], row['action'], row['detail'], row['prev_hash'], row['hash']);
  // 4 and 5 exchanged, each recomputed at its new index (an attacker keeping the hashes consistent).
  const five = rows[4]!;
  const four = rows[3]!;
  const h4 = entryHash(String(five['prev_hash']), { index: 4, at: String(five['at']), analystId: null, action: String(five['action']), detail: JSON.parse(String(five['detail'])) });
  put.run(4, five['at'], null, five['action'], five['detail'], five['prev_hash'], h4);
  reinsert(5, four);
  reinsert(6, rows[5]!);
  const result = verifyAuditChain(db, NO_ANCHORS);
  assert.deepEqual(result.problems.map((p) => [p.code, p.index]), [['reordered', 4]]);
});
