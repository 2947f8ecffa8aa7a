/**
 * Wrapping of a secret by an analyst's passphrase: since keyring version 2,
 * the profile's X25519 private key (session/keyring-keys.ts); in version 1,
 * the database key itself.
 *
 * Secrets are never written to disk in clear. Each profile keeps its secret
 * wrapped with AES-256-GCM under a key derived from the passphrase with
 * scrypt. The parameters are stored beside the wrapped key, so
 * they can be raised later without locking anyone out. The additional data
 * binds a wrapped key to its store and profile: swapping entries between
 * profiles or stores fails authentication.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCallback } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * About half a second on the reference machine (2 cores, see docs/benchmarks.md,
 * `npm run bench:kdf`), 192 MiB of memory per derivation.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 12, p: 1 };

/** Cheap parameters for tests only: the stored parameters are what unlock uses. */
export const TEST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

export interface WrappedKey {
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  cipher: { name: 'aes-256-gcm'; iv: string; tag: string; data: string };
}

function derive(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const maxmem = 128 * params.N * params.r * params.p + 16 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    // NFC so that the same passphrase typed on another keyboard layout derives the same key.
    scryptCallback(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function wrapKey(
  secret: Buffer,
  passphrase: string,
  associatedData: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<WrappedKey> {
  const salt = randomBytes(16);
  const kek = await derive(passphrase, salt, params);
  try {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', kek, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const data = Buffer.concat([cipher.update(secret), cipher.final()]);
    return {
      kdf: { name: 'scrypt', ...params, salt: salt.toString('base64') },
      cipher: { name: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') },
    };
  } finally {
    kek.fill(0);
  }
}

/**
 * Returns the wrapped secret, or null when the passphrase is wrong (or the
 * entry was tampered with). The caller wipes the result; every intermediate
 * buffer (the derived key, the decipher's output parts) is wiped here.
 */
export async function unwrapKey(wrapped: WrappedKey, passphrase: string, associatedData: string): Promise<Buffer | null> {
  const { N, r, p, salt } = wrapped.kdf;
  const kek = await derive(passphrase, Buffer.from(salt, 'base64'), { N, r, p });
  const parts: Buffer[] = [];
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.cipher.iv, 'base64'));
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(Buffer.from(wrapped.cipher.tag, 'base64'));
    parts.push(decipher.update(Buffer.from(wrapped.cipher.data, 'base64')));
    parts.push(decipher.final());
    return Buffer.concat(parts);
  } catch {
    return null;
  } finally {
    kek.fill(0);
    for (const part of parts) part.fill(0);
  }
}

/**
 * Spends one derivation with these parameters and throws the result away: an
 * unlock with a name that matches no entry takes as long as a wrong passphrase.
 */
export async function deriveAndDiscard(passphrase: string, params: ScryptParams): Promise<void> {
  const key = await derive(passphrase, randomBytes(16), params);
  key.fill(0);
}

/** scrypt of a short public-ish string (a login name) under a salt: the keyring's lookups. */
export async function lookupHash(text: string, salt: Buffer, params: ScryptParams): Promise<string> {
  const hash = await derive(text, salt, params);
  try {
    return hash.toString('base64');
  } finally {
    hash.fill(0);
  }
}

