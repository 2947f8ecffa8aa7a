/**
 * The keyring's keys (format in store/keyring.ts): login lookups, each
 * profile's X25519 key pair, the database key sealed to it, the upgrade of a
 * version-1 keyring, and the rotation of the database key.
 *
 * Every secret buffer made here is wiped by whoever ends its use: the
 * functions say which they hand over.
 */
import { randomBytes } from 'node:crypto';
import { generateX25519, openSealed, sealSecret, x25519PublicOf } from '../crypto/seal.ts';
import { lookupHash, unwrapKey, wrapKey, type ScryptParams } from '../crypto/key-wrap.ts';
import { rekeyDatabase, type Db } from '../store/database.ts';
import {
  entryAssociatedData,
  legacyAssociatedData,
  sealContext,
  writeKeyring,
  type Keyring,
  type KeyringEntry,
  type KeyringV1,
} from '../store/keyring.ts';
import type { UiLocale } from '../../shared/schemas.ts';

/**
 * Lookups cost one scrypt of 16 MiB (tens of milliseconds): nothing for an
 * unlock, but a list of a million candidate names costs hours of a core per
 * store instead of a second. It cannot protect a name that is guessed: the
 * roster of a police service is a short list.
 */
const LOOKUP_SCRYPT: ScryptParams = { N: 2 ** 14, r: 8, p: 1 };

/** The form of a login name that lookups hash: Unicode NFKC, spaces collapsed, lower case. */
export function normaliseLoginName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

export function newKeyId(): string {
  return randomBytes(16).toString('hex');
}

function lookupParams(scrypt: ScryptParams): ScryptParams {
  // Test stores use cheap parameters for everything.
  return scrypt.N < LOOKUP_SCRYPT.N ? { N: scrypt.N, r: scrypt.r, p: 1 } : LOOKUP_SCRYPT;
}

export function lookupOf(keyring: Pick<Keyring, 'lookup'>, name: string): Promise<string> {
  const { N, r, p, salt } = keyring.lookup;
  return lookupHash(normaliseLoginName(name), Buffer.from(salt, 'base64'), { N, r, p });
}

/** A keyring with no entry yet, for a new store. */
export function emptyKeyring(storeId: string, locale: UiLocale, scrypt: ScryptParams): Keyring {
  return {
    format: 'iblagh-keyring',
    version: 2,
    storeId,
    lockScreenLocale: locale,
    lookup: { name: 'scrypt', ...lookupParams(scrypt), salt: randomBytes(32).toString('base64') },
    keyId: newKeyId(),
    nextKeyId: null,
    unknown: { failures: 0, lastFailureAt: null },
    lastLogin: { remember: false, name: null },
    entries: [],
  };
}

/**
 * A version-1 keyring rewritten as version 2: every enabled entry becomes a
 * legacy entry found by its lookup (the name is dropped), disabled ones go.
 * Needs no secret.
 */
export async function upgradeKeyring(v1: KeyringV1, scrypt: ScryptParams): Promise<Keyring> {
  const keyring = emptyKeyring(v1.storeId, v1.lockScreenLocale, scrypt);
  for (const profile of v1.profiles) {
    if (profile.wrapped === null) continue;
    keyring.entries.push({
      id: profile.id,
      lookup: await lookupOf(keyring, profile.name),
      publicKey: null,
      privateKey: null,
      sealed: [],
      legacy: profile.wrapped,
      failures: profile.failures,
      lastFailureAt: profile.lastFailureAt,
    });
  }
  return keyring;
}

/**
 * A profile's entry: a fresh X25519 key pair, the private half wrapped under
 * the passphrase, the database key sealed to the public half.
 */
export async function createEntry(
  keyring: Keyring,
  profile: { id: string; name: string },
  passphrase: string,
  databaseKey: Buffer,
  scrypt: ScryptParams,
): Promise<KeyringEntry> {
  const pair = generateX25519();
  try {
    const lookup = await lookupOf(keyring, profile.name);
    const publicKey = pair.publicKey.toString('base64');
    const privateKey = await wrapKey(pair.privateKey, passphrase, entryAssociatedData(keyring.storeId, profile.id, lookup, publicKey), scrypt);
    return {
      id: profile.id,
      lookup,
      publicKey,
      privateKey,
      sealed: [{ keyId: keyring.keyId, secret: sealSecret(databaseKey, pair.publicKey, sealContext(keyring.storeId, profile.id, keyring.keyId)) }],
      legacy: null,
      failures: 0,
      lastFailureAt: null,
    };
  } finally {
    pair.privateKey.fill(0);
  }
}

/** What a right passphrase opens: the private key (none for a legacy entry) and the database keys sealed to it, by key id. The caller wipes them all. */
export interface OpenedEntry {
  privateKey: Buffer | null;
  keys: { keyId: string; key: Buffer }[];
}

export function wipeOpened(opened: OpenedEntry): void {
  opened.privateKey?.fill(0);
  for (const { key } of opened.keys) key.fill(0);
}

/** Opens an entry with a passphrase; null when the passphrase is wrong or the entry was altered. */
export async function openEntry(keyring: Keyring, entry: KeyringEntry, passphrase: string): Promise<OpenedEntry | null> {
  if (entry.legacy) {
    const key = await unwrapKey(entry.legacy, passphrase, legacyAssociatedData(keyring.storeId, entry.id));
    return key ? { privateKey: null, keys: [{ keyId: keyring.keyId, key }] } : null;
  }
  if (!entry.privateKey || !entry.publicKey) return null;
  const privateKey = await unwrapKey(entry.privateKey, passphrase, entryAssociatedData(keyring.storeId, entry.id, entry.lookup, entry.publicKey));
  if (!privateKey) return null;
  if (!x25519PublicOf(privateKey).equals(Buffer.from(entry.publicKey, 'base64'))) {
    privateKey.fill(0);
    return null;
  }
  const keys: OpenedEntry['keys'] = [];
  for (const { keyId, secret } of entry.sealed) {
    const key = openSealed(secret, privateKey, sealContext(keyring.storeId, entry.id, keyId));
    if (key) keys.push({ keyId, key });
  }
  return { privateKey, keys };
}

/** The same entry with its private key wrapped under a new passphrase (the key pair and seals stay). */
export async function rewrapEntry(keyring: Keyring, entry: KeyringEntry, privateKey: Buffer, passphrase: string, scrypt: ScryptParams): Promise<KeyringEntry> {
  if (!entry.publicKey) throw new Error('A legacy entry has no key pair to rewrap.');
  const wrapped = await wrapKey(privateKey, passphrase, entryAssociatedData(keyring.storeId, entry.id, entry.lookup, entry.publicKey), scrypt);
  return { ...entry, privateKey: wrapped, failures: 0, lastFailureAt: null };
}

function sealFor(keyring: Keyring, entry: KeyringEntry, keyId: string, key: Buffer): { keyId: string; secret: ReturnType<typeof sealSecret> } {
  if (!entry.publicKey) throw new Error('A legacy entry cannot receive a sealed key.');
  return { keyId, secret: sealSecret(key, Buffer.from(entry.publicKey, 'base64'), sealContext(keyring.storeId, entry.id, keyId)) };
}

/** Where a rotation may be stopped by a test, to show that a crash there locks nobody out. */
export type RotationStep = 'both-sealed' | 'rekeyed';

/** Thrown by a rotation told to stop after a step (tests only): what is on disk is what a crash there leaves. */
export class RotationCrash extends Error {
  readonly step: RotationStep;
  constructor(step: RotationStep) {
    super(`Rotation stopped after ${step}, as a crash would.`);
    this.step = step;
  }
}

export interface RotationResult {
  keyring: Keyring;
  /** Legacy entries (not unlocked since the upgrade) that could not receive the new key and were removed. */
  droppedLegacy: string[];
}

/**
 * Rotates the database key of the open database, crash-safe:
 *
 * 1. a new random key; the keyring is written with every remaining converted
 *    entry holding the current key and the new one, sealed to its public key,
 *    `nextKeyId` naming the new one, and the excluded profiles' entries gone;
 * 2. `PRAGMA rekey` re-encrypts the database and its WAL;
 * 3. the keyring is written again with the new key only.
 *
 * A crash before 2 leaves the old key working; after 2, the new one; the next
 * unlock finishes (unlockSession rolls a pending rotation forward). Legacy
 * entries cannot receive the new key without their passphrase: they are
 * dropped, and the caller disables those profiles until a supervisor gives
 * them a new passphrase. Needs no one's passphrase. The caller makes sure no
 * other connection to the database is open and holds the keyring lock.
 */
export function rotateDatabaseKey(
  storeDir: string,
  db: Db,
  keyring: Keyring,
  currentKey: Buffer,
  exclude: ReadonlySet<string>,
  stopAfter?: RotationStep,
): RotationResult & { newKey: Buffer } {
  const newKey = randomBytes(32);
  const nextKeyId = newKeyId();
  const droppedLegacy = keyring.entries.filter((e) => !exclude.has(e.id) && e.legacy !== null).map((e) => e.id);
  const kept = keyring.entries.filter((e) => !exclude.has(e.id) && e.legacy === null);
  try {
    const both: Keyring = {
      ...keyring,
      nextKeyId,
      entries: kept.map((e) => ({ ...e, sealed: [sealFor(keyring, e, keyring.keyId, currentKey), sealFor(keyring, e, nextKeyId, newKey)] })),
    };
    writeKeyring(storeDir, both);
    if (stopAfter === 'both-sealed') throw new RotationCrash(stopAfter);
    rekeyDatabase(db, newKey);
    if (stopAfter === 'rekeyed') throw new RotationCrash(stopAfter);
    const done = finishRotation(both);
    writeKeyring(storeDir, done);
    return { keyring: done, droppedLegacy, newKey };
  } catch (error) {
    newKey.fill(0);
    throw error;
  }
}

/** The keyring once the database is under `nextKeyId`: the old seals dropped. */
export function finishRotation(keyring: Keyring): Keyring {
  const next = keyring.nextKeyId;
  if (next === null) return keyring;
  return {
    ...keyring,
    keyId: next,
    nextKeyId: null,
    entries: keyring.entries.map((e) => ({ ...e, sealed: e.sealed.filter((s) => s.keyId === next) })),
  };
}

/** The keyring when a rotation is abandoned before its rekey: the new seals dropped. */
export function abandonRotation(keyring: Keyring): Keyring {
  return {
    ...keyring,
    nextKeyId: null,
    entries: keyring.entries.map((e) => ({ ...e, sealed: e.sealed.filter((s) => s.keyId === keyring.keyId) })),
  };
}

/** A legacy entry converted at its profile's unlock: a key pair, the current database key sealed to it. */
export function convertLegacy(keyring: Keyring, entry: KeyringEntry, name: string, passphrase: string, databaseKey: Buffer, scrypt: ScryptParams): Promise<KeyringEntry> {
  return createEntry(keyring, { id: entry.id, name }, passphrase, databaseKey, scrypt);
}
