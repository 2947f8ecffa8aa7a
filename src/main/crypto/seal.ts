/**
 * Sealing a secret (the database key) to an X25519 public key, so that whoever
 * holds the matching private key, and only they, can open it; sealing needs no
 * secret of the recipient. This is how the database key reaches each profile
 * after a rotation (the profiles' private keys are wrapped under their own
 * passphrases) and how a backup carries it to the profiles and to the
 * recovery key.
 *
 * The construction is ECIES in HPKE's shape, from Node's own primitives: a
 * fresh ephemeral X25519 key pair per seal; the shared secret goes through
 * HKDF-SHA256 (salt: the ephemeral and recipient public keys; info: the
 * caller's context string) to an AES-256-GCM key; the context string is also
 * the additional data, so a sealed key moved to another store, profile or
 * purpose fails authentication. Every intermediate secret buffer is wiped.
 */
import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';

export interface SealedSecret {
  alg: 'x25519-hkdf-sha256-aes-256-gcm';
  /** The ephemeral public key, raw 32 bytes, base64. */
  epk: string;
  iv: string;
  tag: string;
  data: string;
}

export interface X25519KeyPair {
  /** Raw 32 bytes. */
  publicKey: Buffer;
  /** Raw 32 bytes; the caller wipes it. */
  privateKey: Buffer;
}

const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

export function publicKeyObject(raw: Buffer): KeyObject {
  if (raw.length !== 32) throw new Error('An X25519 public key is 32 bytes.');
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

function privateKeyObject(raw: Buffer): KeyObject {
  if (raw.length !== 32) throw new Error('An X25519 private key is 32 bytes.');
  const der = Buffer.concat([PKCS8_PREFIX, raw]);
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } finally {
    der.fill(0);
  }
}

function rawPublic(key: KeyObject): Buffer {
  return Buffer.from(key.export({ type: 'spki', format: 'der' }).subarray(-32));
}

export function generateX25519(): X25519KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const der = privateKey.export({ type: 'pkcs8', format: 'der' });
  const raw = Buffer.from(der.subarray(-32));
  der.fill(0);
  return { publicKey: rawPublic(publicKey), privateKey: raw };
}

/** The public half of a raw private key. */
export function x25519PublicOf(privateKey: Buffer): Buffer {
  return rawPublic(createPublicKey(privateKeyObject(privateKey)));
}

function aeadKey(shared: Buffer, epk: Buffer, recipient: Buffer, context: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([epk, recipient]), Buffer.from(`iblagh-seal/v1/${context}`, 'utf8'), 32));
}

/** Seals `secret` to the recipient's raw X25519 public key, bound to `context`. */
export function sealSecret(secret: Buffer, recipientPublicKey: Buffer, context: string): SealedSecret {
  const ephemeral = generateX25519();
  const shared = diffieHellman({ privateKey: privateKeyObject(ephemeral.privateKey), publicKey: publicKeyObject(recipientPublicKey) });
  const key = aeadKey(shared, ephemeral.publicKey, recipientPublicKey, context);
  try {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(secret), cipher.final()]);
    return { alg: 'x25519-hkdf-sha256-aes-256-gcm', epk: ephemeral.publicKey.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  } finally {
    shared.fill(0);
    key.fill(0);
    ephemeral.privateKey.fill(0);
  }
}

/** Opens a sealed secret with the recipient's raw private key; null when it is not for this key or was altered. The caller wipes the result. */
export function openSealed(sealed: SealedSecret, recipientPrivateKey: Buffer, context: string): Buffer | null {
  let shared: Buffer | null = null;
  let key: Buffer | null = null;
  const parts: Buffer[] = [];
  try {
    const epk = Buffer.from(sealed.epk, 'base64');
    const recipient = x25519PublicOf(recipientPrivateKey);
    shared = diffieHellman({ privateKey: privateKeyObject(recipientPrivateKey), publicKey: publicKeyObject(epk) });
    key = aeadKey(shared, epk, recipient, context);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    parts.push(decipher.update(Buffer.from(sealed.data, 'base64')));
    parts.push(decipher.final());
    return Buffer.concat(parts);
  } catch {
    return null;
  } finally {
    shared?.fill(0);
    key?.fill(0);
    for (const part of parts) part.fill(0);
  }
}
