/** The intake service's Ed25519 public key, handed over out of band as a PEM file. */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

export class IntakeKeyError extends Error {}

export function parseIntakeKey(pem: string): KeyObject {
  if (!/^-----BEGIN PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PUBLIC KEY-----\s*$/.test(pem.trim() + '\n')) {
    throw new IntakeKeyError('The intake key must be a PEM public key (-----BEGIN PUBLIC KEY-----).');
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new IntakeKeyError(`The intake key cannot be read: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new IntakeKeyError(`The intake key must be an Ed25519 key, not ${key.asymmetricKeyType ?? 'unknown'}.`);
  return key;
}

/** SHA-256 of the SubjectPublicKeyInfo, as colon-separated hex pairs, for reading aloud over the phone. */
export function keyFingerprint(key: KeyObject): string {
  const der = key.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
}
