import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { test } from 'node:test';
import { ED25519_IMPLEMENTATION, ed25519Verifier } from '../../src/main/crypto/ed25519.ts';

test('the workstation verifies Ed25519 with libsodium, and agrees with OpenSSL', () => {
  assert.equal(ED25519_IMPLEMENTATION, 'libsodium (sodium-native)', 'the prebuilt native module loads');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  const verify = ed25519Verifier(publicKey);
  const message = Buffer.from('{"kind":"report","id":"IBL-2026-0000041"}');
  const signature = sign(null, message, privateKey);
  assert.equal(verify(message, signature), true);
  assert.equal(verify(Buffer.from('{"kind":"report","id":"IBL-2026-0000042"}'), signature), false);
  assert.equal(verify(message, sign(null, message, other.privateKey)), false);
  const flipped = Buffer.from(signature);
  flipped[10] = (flipped[10] ?? 0) ^ 1;
  assert.equal(verify(message, flipped), false);
  assert.equal(verify(message, signature.subarray(0, 63)), false);
  assert.equal(verify(message, Buffer.alloc(64)), false);
});
