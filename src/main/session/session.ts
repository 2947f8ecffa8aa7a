/**
 * The analyst session: first-run setup, unlock, lock and idle lock.
 *
 * While locked the core holds no database handle and no key: both exist only
 * between a successful unlock and the next lock, and the key buffer is wiped
 * when the session locks. Everything done while unlocked is attributed to the
 * unlocked analyst.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionState, SetupInput, UiLocale, UnlockInput, Profile } from '../../shared/schemas.ts';
import { recordAudit } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import { findProfile, insertProfile } from './analyst-rows.ts';
import { readSettings } from '../settings/settings.ts';
import { DATABASE_FILE, integrityProblems, isCorruption, openDatabase, type Db } from '../store/database.ts';
import { DEFAULT_SCRYPT, unwrapKey, wrapKey, type ScryptParams } from '../crypto/key-wrap.ts';
import { KEYRING_FILE, readKeyring, retryAfterMs, writeKeyring, type Keyring, type KeyringProfile } from '../store/keyring.ts';
import { assertNotNewer, migrate, type MigrationSteps } from '../store/migrations/index.ts';
import { requireStrongPassphrase } from './passphrase-policy.ts';

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
}

/** What an unlocked session gives the services. */
export interface Unlocked {
  readonly db: Db;
  readonly analyst: Profile;
}

/** Binds a wrapped key to its store and profile. */
export function keyringAssociatedData(storeId: string, profileId: string): string {
  return `iblagh-keyring/v1/${storeId}/${profileId}`;
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
  private current: { db: Db; key: Buffer; analyst: Profile } | null = null;
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
      const { analyst, db } = this.current;
      return { phase: 'unlocked', locale: analyst.locale, analyst, idleLockMinutes: readSettings(db).idleLockMinutes };
    }
    const keyring = readKeyring(this.storeDir);
    if (!keyring) return { phase: 'setup', locale: this.setupLocale };
    return {
      phase: 'locked',
      locale: keyring.lockScreenLocale,
      profiles: keyring.profiles.filter((p) => p.wrapped !== null).map((p) => ({ id: p.id, name: p.name })),
    };
  }

  /** The open store and the analyst, or LOCKED. */
  unlocked(): Unlocked {
    if (!this.current) throw new AppError('LOCKED', 'The store is locked.');
    return { db: this.current.db, analyst: this.current.analyst };
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

  /** Wraps the open store's key for a profile (new profile, re-enabled profile, new passphrase). */
  async wrapForProfile(keyring: Keyring, profileId: string, passphrase: string): Promise<KeyringProfile['wrapped']> {
    if (!this.current) throw new AppError('LOCKED', 'The store is locked.');
    return wrapKey(this.current.key, passphrase, keyringAssociatedData(keyring.storeId, profileId), this.scrypt);
  }

  keyring(): Keyring {
    const keyring = readKeyring(this.storeDir);
    if (!keyring) throw new AppError('WRONG_PHASE', 'This workstation has not been set up yet.');
    return keyring;
  }

  saveKeyring(keyring: Keyring): void {
    writeKeyring(this.storeDir, keyring);
  }

  /** Refreshes the unlocked analyst after a change to their own profile. */
  refreshAnalyst(): void {
    if (!this.current) return;
    const analyst = findProfile(this.current.db, this.current.analyst.id);
    if (analyst) this.current.analyst = analyst;
  }

  setLockScreenLocale(locale: UiLocale): SessionState {
    const keyring = readKeyring(this.storeDir);
    if (!keyring) {
      this.setupLocale = locale;
    } else if (keyring.lockScreenLocale !== locale) {
      this.saveKeyring({ ...keyring, lockScreenLocale: locale });
    }
    return this.state();
  }

  /** First run: creates the encrypted store and its first profile, a supervisor, and unlocks it. */
  setup(input: SetupInput): Promise<SessionState> {
    return this.exclusive(async () => {
      if (this.current || readKeyring(this.storeDir)) throw new AppError('WRONG_PHASE', 'This workstation is already set up.');
      if (existsSync(this.databaseFile)) {
        throw new AppError(
          'STORE_CORRUPT',
          `A store database exists in ${this.storeDir} but its keyring is missing; refusing to overwrite it. Restore ${KEYRING_FILE} from a backup or choose another store folder.`,
        );
      }
      requireStrongPassphrase(input.passphrase, [input.name, input.service]);
      mkdirSync(this.storeDir, { recursive: true, mode: 0o700 });

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
        const wrapped = await wrapKey(key, input.passphrase, keyringAssociatedData(storeId, analystId), this.scrypt);
        this.saveKeyring({
          format: 'iblagh-keyring',
          version: 1,
          storeId,
          lockScreenLocale: input.locale,
          profiles: [{ id: analystId, name: input.name, wrapped, failures: 0, lastFailureAt: null }],
        });
      } catch (error) {
        db.close();
        key.fill(0);
        throw error;
      }
      this.begin(db, key, analyst);
      recordAudit(db, analystId, 'session.unlocked', {});
      const state = this.state();
      this.onChange(state, 'setup');
      return state;
    });
  }

  unlock(input: UnlockInput): Promise<SessionState> {
    return this.exclusive(async () => {
      if (this.current) throw new AppError('WRONG_PHASE', 'The store is already unlocked; lock it first.');
      const keyring = this.keyring();
      const entry = keyring.profiles.find((p) => p.id === input.profileId);
      if (!entry?.wrapped) throw new AppError('PROFILE_DISABLED', 'This profile is disabled or does not exist.');
      const wait = retryAfterMs(entry, this.now());
      if (wait > 0) throw new AppError('THROTTLED', 'Too many failed attempts; wait before trying again.', { retryAfterMs: wait });

      const key = await unwrapKey(entry.wrapped, input.passphrase, keyringAssociatedData(keyring.storeId, entry.id));
      if (!key) {
        const failed = this.recordFailure(entry.id);
        const nextWait = failed ? retryAfterMs(failed, this.now()) : 0;
        throw new AppError('WRONG_PASSPHRASE', 'Wrong passphrase.', nextWait > 0 ? { retryAfterMs: nextWait } : {});
      }

      let db: Db | null = null;
      try {
        db = openDatabase(this.databaseFile, key, { create: false, cacheMiB: MAIN_CACHE_MIB });
        assertNotNewer(db);
        const problems = integrityProblems(db);
        if (problems.length > 0) {
          throw new AppError('STORE_CORRUPT', `The store failed its integrity check: ${problems.slice(0, 3).join('; ')}. Nothing was written.`);
        }
        migrate(db, this.migrationSteps);
        const analyst = findProfile(db, entry.id);
        if (!analyst || analyst.disabled) throw new AppError('PROFILE_DISABLED', 'This profile is disabled.');
        const openDb = db;
        openDb.transaction(() => {
          if (entry.failures > 0) recordAudit(openDb, analyst.id, 'session.unlock_failed', { attempts: entry.failures });
          recordAudit(openDb, analyst.id, 'session.unlocked', {});
        })();
        const fresh = this.keyring();
        this.saveKeyring({
          ...fresh,
          lockScreenLocale: analyst.locale,
          profiles: fresh.profiles.map((p) => (p.id === entry.id ? { ...p, failures: 0, lastFailureAt: null } : p)),
        });
        this.begin(openDb, key, analyst);
      } catch (error) {
        db?.close();
        key.fill(0);
        if (isCorruption(error)) {
          throw new AppError('STORE_CORRUPT', `The store is damaged (${(error as Error).message}). Nothing was written.`, { cause: error });
        }
        throw error;
      }
      const state = this.state();
      this.onChange(state, 'unlock');
      return state;
    });
  }

  /** Counts a failed passphrase for a profile, persistently; returns the updated entry. */
  recordFailure(profileId: string): KeyringProfile | undefined {
    const keyring = this.keyring();
    const profiles = keyring.profiles.map((p) =>
      p.id === profileId ? { ...p, failures: p.failures + 1, lastFailureAt: this.now() } : p,
    );
    this.saveKeyring({ ...keyring, profiles });
    return profiles.find((p) => p.id === profileId);
  }

  /** Closes the database and wipes the key. Does nothing when already locked. */
  lock(reason: LockReason): SessionState {
    const current = this.current;
    if (current) {
      this.current = null;
      this.stopIdleTimer();
      try {
        recordAudit(current.db, current.analyst.id, 'session.locked', { reason });
      } finally {
        current.db.close();
        current.key.fill(0);
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

  private begin(db: Db, key: Buffer, analyst: Profile): void {
    // This connection answers the renderer: it never copies the WAL into the database itself.
    // With SQLite's default it would, at its first write after a sync page, with tens of MiB
    // to decrypt and encrypt again (measured: stalls up to 1.2 s). The sync worker checkpoints
    // as it writes and when its run ends; closing the last connection checkpoints the rest.
    db.pragma('wal_autocheckpoint = 0');
    this.current = { db, key, analyst };
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
