/**
 * Sealing a secret to an X25519 public key (src/main/crypto/seal.ts): only the
 * matching private key opens it, under the same context, unaltered.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { generateX25519, openSealed, sealSecret, x25519PublicOf } from '../../src/main/crypto/seal.ts';

test('a sealed secret opens with its recipient key and context only', () => {
  const secret = randomBytes(32);
  const alice = generateX25519();
  const bob = generateX25519();
  assert.deepEqual(x25519PublicOf(alice.privateKey), alice.publicKey);
  const sealed = sealSecret(secret, alice.publicKey, 'store-1/profile-a');
  assert.deepEqual(openSealed(sealed, alice.privateKey, 'store-1/profile-a'), secret);
  assert.equal(openSealed(sealed, bob.privateKey, 'store-1/profile-a'), null, 'another key');
  assert.equal(openSealed(sealed, alice.privateKey, 'store-1/profile-b'), null, 'another context');
  const flipped = Buffer.from(sealed.data, 'base64');
  flipped[0] = (flipped[0] as number) ^ 1;
  assert.equal(openSealed({ ...sealed, data: flipped.toString('base64') }, alice.privateKey, 'store-1/profile-a'), null, 'altered data');
  assert.equal(openSealed({ ...sealed, epk: bob.publicKey.toString('base64') }, alice.privateKey, 'store-1/profile-a'), null, 'swapped ephemeral key');
  assert.equal(openSealed({ ...sealed, epk: 'AAAA' }, alice.privateKey, 'store-1/profile-a'), null, 'malformed ephemeral key');
  // Two seals of the same secret share nothing (fresh ephemeral key and nonce).
  const again = sealSecret(secret, alice.publicKey, 'store-1/profile-a');
  assert.notEqual(again.epk, sealed.epk);
  assert.notEqual(again.data, sealed.data);
});
