/**
 * The analyst session: first-run setup, unlock, lock and idle lock.
 *
 * While locked the core holds no database handle and no key: both exist only
 * between a successful unlock and the next lock, and the key buffer is wiped
 * when the session locks. Everything done while unlocked is attributed to the
 * unlocked analyst.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionState, SetupInput, UiLocale, UnlockInput, Profile } from '../../shared/schemas.ts';
import { recordAudit } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import { findProfile, insertProfile, mustChangePassphrase, setMustChangePassphrase } from './analyst-rows.ts';
import { readSettings } from '../settings/settings.ts';
import { DATABASE_FILE, isCorruption, openDatabase, readOnlyIntegrityProblems, rekeyDatabase, type Db } from '../store/database.ts';
import { DEFAULT_SCRYPT, deriveAndDiscard, type ScryptParams } from '../crypto/key-wrap.ts';
import { makeFolders } from '../store/folder.ts';
import { KEYRING_FILE, readKeyringFile, retryAfterMs, withKeyringLock, writeKeyring, type Attempts, type Keyring, type KeyringEntry } from '../store/keyring.ts';
import { assertNotNewer, migrate, type MigrationSteps } from '../store/migrations/index.ts';
import { requireStrongPassphrase } from './passphrase-policy.ts';
import {
  abandonRotation,
  createEntry,
  emptyKeyring,
  finishRotation,
  lookupOf,
  normaliseLoginName,
  openEntry,
  rewrapEntry,
  rotateDatabaseKey,
  upgradeKeyring,
  wipeOpened,
  type OpenedEntry,
  type RotationStep,
} from './keyring-keys.ts';

export type LockReason = 'manual' | 'idle' | 'os-lock' | 'suspend';
export type ChangeReason = LockReason | 'unlock' | 'setup';

export interface SessionOptions {
  storeDir: string;
  /** KDF parameters for newly wrapped keys; existing entries keep their own. */
  scrypt?: ScryptParams;
  /** Lock after the idle period without activity (plus a grace the renderer's own timer uses first). */
  idleBackstop?: boolean;
  onChange?: (state: SessionState, reason: ChangeReason) => void;
  now?: () => number;
  /** The features' data steps that migrations run (core.ts gives them). */
  migrationSteps: MigrationSteps;
  /**
   * Stops every other connection holding a copy of the database key (the sync
   * worker's, from databaseKeyCopy) and resolves once they are closed: a key
   * rotation re-encrypts the file under a new key. Whatever holds a copy must
   * take a fresh one for its next run.
   */
  quiesceKeyHolders?: () => Promise<void>;
  /** Tests only: stop a rotation after this step, as a crash there would. */
  rotationCrashAfter?: RotationStep;
}

/** What an unlocked session gives the services. */
export interface Unlocked {
  readonly db: Db;
  readonly analyst: Profile;
}

/**
 * Page cache of the connection that answers the renderer: a case's reports are
 * spread over the whole store (a case of 5,000 in a million touches ~10,000
 * pages), its observables too (~10,000 more, ~7,000 pages), and each page read
 * from the file is decrypted again. Opening such a case (its view, its report
 * table, its observables) reads more than 64 MiB of pages: with 64 MiB each
 * step evicted what the next one read (its observables took 85-120 ms, not 20).
 * 128 MiB keeps that working set decrypted in memory (as the default 2 MiB does,
 * only smaller: decrypted pages never leave the process).
 */
const MAIN_CACHE_MIB = 128;

/** The renderer's idle timer fires first; this backstop catches a renderer that stopped reporting. */
const IDLE_BACKSTOP_GRACE_MS = 30_000;
const IDLE_CHECK_EVERY_MS = 5_000;

export class Session {
  readonly storeDir: string;
  private readonly scrypt: ScryptParams;
  private readonly now: () => number;
  private readonly onChange: (state: SessionState, reason: ChangeReason) => void;
  private readonly idleBackstop: boolean;
  private readonly migrationSteps: MigrationSteps;
  private readonly quiesceKeyHolders: () => Promise<void>;
  private readonly rotationCrashAfter: RotationStep | undefined;
  /**
   * The open store. `initialPrivateKey` is set while a profile created by a
   * supervisor has to replace its first passphrase: the session is then in the
   * passphrase-change phase and `unlocked()` refuses everything else.
   */
  private current: { db: Db; key: Buffer; analyst: Profile; initialPrivateKey: Buffer | null } | null = null;
  private setupLocale: UiLocale = 'fr';
  private lastActivity = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: SessionOptions) {
    this.storeDir = options.storeDir;
    this.scrypt = options.scrypt ?? DEFAULT_SCRYPT;
    this.now = options.now ?? Date.now;
    this.onChange = options.onChange ?? (() => {});
    this.idleBackstop = options.idleBackstop ?? false;
    this.migrationSteps = options.migrationSteps;
    this.quiesceKeyHolders = options.quiesceKeyHolders ?? (() => Promise.resolve());
    this.rotationCrashAfter = options.rotationCrashAfter;
  }

  get databaseFile(): string {
    return join(this.storeDir, DATABASE_FILE);
  }

  /** Runs state-changing steps one at a time (an unlock must not interleave with a lock or a second unlock). */
  exclusive<T>(step: () => Promise<T> | T): Promise<T> {
    const run = this.queue.then(step, step);
    this.queue = run.catch(() => undefined);
    return run;
  }

  state(): SessionState {
    if (this.current) {
      const { analyst, db, initialPrivateKey } = this.current;
      if (initialPrivateKey) return { phase: 'passphrase-change', locale: analyst.locale, name: analyst.name };
      return { phase: 'unlocked', locale: analyst.locale, analyst, idleLockMinutes: readSettings(db).idleLockMinutes };
    }
    const keyring = readKeyringFile(this.storeDir);
    if (!keyring) return { phase: 'setup', locale: this.setupLocale };
    // Nobody is named while locked: the analyst types a login name (the last one is offered only if a supervisor allows it).
    return { phase: 'locked', locale: keyring.lockScreenLocale, lastName: keyring.version === 2 ? keyring.lastLogin.name : null };
  }

  /** The open store and the analyst, or LOCKED (also while a first passphrase waits to be replaced). */
  unlocked(): Unlocked {
    if (!this.current || this.current.initialPrivateKey) throw new AppError('LOCKED', 'The store is locked.');
    return { db: this.current.db, analyst: this.current.analyst };
  }

  /**
   * A read-only connection of its own to the unlocked store (the queue's, during a sync), keyed with the open store's
   * key. The caller closes it on lock and before a key rotation (quiesceKeyHolders).
   */
  openReader(cacheMiB: number): Db {
    if (!this.current || this.current.initialPrivateKey) throw new AppError('LOCKED', 'The store is locked.');
    return openDatabase(this.databaseFile, this.current.key, { create: false, readonly: true, cacheMiB });
  }

  /** A copy of the database key, for a worker thread's own connection; the caller wipes it. */
  databaseKeyCopy(): Buffer {
    if (!this.current) throw new AppError('LOCKED', 'The store is locked.');
    return Buffer.from(this.current.key);
  }

  requireSupervisor(): Unlocked {
    const unlocked = this.unlocked();
    if (unlocked.analyst.role !== 'supervisor') throw new AppError('FORBIDDEN', 'Only a supervisor can do this.');
    return unlocked;
  }

  /** The keyring (version 2: the first unlock upgrades a version-1 file). */
  keyring(): Keyring {
    const keyring = readKeyringFile(this.storeDir);
    if (!keyring) throw new AppError('WRONG_PHASE', 'This workstation has not been set up yet.');
    if (keyring.version !== 2) throw new AppError('WRONG_PHASE', 'The keyring is upgraded at the next unlock.');
    return keyring;
  }

  /**
   * Gives a profile an entry (new profile, re-enabled profile): a key pair, its
   * private half wrapped under `passphrase`, the open store's key sealed to it.
   * Replaces the profile's previous entry if any.
   */
  addEntry(profile: { id: string; name: string }, passphrase: string): Promise<void> {
    const current = this.current;
    if (!current || current.initialPrivateKey) throw new AppError('LOCKED', 'The store is locked.');
    return withKeyringLock(this.storeDir, async () => {
      const keyring = this.keyring();
      const entry = await createEntry(keyring, profile, passphrase, current.key, this.scrypt);
      if (keyring.entries.some((e) => e.id !== profile.id && e.lookup === entry.lookup)) {
        throw new AppError('CONFLICT', 'Another profile has the same login name.');
      }
      writeKeyring(this.storeDir, { ...keyring, entries: [...keyring.entries.filter((e) => e.id !== profile.id), entry] });
    });
  }

  /**
   * Rotates the database key so that the excluded profiles' passphrases open
   * nothing, even with a keyring copied earlier (keyring-keys.ts
   * rotateDatabaseKey): stops the other connections first, needs no
   * passphrase. Returns the profiles (not unlocked since the keyring upgrade)
   * that could not receive the new key: the caller disables them.
   */
  rotateKeyExcluding(profileIds: readonly string[]): Promise<string[]> {
    return withKeyringLock(this.storeDir, async () => {
      await this.quiesceKeyHolders();
      // From here to the end nothing awaits: no sync run can start between the stop and the rekey.
      const current = this.current;
      if (!current || current.initialPrivateKey) throw new AppError('LOCKED', 'The store is locked.');
      const keyring = this.keyring();
      const { droppedLegacy, newKey } = rotateDatabaseKey(this.storeDir, current.db, keyring, current.key, new Set(profileIds), this.rotationCrashAfter);
      current.key.fill(0);
      current.key = newKey;
      return droppedLegacy;
    });
  }

  /**
   * Whether the lock screen offers the last login name used here (a
   * supervisor's choice, off by default; turning it off erases the name kept).
   * Without `remember`, only reads it.
   */
  lastLogin(remember: boolean | undefined): Promise<{ remember: boolean }> {
    const { db, analyst } = this.requireSupervisor();
    if (remember === undefined) return Promise.resolve({ remember: this.keyring().lastLogin.remember });
    return withKeyringLock(this.storeDir, () => {
      const keyring = this.keyring();
      if (keyring.lastLogin.remember !== remember) {
        writeKeyring(this.storeDir, { ...keyring, lastLogin: remember ? { remember: true, name: analyst.name } : { remember: false, name: null } });
        recordAudit(db, analyst.id, 'settings.updated', { rememberLastLogin: remember });
      }
      return { remember };
    });
  }

  /** Changes the unlocked analyst's passphrase after checking the current one (throttled like an unlock). */
  changePassphrase(currentPassphrase: string, next: string): Promise<void> {
    const current = this.current;
    if (!current || current.initialPrivateKey) throw new AppError('LOCKED', 'The store is locked.');
    const { analyst, db } = current;
    return withKeyringLock(this.storeDir, async () => {
      let keyring = this.keyring();
      const entry = keyring.entries.find((e) => e.id === analyst.id);
      if (!entry) throw new AppError('PROFILE_DISABLED', 'This profile has no key.');
      const wait = retryAfterMs(entry, this.now());
      keyring = this.countAttempt(keyring, entry, wait > 0);
      if (wait > 0) throw new AppError('THROTTLED', 'Too many failed attempts; wait before trying again.', { retryAfterMs: wait });
      const opened = await openEntry(keyring, entry, currentPassphrase);
      if (!opened?.privateKey) {
        if (opened) wipeOpened(opened);
        throw new AppError('WRONG_PASSPHRASE', 'The current passphrase is wrong.');
      }
      try {
        requireStrongPassphrase(next, [analyst.name, analyst.service]);
        const rewrapped = await rewrapEntry(keyring, entry, opened.privateKey, next, this.scrypt);
        writeKeyring(this.storeDir, { ...keyring, entries: keyring.entries.map((e) => (e.id === entry.id ? rewrapped : e)) });
      } finally {
        wipeOpened(opened);
      }
      db.transaction(() => {
        setMustChangePassphrase(db, analyst.id, false);
        recordAudit(db, analyst.id, 'profile.passphrase_changed', { profileId: analyst.id });
      })();
    });
  }

  /**
   * Replaces a supervisor-given passphrase at first unlock (the
   * passphrase-change phase): the private key opened at unlock is wrapped
   * under the analyst's own passphrase, which must differ from the given one.
   */
  changeInitialPassphrase(next: string): Promise<SessionState> {
    return this.exclusive(async () => {
      const current = this.current;
      const privateKey = current?.initialPrivateKey;
      if (!current || !privateKey) throw new AppError('WRONG_PHASE', 'No passphrase has to be replaced now.');
      const { analyst, db } = current;
      requireStrongPassphrase(next, [analyst.name, analyst.service]);
      await withKeyringLock(this.storeDir, async () => {
        const keyring = this.keyring();
        const entry = keyring.entries.find((e) => e.id === analyst.id);
        if (!entry) throw new AppError('PROFILE_DISABLED', 'This profile has no key.');
        const same = await openEntry(keyring, entry, next);
        if (same) {
          wipeOpened(same);
          throw new AppError('CONFLICT', 'The new passphrase must differ from the one the supervisor gave.');
        }
        const rewrapped = await rewrapEntry(keyring, entry, privateKey, next, this.scrypt);
        writeKeyring(this.storeDir, { ...keyring, entries: keyring.entries.map((e) => (e.id === entry.id ? rewrapped : e)) });
      });
      db.transaction(() => {
        setMustChangePassphrase(db, analyst.id, false);
        recordAudit(db, analyst.id, 'profile.passphrase_changed', { profileId: analyst.id, initial: true });
        recordAudit(db, analyst.id, 'session.unlocked', {});
      })();
      privateKey.fill(0);
      current.initialPrivateKey = null;
      const state = this.state();
      this.onChange(state, 'unlock');
      return state;
    });
  }

  /** Refreshes the unlocked analyst after a change to their own profile. */
  refreshAnalyst(): void {
    if (!this.current) return;
    const analyst = findProfile(this.current.db, this.current.analyst.id);
    if (analyst) this.current.analyst = analyst;
  }

  async setLockScreenLocale(locale: UiLocale): Promise<SessionState> {
    const file = readKeyringFile(this.storeDir);
    if (!file) {
      this.setupLocale = locale;
    } else if (file.lockScreenLocale !== locale) {
      await withKeyringLock(this.storeDir, () => {
        // A version-1 keyring keeps its locale until the next unlock upgrades it.
        const keyring = readKeyringFile(this.storeDir);
        if (keyring?.version === 2) writeKeyring(this.storeDir, { ...keyring, lockScreenLocale: locale });
      });
    }
    return this.state();
  }

  /** First run: creates the encrypted store and its first profile, a supervisor, and unlocks it. */
  setup(input: SetupInput): Promise<SessionState> {
    return this.exclusive(async () => {
      if (this.current || readKeyringFile(this.storeDir)) throw new AppError('WRONG_PHASE', 'This workstation is already set up.');
      if (existsSync(this.databaseFile)) {
        throw new AppError(
          'STORE_CORRUPT',
          `A store database exists in ${this.storeDir} but its keyring is missing; refusing to overwrite it. Restore ${KEYRING_FILE} from a backup or choose another store folder.`,
        );
      }
      requireStrongPassphrase(input.passphrase, [input.name, input.service]);
      // Not a recursive mkdir: it spins forever where the file system answers ENOENT (store/folder.ts).
      makeFolders(this.storeDir, 0o700);

      const key = randomBytes(32);
      const storeId = randomUUID();
      const analystId = randomUUID();
      const db = openDatabase(this.databaseFile, key, { create: true, cacheMiB: MAIN_CACHE_MIB });
      let analyst: Profile;
      try {
        migrate(db, this.migrationSteps);
        analyst = db.transaction(() => {
          db.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?), (?, ?)').run(
            'store_id',
            storeId,
            'created_at',
            new Date(this.now()).toISOString(),
          );
          const created = insertProfile(db, { id: analystId, name: input.name, service: input.service, role: 'supervisor', locale: input.locale }, null);
          recordAudit(db, analystId, 'store.created', { schemaVersion: db.pragma('user_version', { simple: true }) as number });
          recordAudit(db, analystId, 'profile.created', { profileId: analystId, role: 'supervisor' });
          return created;
        })();
        const keyring = emptyKeyring(storeId, input.locale, this.scrypt);
        const entry = await createEntry(keyring, { id: analystId, name: input.name }, input.passphrase, key, this.scrypt);
        writeKeyring(this.storeDir, { ...keyring, entries: [entry] });
      } catch (error) {
        db.close();
        key.fill(0);
        throw error;
      }
      this.begin(db, key, analyst, null);
      recordAudit(db, analystId, 'session.unlocked', {});
      const state = this.state();
      this.onChange(state, 'setup');
      return state;
    });
  }

  /**
   * Unlock by login name and passphrase. Under the keyring lock, across
   * processes: the attempt is counted before the slow derivation (a throttled
   * attempt counts too, without moving the wait's start), so parallel attempts
   * get no more free guesses than one after the other. A name that matches no
   * entry costs the same derivation and answers WRONG_PASSPHRASE like a wrong
   * passphrase: the lock screen does not tell which names exist.
   */
  unlock(input: UnlockInput): Promise<SessionState> {
    return this.exclusive(async () => {
      if (this.current) throw new AppError('WRONG_PHASE', 'The store is already unlocked; lock it first.');
      const state = await withKeyringLock(this.storeDir, () => this.unlockLocked(input));
      this.onChange(state, 'unlock');
      return state;
    });
  }

  private async unlockLocked(input: UnlockInput): Promise<SessionState> {
    const file = readKeyringFile(this.storeDir);
    if (!file) throw new AppError('WRONG_PHASE', 'This workstation has not been set up yet.');
    let keyring: Keyring = file.version === 2 ? file : await upgradeKeyring(file, this.scrypt);
    // The roster leaves the disk at the first unlock attempt after an upgrade, whoever makes it.
    if (file.version !== 2) writeKeyring(this.storeDir, keyring);

    let entry: KeyringEntry | undefined;
    if (input.name === undefined) {
      // No name: allowed only while the store has a single profile (the file shows how many entries it has).
      if (keyring.entries.length !== 1) throw new AppError('INVALID_INPUT', 'Give the login name: this store has several profiles.');
      entry = keyring.entries[0];
    } else {
      const lookup = await lookupOf(keyring, input.name);
      entry = keyring.entries.find((e) => e.lookup === lookup);
    }
    const before: Attempts = entry ?? keyring.unknown;
    const wait = retryAfterMs(before, this.now());
    keyring = this.countAttempt(keyring, entry, wait > 0);
    const after = entry ? (keyring.entries.find((e) => e.id === entry.id) as Attempts) : keyring.unknown;
    if (wait > 0) throw new AppError('THROTTLED', 'Too many failed attempts; wait before trying again.', { retryAfterMs: retryAfterMs(after, this.now()) });

    const wrong = (): AppError => {
      // The wait runs from the end of the failed derivation, not from its start: a slow derivation is no part of it.
      const stamped: Attempts = { failures: after.failures, lastFailureAt: this.now() };
      writeKeyring(this.storeDir, entry ? { ...keyring, entries: keyring.entries.map((e) => (e.id === entry.id ? { ...e, ...stamped } : e)) } : { ...keyring, unknown: stamped });
      const nextWait = retryAfterMs(stamped, this.now());
      return new AppError('WRONG_PASSPHRASE', 'Wrong login name or passphrase.', nextWait > 0 ? { retryAfterMs: nextWait } : {});
    };
    if (!entry) {
      await deriveAndDiscard(input.passphrase, this.scrypt);
      throw wrong();
    }
    const opened = await openEntry(keyring, entry, input.passphrase);
    if (!opened) throw wrong();

    let db: Db | null = null;
    let key: Buffer | null = null;
    try {
      // Checked before any read-write connection exists: closing one would write the WAL into a damaged file.
      const problems = readOnlyIntegrityProblems(this.databaseFile, opened.keys.map((k) => k.key));
      if (problems.length > 0) {
        throw new AppError('STORE_CORRUPT', `The store failed its integrity check: ${problems.slice(0, 3).join('; ')}. Nothing was written.`);
      }
      const found = this.openWithOneOf(keyring, opened);
      db = found.db;
      key = Buffer.from(found.key);
      assertNotNewer(db);
      migrate(db, this.migrationSteps);
      const analyst = findProfile(db, entry.id);
      // The encrypted database says whose entry this is: a lookup moved to another entry fails here.
      if (analyst && input.name !== undefined && normaliseLoginName(analyst.name) !== normaliseLoginName(input.name)) {
        throw new AppError('STORE_CORRUPT', 'The keyring entry does not belong to this login name: the keyring was altered.');
      }
      if (!analyst || analyst.disabled) throw new AppError('PROFILE_DISABLED', 'This profile is disabled.');

      // A rotation interrupted by a crash: finish it now (the database is re-encrypted under the new key if it was not yet).
      if (keyring.nextKeyId !== null) {
        if (found.keyId !== keyring.nextKeyId) {
          const next = opened.keys.find((k) => k.keyId === keyring.nextKeyId);
          if (next) {
            rekeyDatabase(db, next.key);
            key.fill(0);
            key = Buffer.from(next.key);
            keyring = finishRotation(keyring);
          } else {
            keyring = abandonRotation(keyring);
          }
        } else {
          keyring = finishRotation(keyring);
        }
      }
      let converted = keyring.entries.find((e) => e.id === entry.id) ?? entry;
      if (entry.legacy) converted = await createEntry(keyring, { id: entry.id, name: analyst.name }, input.passphrase, key, this.scrypt);
      const mustChange = mustChangePassphrase(db, analyst.id);
      const openDb = db;
      openDb.transaction(() => {
        if (before.failures > 0) recordAudit(openDb, analyst.id, 'session.unlock_failed', { attempts: before.failures });
        if (!mustChange) recordAudit(openDb, analyst.id, 'session.unlocked', entry.legacy ? { keyringUpgraded: true } : {});
      })();
      writeKeyring(this.storeDir, {
        ...keyring,
        lockScreenLocale: analyst.locale,
        lastLogin: keyring.lastLogin.remember ? { remember: true, name: analyst.name } : { remember: false, name: null },
        entries: keyring.entries.map((e) => (e.id === entry.id ? { ...converted, failures: 0, lastFailureAt: null } : e)),
      });
      let initialPrivateKey: Buffer | null = null;
      if (mustChange && opened.privateKey) {
        initialPrivateKey = opened.privateKey;
        opened.privateKey = null;
      }
      this.begin(openDb, key, analyst, initialPrivateKey);
      key = null;
    } catch (error) {
      db?.close();
      key?.fill(0);
      if (isCorruption(error)) {
        throw new AppError('STORE_CORRUPT', `The store is damaged (${(error as Error).message}). Nothing was written.`, { cause: error });
      }
      throw error;
    } finally {
      wipeOpened(opened);
    }
    return this.state();
  }

  /** Opens the database with the key of the pending rotation first, then the current one. */
  private openWithOneOf(keyring: Keyring, opened: OpenedEntry): { db: Db; key: Buffer; keyId: string } {
    const ordered = [...opened.keys].sort((a, b) => Number(b.keyId === keyring.nextKeyId) - Number(a.keyId === keyring.nextKeyId));
    let lastError: unknown = new AppError('STORE_CORRUPT', 'The keyring holds no key for this store.');
    for (const { keyId, key } of ordered) {
      try {
        return { db: openDatabase(this.databaseFile, key, { create: false, cacheMiB: MAIN_CACHE_MIB }), key, keyId };
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  }

  /** Counts an attempt in the keyring, on disk, before any derivation; the caller holds the keyring lock. */
  private countAttempt(keyring: Keyring, entry: KeyringEntry | undefined, throttled: boolean): Keyring {
    const bump = (a: Attempts): Attempts => ({ failures: a.failures + 1, lastFailureAt: throttled ? a.lastFailureAt : this.now() });
    const next: Keyring = entry
      ? { ...keyring, entries: keyring.entries.map((e) => (e.id === entry.id ? { ...e, ...bump(e) } : e)) }
      : { ...keyring, unknown: bump(keyring.unknown) };
    writeKeyring(this.storeDir, next);
    return next;
  }

  /** Closes the database and wipes the keys. Does nothing when already locked. */
  lock(reason: LockReason): SessionState {
    const current = this.current;
    if (current) {
      this.current = null;
      this.stopIdleTimer();
      try {
        if (!current.initialPrivateKey) recordAudit(current.db, current.analyst.id, 'session.locked', { reason });
      } finally {
        current.db.close();
        current.key.fill(0);
        current.initialPrivateKey?.fill(0);
      }
      const state = this.state();
      this.onChange(state, reason);
      return state;
    }
    return this.state();
  }

  /** The analyst is active: postpones the idle lock. */
  activity(): void {
    this.lastActivity = this.now();
  }

  close(): void {
    this.lock('manual');
    this.stopIdleTimer();
  }

  private begin(db: Db, key: Buffer, analyst: Profile, initialPrivateKey: Buffer | null): void {
    // This connection answers the renderer: it never copies the WAL into the database itself.
    // With SQLite's default it would, at its first write after a sync page, with tens of MiB
    // to decrypt and encrypt again (measured: stalls up to 1.2 s). The sync worker checkpoints
    // as it writes and when its run ends; closing the last connection checkpoints the rest.
    db.pragma('wal_autocheckpoint = 0');
    this.current = { db, key, analyst, initialPrivateKey };
    this.lastActivity = this.now();
    if (this.idleBackstop) {
      this.idleTimer = setInterval(() => this.checkIdle(), IDLE_CHECK_EVERY_MS);
      this.idleTimer.unref();
    }
  }

  /** Locks when the idle period (plus grace) has passed with no activity. Public for tests. */
  checkIdle(): void {
    if (!this.current) return;
    const limit = readSettings(this.current.db).idleLockMinutes * 60_000 + IDLE_BACKSTOP_GRACE_MS;
    if (this.now() - this.lastActivity >= limit) this.lock('idle');
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.idleTimer = null;
  }
}
