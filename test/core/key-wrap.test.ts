import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { TEST_SCRYPT, unwrapKey, wrapKey } from '../../src/main/crypto/key-wrap.ts';

test('a wrapped key comes back only with the right passphrase and binding', async () => {
  const key = randomBytes(32);
  const wrapped = await wrapKey(key, 'orange tapis falaise 42 nuage', 'store-a/profile-1', TEST_SCRYPT);
  assert.deepEqual(wrapped.kdf, { name: 'scrypt', ...TEST_SCRYPT, salt: wrapped.kdf.salt });
  assert.ok(!JSON.stringify(wrapped).includes(key.toString('base64')));
  assert.deepEqual(await unwrapKey(wrapped, 'orange tapis falaise 42 nuage', 'store-a/profile-1'), key);
  assert.equal(await unwrapKey(wrapped, 'orange tapis falaise 42 nuagE', 'store-a/profile-1'), null);
  // Moving an entry to another profile or store fails authentication.
  assert.equal(await unwrapKey(wrapped, 'orange tapis falaise 42 nuage', 'store-a/profile-2'), null);
  assert.equal(await unwrapKey(wrapped, 'orange tapis falaise 42 nuage', 'store-b/profile-1'), null);
});

test('the same passphrase typed in another Unicode normal form unwraps the key', async () => {
  const key = randomBytes(32);
  const composed = 'kl\u00e9 d\u00e9pos\u00e9e sous scell\u00e9s 2026';
  const wrapped = await wrapKey(key, composed, 'aad', TEST_SCRYPT);
  assert.deepEqual(await unwrapKey(wrapped, composed.normalize('NFD'), 'aad'), key);
});

test('a tampered wrapped key is refused', async () => {
  const key = randomBytes(32);
  const wrapped = await wrapKey(key, 'orange tapis falaise 42 nuage', 'aad', TEST_SCRYPT);
  const data = Buffer.from(wrapped.cipher.data, 'base64');
  data[0] = (data[0] ?? 0) ^ 1;
  const tampered = { ...wrapped, cipher: { ...wrapped.cipher, data: data.toString('base64') } };
  assert.equal(await unwrapKey(tampered, 'orange tapis falaise 42 nuage', 'aad'), null);
});
