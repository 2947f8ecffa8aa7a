/**
 * Opening the encrypted database.
 *
 * One SQLite file encrypted by SQLite3MultipleCiphers in its SQLCipher v4
 * compatible scheme, keyed with the raw 32-byte database key (no passphrase
 * derivation inside SQLite: the key is already random). The WAL is encrypted
 * with the same key; temporary tables and sorts stay in memory so that no
 * plaintext temporary file is ever written.
 */
import { chmodSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../errors.ts';

export type Db = Database.Database;

export const DATABASE_FILE = 'store.db';
export const CIPHER_NAME = 'sqlcipher';

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/**
 * The raw-key form x'…' of a key, which skips SQLCipher's passphrase
 * derivation, built byte by byte into a Buffer: never a JavaScript string (a
 * string cannot be wiped and outlives the lock in the heap). The caller wipes it.
 */
export function rawKeyPragma(key: Buffer): Buffer {
  const raw = Buffer.alloc(key.length * 2 + 3);
  raw[0] = 0x78; // x
  raw[1] = 0x27; // '
  for (let i = 0; i < key.length; i += 1) {
    const byte = key[i] as number;
    raw[2 + i * 2] = HEX_DIGITS[byte >> 4] as number;
    raw[3 + i * 2] = HEX_DIGITS[byte & 15] as number;
  }
  raw[raw.length - 1] = 0x27;
  return raw;
}

function applyKey(db: Db, key: Buffer): void {
  db.pragma(`cipher = '${CIPHER_NAME}'`);
  db.pragma('legacy = 4');
  const raw = rawKeyPragma(key);
  try {
    db.key(raw);
  } finally {
    raw.fill(0);
  }
}

/**
 * Re-encrypts the open database (and its WAL) under a new key (SQLite3
 * Multiple Ciphers' rekey, supported in WAL mode since its 2.4.0). The caller
 * makes sure no other connection to the file is open: one keyed with the old
 * key would fail at its next read.
 */
export function rekeyDatabase(db: Db, newKey: Buffer): void {
  const raw = rawKeyPragma(newKey);
  try {
    db.rekey(raw);
  } finally {
    raw.fill(0);
  }
}

/**
 * Opens (or, with `create`, creates) the encrypted database. A wrong key or a
 * file that is not an encrypted store is STORE_CORRUPT: the database key comes
 * from an authenticated wrap, so a key that does not open it means the file
 * itself was damaged or replaced.
 */
export function openDatabase(file: string, key: Buffer, options: { create: boolean; readonly?: boolean; /** Page cache of this connection, in MiB (SQLite's default is 2). */ cacheMiB?: number }): Db {
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: !options.create, readonly: options.readonly ?? false });
  } catch (error) {
    throw new AppError('STORE_CORRUPT', 'The store database file cannot be opened.', { cause: error });
  }
  // Owner only; SQLite gives the WAL and shared-memory files the database file's mode.
  if (options.create) chmodSync(file, 0o600);
  try {
    applyKey(db, key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma('temp_store = MEMORY');
    if (options.cacheMiB !== undefined) db.pragma(`cache_size = -${Math.round(options.cacheMiB * 1024)}`);
    db.pragma('foreign_keys = ON');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // FULL: a committed transaction survives a power cut, which the sync cursor and
      // the status outbox rely on.
      db.pragma('synchronous = FULL');
    }
    return db;
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    throw new AppError('STORE_CORRUPT', 'The store database cannot be decrypted: the file is damaged or is not this store.', {
      cause: error,
    });
  }
}

/**
 * The integrity check of a store file on a read-only connection, with the
 * first of `keys` that opens it: a read-only connection never checkpoints
 * and never removes the WAL when it closes, so a damaged store is examined
 * without a byte of it written. (Closing a read-write connection copies the
 * WAL into the database file and deletes it: after a crash, the damaged file
 * would be rewritten and the last committed pages merged into it.) Returns
 * the problems found (empty when sound); a file no key opens is one problem.
 */
export function readOnlyIntegrityProblems(file: string, keys: readonly Buffer[]): string[] {
  let lastError = 'no key to open the store';
  for (const key of keys) {
    let db: Db;
    try {
      db = openDatabase(file, key, { create: false, readonly: true });
    } catch (error) {
      lastError = (error as Error).message;
      continue;
    }
    try {
      return integrityProblems(db);
    } finally {
      db.close();
    }
  }
  return [lastError];
}

/** Full integrity check; returns the problems found (empty when sound). */
export function integrityProblems(db: Db): string[] {
  let rows: { integrity_check: string }[];
  try {
    rows = db.pragma('integrity_check') as { integrity_check: string }[];
  } catch (error) {
    // A page that fails the cipher's authentication aborts the check itself.
    return [(error as Error).message];
  }
  const problems = rows.map((row) => row.integrity_check).filter((message) => message !== 'ok');
  const foreignKeys = db.pragma('foreign_key_check') as unknown[];
  if (foreignKeys.length > 0) problems.push(`${foreignKeys.length} foreign key violation(s)`);
  return problems;
}

/** Whether an error from SQLite means the file is damaged rather than the request wrong. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB'));
}
