/**
 * The keyring file: the only part of the store readable without a passphrase.
 *
 * Format, version 2 (`keyring.json`, JSON, owner-only, written atomically):
 *
 * ```
 * { format: 'iblagh-keyring', version: 2, storeId, lockScreenLocale,
 *   lookup:   { name: 'scrypt', N, r, p, salt },  // how login names become entry lookups
 *   keyId,                                         // id of the database key the entries hold
 *   nextKeyId: string | null,                      // set only while a rotation is under way
 *   unknown:  { failures, lastFailureAt },         // attempts with a name that matches no entry
 *   lastLogin: { remember, name },                 // name: the last login used here, only while a
 *                                                  //   supervisor allows it (off by default: null)
 *   entries: [{
 *     id,                 // the profile's id (a random UUID; the analysts table has the rest)
 *     lookup,             // scrypt(normalised login name, lookup.salt), base64: no name in clear
 *     publicKey,          // the profile's X25519 public key, raw, base64 (null for a legacy entry)
 *     privateKey,         // its private half wrapped under the passphrase (scrypt + AES-256-GCM),
 *                         //   additional data: entryAssociatedData(storeId, id, lookup, publicKey)
 *     sealed: [{ keyId, secret }],   // the database key sealed to publicKey (crypto/seal.ts),
 *                                    //   context: sealContext(storeId, id, keyId)
 *     legacy,             // a version-1 entry not yet converted: the database key wrapped under
 *                         //   the passphrase (additional data iblagh-keyring/v1/storeId/id)
 *     failures, lastFailureAt }] }
 * ```
 *
 * Version 1 (a list of `{ id, name, wrapped, failures, lastFailureAt }` with the
 * login names in clear) is still read: the first unlock rewrites it as version
 * 2 with every entry legacy and no name left (session/keyring-keys.ts), and
 * each legacy entry becomes an X25519 one at its own profile's next unlock.
 *
 * What the file says and what it does not: it names nobody (lookups are
 * per-store, salted and scrypt-slowed hashes of the login names: a list of
 * candidate names can still be tried against it offline, one scrypt each);
 * a lookup cannot be moved to another entry (it is in the private key's
 * additional data, and the unlocked profile's name is checked against the
 * encrypted database); the failure counters are not authenticated (nothing
 * secret is available to authenticate them while locked: whoever can write
 * the file can reset them, but whoever can read it can also try passphrases
 * offline at scrypt's cost; the counters slow guesses made through the app).
 * A disabled profile has no entry: its passphrase opens nothing, and the
 * database key it could once open has been replaced (profiles/rotation.ts).
 *
 * Backups seal the database key to each profile: `profileRecipients`.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { UiLocale } from '../../shared/schemas.ts';
import { AppError } from '../errors.ts';

/** Base64 of a small value (keys, salts, nonces, tags, wrapped keys): a few dozen bytes, 4 KiB at the most. */
export const Base64 = z.string().max(4096).regex(/^[A-Za-z0-9+/]*={0,2}$/);

const WrappedKeySchema = z.object({
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.number().int().min(2 ** 10).max(2 ** 24),
    r: z.number().int().min(1).max(64),
    p: z.number().int().min(1).max(16),
    salt: Base64,
  }),
  cipher: z.object({ name: z.literal('aes-256-gcm'), iv: Base64, tag: Base64, data: Base64 }),
});

/** A secret sealed to an X25519 key (crypto/seal.ts), as the keyring and a backup's header keep it. */
export const SealedSchema = z.object({
  alg: z.literal('x25519-hkdf-sha256-aes-256-gcm'),
  epk: Base64,
  iv: Base64,
  tag: Base64,
  data: Base64,
});

const KeyId = z.string().regex(/^[0-9a-f]{32}$/);

const Attempts = z.object({ failures: z.number().int().nonnegative(), lastFailureAt: z.number().int().nullable() });
export type Attempts = z.infer<typeof Attempts>;

const V1Profile = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  wrapped: WrappedKeySchema.nullable(),
  failures: z.number().int().nonnegative(),
  lastFailureAt: z.number().int().nullable(),
});

const KeyringV1 = z.object({
  format: z.literal('iblagh-keyring'),
  version: z.literal(1),
  storeId: z.string().min(1).max(64),
  lockScreenLocale: UiLocale,
  profiles: z.array(V1Profile),
});
export type KeyringV1 = z.infer<typeof KeyringV1>;

const KeyringEntry = z
  .object({
    id: z.string().min(1).max(64),
    lookup: Base64,
    publicKey: Base64.nullable(),
    privateKey: WrappedKeySchema.nullable(),
    sealed: z.array(z.object({ keyId: KeyId, secret: SealedSchema })).max(2),
    legacy: WrappedKeySchema.nullable(),
    failures: z.number().int().nonnegative(),
    lastFailureAt: z.number().int().nullable(),
  })
  .refine((e) => (e.legacy === null) === (e.publicKey !== null && e.privateKey !== null), {
    message: 'an entry holds either an X25519 key pair or a legacy wrapped key',
  });
export type KeyringEntry = z.infer<typeof KeyringEntry>;

const KeyringV2 = z.object({
  format: z.literal('iblagh-keyring'),
  version: z.literal(2),
  storeId: z.string().min(1).max(64),
  lockScreenLocale: UiLocale,
  lookup: WrappedKeySchema.shape.kdf,
  keyId: KeyId,
  nextKeyId: KeyId.nullable(),
  unknown: Attempts,
  /** The last login name used here, offered on the lock screen: only while a supervisor allows it (off by default). */
  lastLogin: z
    .object({ remember: z.boolean(), name: z.string().min(1).max(200).nullable() })
    .refine((l) => l.remember || l.name === null, { message: 'a last login name is kept only while allowed' })
    .default({ remember: false, name: null }),
  entries: z.array(KeyringEntry),
});
export type Keyring = z.infer<typeof KeyringV2>;

const KeyringFile = z.discriminatedUnion('version', [KeyringV1, KeyringV2]);
export type KeyringFile = z.infer<typeof KeyringFile>;

export const KEYRING_FILE = 'keyring.json';
export const KEYRING_LOCK_FILE = 'keyring.lock';

export function keyringPath(storeDir: string): string {
  return join(storeDir, KEYRING_FILE);
}

/** The keyring as stored (version 1 or 2), or null on first run. A damaged keyring is an error, never silently replaced. */
export function readKeyringFile(storeDir: string): KeyringFile | null {
  let text: string;
  try {
    text = readFileSync(keyringPath(storeDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AppError('STORE_CORRUPT', `The keyring ${KEYRING_FILE} is not valid JSON.`, { cause: error });
  }
  const result = KeyringFile.safeParse(parsed);
  if (!result.success) throw new AppError('STORE_CORRUPT', `The keyring ${KEYRING_FILE} is damaged: ${result.error.issues[0]?.message ?? 'invalid'}.`);
  return result.data;
}

/** Writes the keyring atomically: a crash leaves either the old file or the new one, never half of one. Only version 2 is ever written. */
export function writeKeyring(storeDir: string, keyring: Keyring): void {
  const target = keyringPath(storeDir);
  const temporary = `${target}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(KeyringV2.parse(keyring), null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, target);
  syncDirectory(storeDir);
}

/** Makes a rename in `dir` durable (fsync of the folder); a no-op where folders cannot be synced (Windows), where a rename is atomic anyway. */
export function syncDirectory(dir: string): void {
  try {
    const dirFd = openSync(dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Directory fsync is not supported everywhere (Windows); the rename is still atomic.
  }
}

/** Who may receive the database key without a passphrase: each converted profile's public key (backups seal to these). */
export function profileRecipients(keyring: Keyring): { profileId: string; publicKey: Buffer }[] {
  return keyring.entries.flatMap((e) => (e.publicKey === null ? [] : [{ profileId: e.id, publicKey: Buffer.from(e.publicKey, 'base64') }]));
}

/** Additional data of an entry's wrapped private key: binds it to its store, profile, lookup and public key. */
export function entryAssociatedData(storeId: string, profileId: string, lookup: string, publicKey: string): string {
  return `iblagh-keyring/v2/${storeId}/${profileId}/${lookup}/${publicKey}`;
}

/** Context of a database key sealed to a profile: binds it to its store, profile and key id. */
export function sealContext(storeId: string, profileId: string, keyId: string): string {
  return `iblagh-keyring/v2/db-key/${storeId}/${profileId}/${keyId}`;
}

/** Additional data of a version-1 entry's wrapped database key. */
export function legacyAssociatedData(storeId: string, profileId: string): string {
  return `iblagh-keyring/v1/${storeId}/${profileId}`;
}

/** Unlock attempts allowed before each further attempt has to wait. */
export const FREE_ATTEMPTS = 3;
const MAX_DELAY_MS = 5 * 60_000;

/** How long to wait after `failures` failed attempts: 0, 0, 0, then 1 s doubling up to 5 minutes. */
export function throttleDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_MS);
}

/** Milliseconds before this entry may try again (0 when it may try now). */
export function retryAfterMs(attempts: Attempts, now: number): number {
  if (attempts.lastFailureAt === null) return 0;
  const delay = throttleDelayMs(attempts.failures);
  // A clock set back must not extend the wait beyond one full delay.
  const elapsed = Math.max(0, now - attempts.lastFailureAt);
  return Math.max(0, delay - elapsed);
}

/** A lock older than this is stale even if its process id is alive (reused ids, another host on a shared folder). */
const STALE_LOCK_MS = 2 * 60_000;
const LOCK_WAIT_MS = 60_000;
const LOCK_POLL_MS = 25;

function lockIsStale(file: string, now: number): boolean {
  let text: string;
  let mtime: number;
  try {
    text = readFileSync(file, 'utf8');
    mtime = statSync(file).mtimeMs;
  } catch {
    return false; // gone already: the next try takes it
  }
  if (now - mtime > STALE_LOCK_MS) return true;
  // Just created, not yet written: its owner is alive.
  if (text === '') return false;
  const [pidText, host] = text.split('\n');
  // Another host's process cannot be asked: only the age tells.
  if (host !== hostname()) return false;
  const pid = Number(pidText);
  if (!Number.isSafeInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Runs `step` holding the store's keyring lock, an exclusive file created with
 * O_EXCL (`keyring.lock`: process id and host), across every process that opens
 * this store (the app, each `iblagh-ws` run). Unlock attempts are counted and
 * the keyring rewritten only under it, so parallel attempts neither skip the
 * throttle nor lose a count. A lock left by a process that died is taken over
 * (its process is gone, or it is older than two minutes). Waiting longer than
 * a minute answers THROTTLED.
 */
export async function withKeyringLock<T>(storeDir: string, step: () => Promise<T> | T): Promise<T> {
  const file = join(storeDir, KEYRING_LOCK_FILE);
  const deadline = Date.now() + LOCK_WAIT_MS;
  let fd: number | null = null;
  while (fd === null) {
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (lockIsStale(file, Date.now())) {
        try {
          unlinkSync(file);
        } catch {
          // Another process took it over first.
        }
        continue;
      }
      if (Date.now() > deadline) throw new AppError('THROTTLED', 'Another unlock of this store is under way; try again.', { retryAfterMs: 1000 });
      await sleep(LOCK_POLL_MS);
    }
  }
  try {
    writeSync(fd, `${process.pid}\n${hostname()}\n`);
  } finally {
    closeSync(fd);
  }
  try {
    return await step();
  } finally {
    try {
      unlinkSync(file);
    } catch {
      // Taken over as stale: nothing of ours to remove.
    }
  }
}
