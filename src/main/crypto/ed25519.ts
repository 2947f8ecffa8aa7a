/**
 * Ed25519 verification of intake changes.
 *
 * libsodium (sodium-native, shipped with prebuilt Node-API binaries) verifies
 * about twice as fast as Node's OpenSSL on the reference machine, and
 * verification is the costliest step of a sync (docs/benchmarks.md). Where
 * the native module cannot load, Node's own crypto does the same check.
 * Both follow RFC 8032; libsodium also refuses small-order keys and points,
 * which no honest signer produces.
 */
import { createRequire } from 'node:module';
import { verify, type KeyObject } from 'node:crypto';

interface Sodium {
  crypto_sign_verify_detached(signature: Buffer, message: Buffer, publicKey: Buffer): boolean;
}

function loadSodium(): Sodium | null {
  try {
    return createRequire(import.meta.url)('sodium-native') as Sodium;
  } catch {
    return null;
  }
}

const sodium = loadSodium();

/** Which implementation verifies, for the benchmark's report. */
export const ED25519_IMPLEMENTATION = sodium ? 'libsodium (sodium-native)' : 'OpenSSL (node:crypto)';

/** A verifier bound to one public key. */
export type Ed25519Verify = (message: Buffer, signature: Buffer) => boolean;

export function ed25519Verifier(publicKey: KeyObject): Ed25519Verify {
  if (sodium) {
    // The raw key is the last 32 bytes of its SubjectPublicKeyInfo (12-byte header).
    const raw = Buffer.from(publicKey.export({ type: 'spki', format: 'der' }).subarray(-32));
    return (message, signature) => signature.length === 64 && sodium.crypto_sign_verify_detached(signature, message, raw);
  }
  return (message, signature) => signature.length === 64 && verify(null, message, publicKey, signature);
}
