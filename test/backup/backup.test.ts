/**
 * Backups proved by restoring them: the drill (back up during a sync, destroy
 * the store, restore, compare every table row for row, unlock with the same
 * passphrase), verification, the recovery key, and what is refused.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test, { type TestContext } from 'node:test';
import { createBackup, restoreBackup, storeDatabaseKey, verifyBackup, BackupRefused } from '../../src/main/backup/backup.ts';
import { BackupFormatError, readBackupHeader } from '../../src/main/backup/format.ts';
import { formatRecoveryKey, generateRecoveryKey, parseRecoveryKey, RecoveryKeyFormatError } from '../../src/main/backup/recovery-key.ts';
import { createCore } from '../../src/main/core.ts';
import { TEST_SCRYPT } from '../../src/main/crypto/key-wrap.ts';
import { DATABASE_FILE, openDatabase } from '../../src/main/store/database.ts';
import { listAudit } from '../../src/main/audit/audit.ts';
import { walkChain } from '../../src/main/audit/verify.ts';
import type { SyncStatus } from '../../src/shared/schemas.ts';
import { fixture } from '../sync/fixture.ts';
import { failure, SUPERVISOR, tempDir, value } from '../helpers/store.ts';
import { anyFileHolds, tableDigests } from './helpers.ts';

const CANARY = 'CANARI-note-7f3a9c-سري';

async function storeWithData(t: TestContext) {
  const f = await fixture(t, { seed: 11, count: 40, attachments: 4 }, { pageLimit: 10 });
  await f.sync();
  const { db, analyst } = f.core.unlockedStore();
  const ids = db.prepare('SELECT id FROM reports ORDER BY rowid LIMIT 3').pluck().all() as string[];
  const view = await value(f.core, 'cases.create', { title: 'Réseau — apologie', reportIds: ids });
  await value(f.core, 'notes.add', { target: { caseRef: view.ref }, text: `Note d'analyse ${CANARY}` });
  await value(f.core, 'evidence.import', { target: { caseRef: view.ref }, fileName: 'capture-compte.txt', base64: Buffer.from(`Capture ${CANARY}`).toString('base64'), via: 'cli' });
  const evidence = await value(f.core, 'evidence.list', { target: { caseRef: view.ref } });
  assert.ok(evidence.items.length > 0, 'the case has evidence items (its signed originals)');
  const recovery = generateRecoveryKey(db, analyst.id, new Date());
  return { f, recovery, caseRef: view.ref };
}

test('recovery key: printed in 14 groups of 4, typos caught by the checksum, look-alike digits forgiven', () => {
  const key = Buffer.alloc(32, 7);
  const printed = formatRecoveryKey(key);
  assert.match(printed, /^([A-Z2-7]{4}-){13}[A-Z2-7]{4}$/);
  assert.deepEqual(parseRecoveryKey(printed.toLowerCase().replaceAll('-', ' ')), key);
  const forgiving = printed.replaceAll('O', '0').replaceAll('I', '1').replaceAll('B', '8');
  assert.deepEqual(parseRecoveryKey(forgiving), key);
  const typo = printed.slice(0, 5) + (printed[5] === 'A' ? 'C' : 'A') + printed.slice(6);
  assert.throws(() => parseRecoveryKey(typo), RecoveryKeyFormatError);
  assert.throws(() => parseRecoveryKey(printed.slice(0, -5)), RecoveryKeyFormatError);
});

test('restore drill: a backup made during a sync, the store destroyed, restored, every table equal row for row, the same passphrase unlocks', async (t) => {
  const { f, recovery } = await storeWithData(t);
  const outDir = tempDir(t, 'iblagh-backups-');
  const key = await storeDatabaseKey(f.storeDir, SUPERVISOR.name, SUPERVISOR.passphrase);
  t.after(() => key.fill(0));
  // This desktop offers the last login name on its lock screen (kept in keyring.json): a backup must not carry it.
  await value(f.core, 'session.lastLogin', { remember: true });
  await value(f.core, 'session.lock');
  await value(f.core, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
  assert.ok(readFileSync(join(f.storeDir, 'keyring.json'), 'utf8').includes(SUPERVISOR.name));
  const { db, analyst } = f.core.unlockedStore();

  // 1. During a sync run: the worker writes through its own connection while VACUUM INTO reads a snapshot.
  for (let i = 0; i < 300; i++) f.server.appendReport();
  const startCursor = (await value(f.core, 'sync.status')).cursor;
  const midRun = new Promise<void>((resolve) => {
    const off = f.core.onEvent((event, payload) => {
      if (event === 'sync.progress' && (payload as SyncStatus).running && (payload as SyncStatus).cursor > startCursor) {
        off();
        resolve();
      }
    });
  });
  await value(f.core, 'sync.start');
  await midRun;
  const during = await createBackup({ db, databaseKey: key, storeDir: f.storeDir, analystId: analyst.id, out: join(outDir, 'during.iblagh-backup'), now: new Date() });
  const stillRunning = (await value(f.core, 'sync.status')).running;
  await f.core.syncIdle();
  assert.equal(stillRunning, true, 'the backup was made while the sync was running');
  const checked = await verifyBackup(during.file, { passphrase: SUPERVISOR.passphrase });
  assert.equal(checked.ok, true, checked.problems.join('; '));
  assert.equal(checked.openedWith, 'passphrase');
  const finalReports = db.prepare('SELECT count(*) FROM reports').pluck().get() as number;
  assert.ok(checked.counts.reports > 40 && checked.counts.reports < finalReports, `a snapshot in the middle of the run: ${checked.counts.reports} of ${finalReports} reports`);

  // 2. The drill, on a quiet store: digests taken just before the backup.
  const before = tableDigests(db);
  const lastAuditBefore = (db.prepare('SELECT max(id) FROM audit_events').pluck().get() as number);
  const made = await createBackup({ db, databaseKey: key, storeDir: f.storeDir, analystId: analyst.id, out: join(outDir, 'drill.iblagh-backup'), now: new Date() });
  assert.equal(made.recoveryKey, recovery.fingerprint);
  assert.ok(made.profiles >= 1, 'the key is sealed to the profile');
  const created = listAudit(db, { limit: 5 }).events.find((e) => e.action === 'backup.created');
  assert.equal(created?.detail['sha256'], made.sha256);

  // Never a plaintext copy: not in the backup, and nothing else left beside it.
  assert.equal(anyFileHolds(outDir, CANARY), null);
  assert.deepEqual(readdirSync(outDir).sort(), ['drill.iblagh-backup', 'during.iblagh-backup']);
  const header = readBackupHeader(made.file).header;
  assert.equal(header.schemaVersion, db.pragma('user_version', { simple: true }));
  assert.equal(JSON.stringify(header).includes(SUPERVISOR.name), false, 'the header names nobody');

  f.core.close();
  rmSync(f.storeDir, { recursive: true, force: true });
  assert.equal(existsSync(f.storeDir), false);

  const restoredDir = join(tempDir(t, 'iblagh-restored-'), 'store');
  const summary = await restoreBackup({ file: made.file, storeDir: restoredDir, credentials: { passphrase: SUPERVISOR.passphrase, loginName: SUPERVISOR.name }, now: new Date() });
  assert.equal(summary.openedWith, 'passphrase');
  assert.equal(summary.newSupervisor, null);

  const restored = openDatabase(join(restoredDir, DATABASE_FILE), key, { create: false, readonly: true });
  const after = tableDigests(restored);
  for (const [table, digest] of before) {
    if (table === 'audit_events') continue;
    assert.deepEqual(after.get(table), digest, `table ${table} differs after the restore`);
  }
  assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
  for (const table of ['reports', 'report_revisions', 'attachments', 'cases', 'case_reports', 'notes', 'evidence_items', 'evidence_blobs', 'evidence_custody', 'audit_events']) {
    assert.ok((before.get(table)?.rows ?? 0) > 0, `${table} is not empty in the drill`);
  }
  // Every audit entry up to the backup, row for row; then the restore itself.
  const auditRows = (d: typeof restored, max: number) => JSON.stringify(d.prepare('SELECT * FROM audit_events WHERE id <= ? ORDER BY id').raw().all(max));
  const restoredAudit = auditRows(restored, lastAuditBefore);
  const restoredEvents = restored.prepare('SELECT action, detail FROM audit_events WHERE id > ? ORDER BY id').all(lastAuditBefore) as { action: string; detail: string }[];
  // The audit journal's hash chain holds across the restore, its new entry included.
  const chain = walkChain(restored);
  restored.close();
  assert.equal(chain.problem, null);
  assert.equal(chain.verifiedUpTo, chain.entries);
  assert.deepEqual(restoredEvents.map((e) => e.action), ['backup.restored']);
  assert.equal(JSON.parse(restoredEvents[0]!.detail).via, 'passphrase');
  assert.ok(restoredAudit.length > 2);

  // The same profile unlocks the restored store with its own passphrase.
  const core = createCore({ storeDir: restoredDir, host: 'cli', version: 'test', scrypt: TEST_SCRYPT });
  t.after(() => core.close());
  const state = await value(core, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
  assert.equal(state.phase, 'unlocked');
  assert.equal(anyFileHolds(restoredDir, CANARY), null, 'the restored store is encrypted on disk');
});

test('verify: with the recovery key; a changed byte of the database or the header is refused; restore goes only into an empty folder', async (t) => {
  const { f, recovery } = await storeWithData(t);
  const outDir = tempDir(t, 'iblagh-backups-');
  const key = await storeDatabaseKey(f.storeDir, undefined, SUPERVISOR.passphrase);
  t.after(() => key.fill(0));
  const { db, analyst } = f.core.unlockedStore();
  const file = join(outDir, 'b.iblagh-backup');
  await createBackup({ db, databaseKey: key, storeDir: f.storeDir, analystId: analyst.id, out: file, now: new Date() });
  await assert.rejects(createBackup({ db, databaseKey: key, storeDir: f.storeDir, analystId: analyst.id, out: file, now: new Date() }), BackupRefused, 'never replaces a file');

  const withRecovery = await verifyBackup(file, { recoveryKey: parseRecoveryKey(recovery.printed) });
  assert.equal(withRecovery.ok, true);
  assert.equal(withRecovery.openedWith, 'recovery_key');
  assert.ok(withRecovery.counts.reports > 0 && withRecovery.counts.cases === 1 && withRecovery.counts.auditEvents > 0);

  await assert.rejects(verifyBackup(file, { passphrase: 'not the passphrase at all 99' }), (error: Error & { code?: string }) => error.code === 'WRONG_PASSPHRASE');
  await assert.rejects(verifyBackup(file, { recoveryKey: Buffer.alloc(32, 1) }), BackupRefused);

  const bytes = readFileSync(file);
  const read = readBackupHeader(file);
  // A byte of the database.
  const damaged = Buffer.from(bytes);
  damaged[read.databaseOffset + 5000] = (damaged[read.databaseOffset + 5000] ?? 0) ^ 0x40;
  writeFileSync(join(outDir, 'damaged'), damaged);
  await assert.rejects(verifyBackup(join(outDir, 'damaged'), { passphrase: SUPERVISOR.passphrase }), BackupFormatError);
  // A byte of the header (the creation date's year) still parses but fails the authentication code.
  const text = bytes.toString('latin1');
  const at = text.indexOf('"createdAt":"') + '"createdAt":"'.length + 3;
  const edited = Buffer.from(bytes);
  edited[at] = edited[at] === 0x36 ? 0x37 : 0x36;
  writeFileSync(join(outDir, 'edited'), edited);
  await assert.rejects(verifyBackup(join(outDir, 'edited'), { passphrase: SUPERVISOR.passphrase }), /altered/);
  // Truncated.
  writeFileSync(join(outDir, 'short'), bytes.subarray(0, bytes.length - 100));
  await assert.rejects(verifyBackup(join(outDir, 'short'), { passphrase: SUPERVISOR.passphrase }), BackupFormatError);
  writeFileSync(join(outDir, 'other'), 'SQLite format 3\0');
  await assert.rejects(verifyBackup(join(outDir, 'other'), { passphrase: SUPERVISOR.passphrase }), /not an Iblagh Workstation backup/);

  // Restore: a folder that is not empty is refused and left alone; a failed restore leaves an empty folder.
  const busy = tempDir(t, 'iblagh-busy-');
  writeFileSync(join(busy, 'something'), 'x');
  await assert.rejects(restoreBackup({ file, storeDir: busy, credentials: { passphrase: SUPERVISOR.passphrase }, now: new Date() }), /not empty/);
  assert.deepEqual(readdirSync(busy), ['something']);
  const empty = tempDir(t, 'iblagh-empty-');
  await assert.rejects(restoreBackup({ file, storeDir: empty, credentials: { passphrase: 'not the passphrase at all 99' }, now: new Date() }));
  assert.deepEqual(readdirSync(empty), []);
  await assert.rejects(restoreBackup({ file: join(outDir, 'damaged'), storeDir: empty, credentials: { passphrase: SUPERVISOR.passphrase }, now: new Date() }), BackupFormatError);
  assert.deepEqual(readdirSync(empty), []);
});

test('restore with the recovery key when no passphrase is left: a new supervisor, who unlocks it; audited', async (t) => {
  const { f, recovery } = await storeWithData(t);
  const key = await storeDatabaseKey(f.storeDir, undefined, SUPERVISOR.passphrase);
  t.after(() => key.fill(0));
  const { db, analyst } = f.core.unlockedStore();
  const file = join(tempDir(t, 'iblagh-backups-'), 'b.iblagh-backup');
  await createBackup({ db, databaseKey: key, storeDir: f.storeDir, analystId: analyst.id, out: file, now: new Date() });
  f.core.close();

  const target = join(tempDir(t, 'iblagh-restored-'), 'store');
  mkdirSync(target);
  const newcomer = { name: 'Samira Ouazzani', service: 'BNPJ Rabat', passphrase: 'grenade sable horizon 58 phare', locale: 'ar' as const };
  await assert.rejects(restoreBackup({ file, storeDir: target, credentials: { recoveryKey: parseRecoveryKey(recovery.printed) }, now: new Date() }), /new supervisor/);
  await assert.rejects(
    restoreBackup({ file, storeDir: target, credentials: { recoveryKey: parseRecoveryKey(recovery.printed) }, newSupervisor: { ...newcomer, name: SUPERVISOR.name }, scrypt: TEST_SCRYPT, now: new Date() }),
    /already exists/,
  );
  assert.deepEqual(readdirSync(target), []);
  const summary = await restoreBackup({ file, storeDir: target, credentials: { recoveryKey: parseRecoveryKey(recovery.printed) }, newSupervisor: newcomer, scrypt: TEST_SCRYPT, now: new Date() });
  assert.equal(summary.openedWith, 'recovery_key');
  assert.equal(summary.profiles, 2);

  const core = createCore({ storeDir: target, host: 'cli', version: 'test', scrypt: TEST_SCRYPT });
  t.after(() => core.close());
  const state = await value(core, 'session.unlock', { name: newcomer.name, passphrase: newcomer.passphrase });
  assert.equal(state.phase, 'unlocked');
  if (state.phase === 'unlocked') assert.equal(state.analyst.role, 'supervisor');
  const events = listAudit(core.unlockedStore().db, { limit: 10 }).events.map((e) => e.action);
  assert.ok(events.includes('backup.restored') && events.includes('profile.created'));
  await value(core, 'session.lock');
  // The old profile's passphrase still opens it too (its keyring entry came with the backup).
  assert.equal((await value(core, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase })).phase, 'unlocked');
  await value(core, 'session.lock');
  assert.equal((await failure(core, 'session.unlock', { name: SUPERVISOR.name, passphrase: 'not the passphrase at all 99' })).code, 'WRONG_PASSPHRASE');
});

test('a store without a recovery key refuses to back up, so that every backup can be recovered', async (t) => {
  const f = await fixture(t, { seed: 3, count: 5, attachments: 0 });
  const key = await storeDatabaseKey(f.storeDir, undefined, SUPERVISOR.passphrase);
  t.after(() => key.fill(0));
  const { db, analyst } = f.core.unlockedStore();
  const out = join(tempDir(t), 'b.iblagh-backup');
  await assert.rejects(createBackup({ db, databaseKey: key, storeDir: f.storeDir, analystId: analyst.id, out, now: new Date() }), /recovery key/);
  assert.equal(existsSync(out), false);
});

test("SQLite3 Multiple Ciphers refuses the backup API to a destination without the store's key: no plaintext copy can be made that way", async (t) => {
  const f = await fixture(t, { seed: 3, count: 5, attachments: 0 });
  const out = join(tempDir(t), 'plain.db');
  await assert.rejects(f.core.unlockedStore().db.backup(out), /not supported with incompatible source and target/);
  assert.equal(existsSync(out) ? readFileSync(out).length : 0, 0);
});
