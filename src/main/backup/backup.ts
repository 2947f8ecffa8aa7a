/**
 * Backups: create (online, consistent, still encrypted), verify (open it and
 * run the integrity check) and restore (into an empty folder, which the same
 * profiles then unlock with their own passphrases).
 *
 * The copy is SQLite's `VACUUM INTO`, not the backup API: SQLite3 Multiple
 * Ciphers refuses `sqlite3_backup` from an encrypted database to a destination
 * without a key ("backup is not supported with incompatible source and target
 * databases"), and better-sqlite3's `db.backup()` opens its destination itself,
 * with no way to key it (URI filenames are off). `VACUUM INTO` attaches its
 * target with the main database's cipher and key, so every page it writes is
 * encrypted like the store's own: no plaintext copy is ever written, not even
 * temporarily (test/backup/backup.test.ts looks for a canary in every file).
 * It reads in one read transaction, a consistent snapshot while the sync
 * worker keeps writing through its own connection (WAL).
 */
import { chmodSync, closeSync, createReadStream, createWriteStream, existsSync, linkSync, mkdirSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { openSealed, sealSecret } from '../crypto/seal.ts';
import { DEFAULT_SCRYPT, type ScryptParams } from '../crypto/key-wrap.ts';
import { recordAudit } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import { DATABASE_FILE, integrityProblems, openDatabase, type Db } from '../store/database.ts';
import { profileRecipients, readKeyringFile, syncDirectory, writeKeyring, type Keyring, type KeyringEntry } from '../store/keyring.ts';
import { schemaVersion } from '../store/migrations/index.ts';
import { createEntry, lookupOf, openEntry, wipeOpened } from '../session/keyring-keys.ts';
import { insertProfile, nameTaken } from '../session/analyst-rows.ts';
import { requireStrongPassphrase } from '../session/passphrase-policy.ts';
import type { UiLocale } from '../../shared/schemas.ts';
import { BackupFormatError, extractDatabase, headerBlock, headerMac, readBackupHeader, sealContext, sha256File, type BackupHeader, type ReadHeader } from './format.ts';
import { matchesPublicKey, recoveryFingerprint, recoveryPublicKey } from './recovery-key.ts';

/** Refused, with a message for the person at the keyboard (exit 1 in the CLI). */
export class BackupRefused extends Error {}

export interface BackupSummary {
  file: string;
  storeId: string;
  createdAt: string;
  schemaVersion: number;
  bytes: number;
  sha256: string;
  recoveryKey: string;
  profiles: number;
}

function removeQuietly(file: string): void {
  rmSync(file, { force: true });
}

/**
 * The keyring as a backup carries it, and a restore writes it: every entry, failure counters reset, and no
 * last login name (the one readable name a keyring may keep, for this desktop's lock screen only).
 */
function withoutFailures(keyring: Keyring): Keyring {
  return {
    ...keyring,
    unknown: { failures: 0, lastFailureAt: null },
    lastLogin: { remember: keyring.lastLogin.remember, name: null },
    entries: keyring.entries.map((e) => ({ ...e, failures: 0, lastFailureAt: null })),
  };
}

/** The keyring of an open store (version 2: the unlock that opened it upgraded a version-1 file). */
function currentKeyring(storeDir: string): Keyring {
  const file = readKeyringFile(storeDir);
  if (!file) throw new BackupRefused('This store has no keyring.');
  if (file.version !== 2) throw new BackupRefused('This store\'s keyring is still version 1: unlock it once in this version of the workstation first.');
  return file;
}

/**
 * Writes a backup of the open store to `out` (a new file; never replaces one).
 * Needs the store's recovery key to have been generated: every backup can be
 * opened by it. Audited as `backup.created`.
 */
export async function createBackup(input: { db: Db; databaseKey: Buffer; storeDir: string; analystId: string; out: string; now: Date }): Promise<BackupSummary> {
  const { db, databaseKey, storeDir, analystId, out, now } = input;
  if (existsSync(out)) throw new BackupRefused(`${out} already exists; a backup never replaces a file.`);
  if (!existsSync(dirname(out))) throw new BackupRefused(`The folder ${dirname(out)} does not exist.`);
  const recovery = recoveryPublicKey(db);
  if (!recovery) throw new BackupRefused('This store has no recovery key yet: a supervisor generates it first (`iblagh-ws backup recovery-key`), so that every backup can be opened even when no passphrase is left.');
  const keyring = currentKeyring(storeDir);
  const storeId = (db.prepare("SELECT value FROM store_meta WHERE key = 'store_id'").get() as { value: string } | undefined)?.value;
  if (storeId === undefined || storeId !== keyring.storeId) throw new BackupRefused('The keyring is not this database\'s.');

  const snapshot = `${out}.${randomUUID()}.db.partial`;
  const partial = `${out}.${randomUUID()}.partial`;
  try {
    // VACUUM INTO writes into an empty file: created first, owner only.
    closeSync(openSync(snapshot, 'wx', 0o600));
    db.prepare('VACUUM INTO ?').run(snapshot);
    const version = schemaVersion(db);
    const bytes = statSync(snapshot).size;
    const sha256 = await sha256File(snapshot);
    const header: BackupHeader = {
      format: 'iblagh-backup',
      version: 1,
      storeId,
      createdAt: now.toISOString(),
      schemaVersion: version,
      database: { cipher: 'sqlcipher', bytes, sha256 },
      keyring: withoutFailures(keyring),
      recovery: {
        fingerprint: recoveryFingerprint(recovery.publicKey),
        publicKey: recovery.publicKey.toString('base64'),
        sealed: sealSecret(databaseKey, recovery.publicKey, sealContext(storeId, 'recovery')),
      },
      // Each profile's passphrase opens its private key in the keyring above, which opens this seal. (A legacy entry,
      // not converted since the keyring's upgrade, has no key pair: its wrapped database key opens the backup instead.)
      profiles: profileRecipients(keyring).map(({ profileId, publicKey }) => ({ profileId, sealed: sealSecret(databaseKey, publicKey, sealContext(storeId, `profile/${profileId}`)) })),
    };
    const block = headerBlock(header);
    const mac = headerMac(block, databaseKey, storeId);
    const stream = createWriteStream(partial, { flags: 'wx', mode: 0o600, flush: true });
    stream.write(block);
    stream.write(mac);
    await pipeline(createReadStream(snapshot), stream);
    // A hard link never replaces an existing file (a rename would).
    linkSync(partial, out);
    removeQuietly(partial);
    syncDirectory(dirname(out));
    recordAudit(db, analystId, 'backup.created', { file: basename(out), sha256, bytes, schemaVersion: version, recoveryKey: header.recovery.fingerprint }, now);
    return { file: out, storeId, createdAt: header.createdAt, schemaVersion: version, bytes, sha256, recoveryKey: header.recovery.fingerprint, profiles: header.profiles.length };
  } finally {
    removeQuietly(snapshot);
    removeQuietly(partial);
  }
}

/** What opens a backup: a profile's passphrase (the only profile, or the one whose login name is given), or the recovery key. */
export type BackupCredentials = { passphrase: string; loginName?: string | undefined } | { recoveryKey: Buffer };

interface Opened {
  key: Buffer;
  keyring: Keyring;
  via: 'passphrase' | 'recovery_key';
  profileId: string | null;
}

/** Validates the backup's keyring with the keyring's own schema (it is read from a private folder). */
function parseKeyring(header: BackupHeader): Keyring {
  const dir = mkdtempSync(join(tmpdir(), 'iblagh-backup-keyring-'));
  try {
    try {
      writeKeyring(dir, header.keyring as Keyring);
    } catch {
      throw new BackupFormatError('The keyring in the backup is damaged.');
    }
    const keyring = readKeyringFile(dir);
    if (keyring?.version !== 2 || keyring.storeId !== header.storeId) throw new BackupFormatError('The keyring in the backup belongs to another store.');
    return keyring;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The keyring entry of a login name (by its lookup hash), or the only entry when no name is given. */
async function findEntry(keyring: Keyring, loginName: string | undefined): Promise<KeyringEntry> {
  if (loginName === undefined) {
    const [only, ...others] = keyring.entries;
    if (only && others.length === 0) return only;
    throw new BackupRefused(`This backup holds ${keyring.entries.length} profiles: give the login name of yours.`);
  }
  const lookup = await lookupOf(keyring, loginName);
  const entry = keyring.entries.find((e) => e.lookup === lookup);
  if (!entry) throw new AppError('WRONG_PASSPHRASE', 'Wrong login name or passphrase for this backup.');
  return entry;
}

/**
 * The open store's database key, from the passphrase of the profile that
 * unlocked it (the command line asks for it once and unlocks through the
 * session first, which throttles and audits; this is a second derivation of
 * the same passphrase). The caller wipes it.
 */
export async function storeDatabaseKey(storeDir: string, loginName: string | undefined, passphrase: string): Promise<Buffer> {
  const keyring = currentKeyring(storeDir);
  const entry = await findEntry(keyring, loginName);
  const unlocked = await openEntry(keyring, entry, passphrase);
  if (!unlocked) throw new AppError('WRONG_PASSPHRASE', 'Wrong passphrase.');
  try {
    const own = unlocked.keys.find((k) => k.keyId === keyring.keyId);
    if (!own) throw new BackupRefused('This profile holds no key to the store\'s database.');
    return Buffer.from(own.key);
  } finally {
    wipeOpened(unlocked);
  }
}

async function openKey(read: ReadHeader, credentials: BackupCredentials): Promise<Opened> {
  const { header } = read;
  const keyring = parseKeyring(header);
  let opened: Opened;
  if ('recoveryKey' in credentials) {
    if (!matchesPublicKey(credentials.recoveryKey, Buffer.from(header.recovery.publicKey, 'base64'))) {
      throw new BackupRefused(`This recovery key is not the one this backup was made for (its key is ${header.recovery.fingerprint}).`);
    }
    const key = openSealed(header.recovery.sealed, credentials.recoveryKey, sealContext(header.storeId, 'recovery'));
    if (!key) throw new BackupRefused('The recovery key does not open this backup: its sealed key was altered.');
    opened = { key, keyring, via: 'recovery_key', profileId: null };
  } else {
    const entry = await findEntry(keyring, credentials.loginName);
    const unlocked = await openEntry(keyring, entry, credentials.passphrase);
    if (!unlocked) throw new AppError('WRONG_PASSPHRASE', 'Wrong passphrase for that profile of the backup.');
    let key: Buffer | null = null;
    try {
      const seal = header.profiles.find((p) => p.profileId === entry.id);
      if (seal && unlocked.privateKey) key = openSealed(seal.sealed, unlocked.privateKey, sealContext(header.storeId, `profile/${entry.id}`));
      if (!key) {
        // A legacy entry: its passphrase unwraps the database key itself.
        const own = unlocked.keys.find((k) => k.keyId === keyring.keyId);
        key = own ? Buffer.from(own.key) : null;
      }
    } finally {
      wipeOpened(unlocked);
    }
    if (!key) throw new BackupRefused('This profile\'s entry in the backup holds no key to its database.');
    opened = { key, keyring, via: 'passphrase', profileId: entry.id };
  }
  if (!headerMac(read.block, opened.key, header.storeId).equals(read.mac)) {
    opened.key.fill(0);
    throw new BackupFormatError('The backup header was altered: its authentication code does not match.');
  }
  return opened;
}

export interface VerifyReport {
  ok: boolean;
  storeId: string;
  createdAt: string;
  schemaVersion: number;
  bytes: number;
  sha256: string;
  recoveryKey: string;
  openedWith: 'passphrase' | 'recovery_key';
  problems: string[];
  counts: { profiles: number; reports: number; cases: number; evidence: number; auditEvents: number };
}

function countOf(db: Db, table: string): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
  return exists ? (db.prepare(`SELECT count(*) AS n FROM "${table.replaceAll('"', '""')}"`).get() as { n: number }).n : 0;
}

/** Checks the opened database is the header's store, sound, at the header's version. */
function checkDatabase(db: Db, header: BackupHeader): string[] {
  const problems = integrityProblems(db);
  if (problems.length > 0) return problems;
  const storeId = (db.prepare("SELECT value FROM store_meta WHERE key = 'store_id'").get() as { value: string } | undefined)?.value;
  if (storeId !== header.storeId) problems.push('The database is not the store the header names.');
  if (schemaVersion(db) !== header.schemaVersion) problems.push(`The database is at schema version ${schemaVersion(db)}, the header says ${header.schemaVersion}.`);
  return problems;
}

function openOrProblem(file: string, key: Buffer, readonly: boolean): Db | string {
  try {
    return openDatabase(file, key, { create: false, readonly });
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Opens a backup and runs the integrity check on its database (copied, still
 * encrypted, to a private temporary folder that is removed after). Touches no store.
 */
export async function verifyBackup(file: string, credentials: BackupCredentials): Promise<VerifyReport> {
  const read = readBackupHeader(file);
  const { header } = read;
  const dir = mkdtempSync(join(tmpdir(), 'iblagh-backup-verify-'));
  let opened: Opened | null = null;
  try {
    const copy = join(dir, DATABASE_FILE);
    await extractDatabase(file, read, copy);
    opened = await openKey(read, credentials);
    const db = openOrProblem(copy, opened.key, true);
    const base = { storeId: header.storeId, createdAt: header.createdAt, schemaVersion: header.schemaVersion, bytes: header.database.bytes, sha256: header.database.sha256, recoveryKey: header.recovery.fingerprint, openedWith: opened.via };
    if (typeof db === 'string') return { ok: false, ...base, problems: [db], counts: { profiles: 0, reports: 0, cases: 0, evidence: 0, auditEvents: 0 } };
    try {
      const problems = checkDatabase(db, header);
      const counts = problems.length > 0 ? { profiles: 0, reports: 0, cases: 0, evidence: 0, auditEvents: 0 } : { profiles: countOf(db, 'analysts'), reports: countOf(db, 'reports'), cases: countOf(db, 'cases'), evidence: countOf(db, 'evidence_items'), auditEvents: countOf(db, 'audit_events') };
      return { ok: problems.length === 0, ...base, problems, counts };
    } finally {
      db.close();
    }
  } finally {
    opened?.key.fill(0);
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface RestoreRequest {
  file: string;
  storeDir: string;
  credentials: BackupCredentials;
  /** With the recovery key: the new supervisor profile the store gets (the passphrase is its own). */
  newSupervisor?: { name: string; service: string; passphrase: string; locale: UiLocale } | undefined;
  scrypt?: ScryptParams;
  now: Date;
}

export interface RestoreSummary {
  storeDir: string;
  storeId: string;
  backupCreatedAt: string;
  schemaVersion: number;
  openedWith: 'passphrase' | 'recovery_key';
  /** Profiles that can unlock the restored store. */
  profiles: number;
  newSupervisor: string | null;
}

/** The folder must be absent or empty: a restore never mixes with or replaces anything. */
function prepareEmptyFolder(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new BackupRefused(`${dir} is not a folder.`);
    if (readdirSync(dir).length > 0) throw new BackupRefused(`${dir} is not empty: a restore goes into an empty folder, and never replaces a store (a damaged one is kept as evidence of what happened).`);
  } else {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
  chmodSync(dir, 0o700);
}

/**
 * Restores a backup into an empty folder: the database (checked whole), then
 * the keyring, last, so that a restore cut short leaves no store that looks
 * usable. With the recovery key, a new supervisor profile is added (its own
 * passphrase). Audited in the restored store as `backup.restored`.
 */
export async function restoreBackup(request: RestoreRequest): Promise<RestoreSummary> {
  const { file, storeDir, credentials, now } = request;
  const read = readBackupHeader(file);
  const { header } = read;
  if ('recoveryKey' in credentials && !request.newSupervisor) throw new BackupRefused('A restore with the recovery key needs the new supervisor profile (name and passphrase).');
  if (request.newSupervisor) requireStrongPassphrase(request.newSupervisor.passphrase, [request.newSupervisor.name, request.newSupervisor.service]);
  prepareEmptyFolder(storeDir);
  const partial = join(storeDir, `${DATABASE_FILE}.partial`);
  const target = join(storeDir, DATABASE_FILE);
  const written = [partial, target, `${target}-wal`, `${target}-shm`, `${target}-journal`];
  let opened: Opened | null = null;
  let done = false;
  try {
    await extractDatabase(file, read, partial);
    opened = await openKey(read, credentials);
    renameSync(partial, target);
    const db = openOrProblem(target, opened.key, false);
    if (typeof db === 'string') throw new BackupRefused(`The backup's database cannot be opened: ${db}`);
    let keyring = opened.keyring;
    let newSupervisor: string | null = null;
    try {
      const problems = checkDatabase(db, header);
      if (problems.length > 0) throw new BackupRefused(`The backup's database failed its integrity check: ${problems.slice(0, 3).join('; ')}.`);
      const supervisor = request.newSupervisor;
      let actor = opened.profileId;
      let entry: KeyringEntry | null = null;
      const newId = randomUUID();
      if (supervisor) {
        if (nameTaken(db, supervisor.name)) throw new BackupRefused(`A profile named "${supervisor.name}" already exists in the backup; choose another name.`);
        entry = await createEntry(keyring, { id: newId, name: supervisor.name }, supervisor.passphrase, opened.key, request.scrypt ?? DEFAULT_SCRYPT);
        actor = newId;
        newSupervisor = newId;
      }
      const via = opened.via;
      db.transaction(() => {
        if (supervisor) {
          insertProfile(db, { id: newId, name: supervisor.name, service: supervisor.service, role: 'supervisor', locale: supervisor.locale }, null, now);
          recordAudit(db, newId, 'profile.created', { profileId: newId, role: 'supervisor', reason: 'restore_with_recovery_key' }, now);
        }
        recordAudit(db, actor, 'backup.restored', { backupCreatedAt: header.createdAt, sha256: header.database.sha256, via, schemaVersion: header.schemaVersion }, now);
      })();
      if (entry) keyring = { ...keyring, entries: [...keyring.entries, entry] };
    } finally {
      db.close();
    }
    writeKeyring(storeDir, withoutFailures(keyring));
    syncDirectory(storeDir);
    done = true;
    return {
      storeDir,
      storeId: header.storeId,
      backupCreatedAt: header.createdAt,
      schemaVersion: header.schemaVersion,
      openedWith: opened.via,
      profiles: keyring.entries.length,
      newSupervisor,
    };
  } finally {
    opened?.key.fill(0);
    // A refused or failed restore leaves the folder as it found it: empty.
    if (!done) for (const path of written) removeQuietly(path);
  }
}
