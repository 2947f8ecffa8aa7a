import { migrationSteps } from '../../src/main/core.ts';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { AppError } from '../../src/main/errors.ts';
import { openDatabase, type Db } from '../../src/main/store/database.ts';
import { checkMigrationOrder, LATEST_VERSION, migrate, migrations, schemaVersion, type Migration } from '../../src/main/store/migrations/index.ts';
import { tempDir } from '../helpers/store.ts';

function freshDb(t: Parameters<typeof tempDir>[0]): Db {
  const db = openDatabase(join(tempDir(t), 'store.db'), randomBytes(32), { create: true });
  t.after(() => db.close());
  return db;
}

function tables(db: Db): { name: string; sql: string }[] {
  return db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string; sql: string }[];
}

test('migration 1 creates store_meta, analysts and settings as STRICT tables', (t) => {
  const db = freshDb(t);
  assert.deepEqual(migrate(db, migrationSteps, migrations, 1), [1]);
  assert.equal(schemaVersion(db), 1);
  const created = tables(db);
  assert.deepEqual(created.map((row) => row.name), ['analysts', 'settings', 'store_meta']);
  for (const row of created) assert.match(row.sql, /\)\s*STRICT$/);
  assert.throws(() => db.prepare("INSERT INTO analysts (id, name, service, role, locale, created_at) VALUES ('a', 'N', 'S', 'admin', 'fr', 'x')").run(), /CHECK constraint/);
});

test('migration 2 adds the audit trail on top of version 1', (t) => {
  const db = freshDb(t);
  migrate(db, migrationSteps, migrations, 1);
  assert.deepEqual(migrate(db, migrationSteps, migrations, 2), [2]);
  assert.equal(schemaVersion(db), 2);
  const audit = tables(db).find((row) => row.name === 'audit_events');
  assert.ok(audit);
  assert.match(audit.sql, /STRICT$/);
  assert.throws(() => db.prepare("INSERT INTO audit_events (at, action, detail) VALUES ('x', 'y', 'not json')").run(), /CHECK constraint/);
});

test('migration 3 adds the intake sync tables on top of version 2', (t) => {
  const db = freshDb(t);
  migrate(db, migrationSteps, migrations, 2);
  assert.deepEqual(migrate(db, migrationSteps, migrations, 3), [3]);
  const created = tables(db).filter((row) => !['analysts', 'settings', 'store_meta', 'audit_events'].includes(row.name));
  assert.deepEqual(created.map((row) => row.name), ['attachments', 'outbox', 'quarantine', 'report_revisions', 'reports', 'status_changes', 'sync_state']);
  for (const row of created) assert.match(row.sql, /STRICT$/);
  // A change is quarantined once however often it is delivered.
  const insert = db.prepare("INSERT OR IGNORE INTO quarantine (seq, kind, reason_code, reason, received_at) VALUES (?, 'report', 'signature', 'bad signature', 'now')");
  assert.equal(insert.run(41).changes, 1);
  assert.equal(insert.run(41).changes, 0);
  assert.throws(() => db.prepare("INSERT INTO attachments (id, report_id, filename, media_type, size, sha256, state) VALUES ('a', 'r', 'f', 'image/png', 1, 'x', 'lost')").run(), /CHECK constraint/);
});

test('migrating twice applies nothing the second time', (t) => {
  const db = freshDb(t);
  assert.deepEqual(migrate(db, migrationSteps), [...Array(LATEST_VERSION).keys()].map((i) => i + 1));
  assert.deepEqual(migrate(db, migrationSteps), []);
});

test('a failing migration leaves the store at the previous version, with nothing of it applied', (t) => {
  const db = freshDb(t);
  const broken: Migration = {
    version: LATEST_VERSION + 1,
    name: 'broken',
    up(d) {
      d.exec('CREATE TABLE half_done (x TEXT) STRICT');
      throw new Error('boom');
    },
  };
  assert.throws(() => migrate(db, migrationSteps, [...migrations, broken]), /boom/);
  assert.equal(schemaVersion(db), LATEST_VERSION);
  assert.equal(tables(db).some((row) => row.name === 'half_done'), false);
});

test('a store from a newer version is refused with a clear error', (t) => {
  const db = freshDb(t);
  migrate(db, migrationSteps);
  db.pragma(`user_version = ${LATEST_VERSION + 5}`);
  assert.throws(
    () => migrate(db, migrationSteps),
    (error: unknown) => error instanceof AppError && error.code === 'STORE_TOO_NEW' && /newer Iblagh Workstation/.test(error.message),
  );
});

test('migration versions must run 1, 2, 3 without gaps', () => {
  assert.doesNotThrow(() => checkMigrationOrder(migrations));
  const [first] = migrations;
  assert.ok(first);
  assert.throws(() => checkMigrationOrder([first, { ...first, version: 3 }]), /expected 2/);
});
