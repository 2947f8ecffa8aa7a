/**
 * Disk full during a case edit, a sync and an export: a clear error
 * (DISK_FULL, the sync's disk_full kind), nothing half-written, and the work
 * resumes once space is back.
 *
 * The case edit uses SQLite's `max_page_count` on the connection that answers
 * the renderer. The sync (its worker has its own connection) and the export's
 * files use a real small file system: a tmpfs mounted for the test, grown
 * afterwards (`mount -o remount,size=…`). Mounting needs root (CAP_SYS_ADMIN):
 * elsewhere those two tests are skipped, and say so.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, readdirSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type TestContext } from 'node:test';
import { keyFingerprint } from '../../src/main/crypto/intake-key.ts';
import { isDiskFull } from '../../src/main/errors.ts';
import { writePackage, type PackageFields } from '../../src/main/dossiers/package/write.ts';
import { verifyPackage } from '../../src/main/dossiers/package/verify.ts';
import { integrityProblems } from '../../src/main/store/database.ts';
import { expectedState, fixture, serverFeed } from '../sync/fixture.ts';
import { failure, SUPERVISOR, value } from '../helpers/store.ts';
import { createBackup, storeDatabaseKey, verifyBackup } from '../../src/main/backup/backup.ts';
import { generateRecoveryKey } from '../../src/main/backup/recovery-key.ts';

interface SmallDisk {
  dir: string;
  grow(mebibytes: number): void;
}

/** A tmpfs of `size` (mount's syntax: 512k, 2m) for this test, or null when this process may not mount one. */
function smallDisk(t: TestContext, size: string): SmallDisk | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'iblagh-small-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    rmdirSync(dir);
    return null;
  }
  t.after(() => {
    spawnSync('umount', ['-l', dir]);
    rmdirSync(dir);
  });
  return {
    dir,
    grow(size) {
      const result = spawnSync('mount', ['-o', `remount,size=${size}m`, dir], { encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
    },
  };
}

test('disk full during a case edit: DISK_FULL, the transaction rolled back, the same edit works once space is back', async (t) => {
  const f = await fixture(t, { seed: 5, count: 12, attachments: 0 });
  await f.sync();
  const { db } = f.core.unlockedStore();
  const ids = db.prepare('SELECT id FROM reports ORDER BY rowid LIMIT 2').pluck().all() as string[];
  const view = await value(f.core, 'cases.create', { title: 'Menaces — comptes liés', reportIds: ids });
  const counts = () => ({
    notes: db.prepare('SELECT count(*) FROM notes').pluck().get(),
    audit: db.prepare('SELECT count(*) FROM audit_events').pluck().get(),
    timeline: db.prepare('SELECT count(*) FROM case_events').pluck().get(),
  });
  const before = counts();
  // No page beyond those the file has now (and those on its free list).
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages}`);
  const text = `Analyse détaillée. ${'Les comptes publient les mêmes menaces. '.repeat(1500)}`;
  const full = await failure(f.core, 'notes.add', { target: { caseRef: view.ref }, text });
  assert.equal(full.code, 'DISK_FULL', full.message);
  assert.deepEqual(counts(), before, 'nothing half-written: no note, no audit entry, no timeline event');
  assert.deepEqual(integrityProblems(db), []);

  db.pragma('max_page_count = 1073741823');
  const note = await value(f.core, 'notes.add', { target: { caseRef: view.ref }, text });
  assert.equal(note.text, text);
  assert.equal(counts().notes, (before.notes as number) + 1);
});

test('disk full during a sync: the run stops with disk_full, the cursor never passes what was not stored, and the next run finishes once space is back', async (t) => {
  const disk = smallDisk(t, '2m');
  if (!disk) {
    t.skip('mounting a small tmpfs needs root (CAP_SYS_ADMIN)');
    return;
  }
  const storeDir = join(disk.dir, 'store');
  const f = await fixture(t, { seed: 9, count: 400, attachments: 30 }, { storeDir, pageLimit: 25 });
  const stopped = await f.sync();
  assert.equal(stopped.lastErrorKind, 'disk_full', `expected a full disk, got ${stopped.lastErrorKind}: ${stopped.lastError}`);
  assert.ok(stopped.lastError);
  const feed = await serverFeed(f.server);
  assert.ok(stopped.cursor < feed.at(-1)!.seq, 'the run stopped before the end of the feed');
  const { db } = f.core.unlockedStore();
  assert.deepEqual(integrityProblems(db), []);
  // What the cursor covers is stored: every report revision up to it.
  const upTo = expectedState(feed.filter((c) => c.seq <= stopped.cursor));
  const stored = new Set((db.prepare('SELECT report_id || \'#\' || revision AS r FROM report_revisions').pluck().all() as string[]));
  for (const revision of upTo.revisions) assert.ok(stored.has(revision), `revision ${revision} is below the cursor but was not stored`);

  disk.grow(256);
  const done = await f.sync();
  assert.equal(done.lastError, null);
  assert.equal(done.cursor, feed.at(-1)!.seq);
  const all = expectedState(feed);
  const after = new Set((db.prepare('SELECT report_id || \'#\' || revision AS r FROM report_revisions').pluck().all() as string[]));
  assert.deepEqual([...after].sort(), [...all.revisions].sort());
});

test('disk full while an export writes its package: ENOSPC is a full disk, no .partial folder or package is left, and the export works once space is back', (t) => {
  const disk = smallDisk(t, '1m');
  if (!disk) {
    t.skip('mounting a small tmpfs needs root (CAP_SYS_ADMIN)');
    return;
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signer = { sign: (bytes: Uint8Array) => sign(null, bytes, privateKey), publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string, fingerprint: keyFingerprint(publicKey) };
  const fields: PackageFields = {
    case_ref: 'DOS-2026-WSRABAT03-00021',
    version: 1,
    created_at: '2026-12-06T10:00:00.000Z',
    analyst: 'Karima Benali',
    workstation: 'WSRABAT03',
    generator: 'iblagh-workstation test',
    audit_head: { index: 1, hash: 'b'.repeat(64) },
    lang: 'fr',
  };
  const pdf = { name: 'dossier.pdf', bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(600_000), Buffer.from('\n%%EOF\n')]) };
  const evidence = [{ path: 'evidence/EV-2026-WSRABAT03-000001-capture.png', bytes: randomBytes(700_000) }];
  const dir = join(disk.dir, 'DOS-2026-WSRABAT03-00021-v1');

  let caught: unknown = null;
  try {
    writePackage({ dir, zip: true, pdf, pieces: evidence, fields, signer });
  } catch (error) {
    caught = error;
  }
  assert.ok(caught, 'the package did not fit and must fail');
  assert.equal(isDiskFull(caught), true, `a full disk, not: ${String(caught)}`);
  assert.deepEqual(readdirSync(disk.dir), [], 'nothing left: no .partial folder, no reserved folder, no zip');

  disk.grow(16);
  const written = writePackage({ dir, zip: true, pdf, pieces: evidence, fields, signer });
  assert.equal(verifyPackage(written.dir).ok, true);
  assert.deepEqual(readdirSync(disk.dir).sort(), ['DOS-2026-WSRABAT03-00021-v1', 'DOS-2026-WSRABAT03-00021-v1.zip']);
});

test('disk full while a backup is written: refused with nothing left beside it, the store untouched, and the backup made once space is back', async (t) => {
  const f = await fixture(t, { seed: 4, count: 120, attachments: 6 });
  await f.sync();
  const { db, analyst } = f.core.unlockedStore();
  const bytes = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  const disk = smallDisk(t, `${Math.floor(bytes / 2048)}k`);
  if (!disk) {
    t.skip('mounting a small tmpfs needs root (CAP_SYS_ADMIN)');
    return;
  }
  generateRecoveryKey(db, analyst.id, new Date());
  const key = await storeDatabaseKey(f.storeDir, undefined, SUPERVISOR.passphrase);
  t.after(() => key.fill(0));
  const out = join(disk.dir, 'poste.iblagh-backup');
  const audit = db.prepare('SELECT count(*) FROM audit_events').pluck().get() as number;

  let caught: unknown = null;
  try {
    await createBackup({ db, databaseKey: key, storeDir: f.storeDir, analystId: analyst.id, out, now: new Date() });
  } catch (error) {
    caught = error;
  }
  assert.equal(isDiskFull(caught), true, `a full disk, not: ${String(caught)}`);
  assert.deepEqual(readdirSync(disk.dir), [], 'no partial snapshot or backup left');
  assert.equal(db.prepare('SELECT count(*) FROM audit_events').pluck().get(), audit, 'no backup.created for a backup that does not exist');
  assert.deepEqual(integrityProblems(db), []);

  disk.grow(64);
  const made = await createBackup({ db, databaseKey: key, storeDir: f.storeDir, analystId: analyst.id, out, now: new Date() });
  assert.equal((await verifyBackup(made.file, { passphrase: SUPERVISOR.passphrase })).ok, true);
  assert.deepEqual(readdirSync(disk.dir), ['poste.iblagh-backup']);
});
