/**
 * An intake original's signature, checked again over the stored payload with
 * the intake key kept beside it (the key the sync verified it with, kept in
 * the item's method when it became evidence). The key is read and its
 * fingerprint made as the intake settings do (crypto/intake-key.ts); the check
 * is the sync's own (crypto/ed25519.ts).
 */
import type { SignatureCheck } from '../../shared/evidence.ts';
import { ed25519Verifier, type Ed25519Verify } from '../crypto/ed25519.ts';
import { keyFingerprint, parseIntakeKey } from '../crypto/intake-key.ts';

interface Key {
  fingerprint: string;
  verify: Ed25519Verify;
}

const keys = new Map<string, Key | null>();

function readKey(pem: string): Key | null {
  if (keys.has(pem)) return keys.get(pem)!;
  let key: Key | null;
  try {
    const object = parseIntakeKey(pem);
    key = { fingerprint: keyFingerprint(object), verify: ed25519Verifier(object) };
  } catch {
    // Not an Ed25519 PEM public key: no fingerprint, nothing verifies.
    key = null;
  }
  if (keys.size > 16) keys.clear();
  keys.set(pem, key);
  return key;
}

/** The fingerprint of a PEM public key, or null when it is not an Ed25519 key. */
export function pemFingerprint(pem: string | null | undefined): string | null {
  return pem ? (readKey(pem)?.fingerprint ?? null) : null;
}

/** Whether `sig` (base64) is the key's signature of the payload's exact bytes. */
export function checkSignature(payload: Buffer, sig: string, keyPem: string | null, configuredPem: string | null): SignatureCheck {
  const key = keyPem ? readKey(keyPem) : null;
  if (!key) return { verified: false, keyFingerprint: null, currentKey: false };
  const verified = /^[A-Za-z0-9+/]+={0,2}$/.test(sig) && key.verify(payload, Buffer.from(sig, 'base64'));
  return { verified, keyFingerprint: key.fingerprint, currentKey: pemFingerprint(configuredPem) === key.fingerprint };
}
