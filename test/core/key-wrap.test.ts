import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { TEST_SCRYPT, lookupHash, unwrapKey, wrapKey } from '../../src/main/crypto/key-wrap.ts';
import { rawKeyPragma } from '../../src/main/store/database.ts';

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

test('the keying pragma is built from the key bytes exactly as x\'<hex>\' would be', () => {
  for (const key of [Buffer.alloc(32), Buffer.alloc(32, 0xff), randomBytes(32), Buffer.from('00112233445566778899aabbccddeeff0123456789abcdef0f1e2d3c4b5a6978', 'hex')]) {
    assert.deepEqual(rawKeyPragma(key), Buffer.from(`x'${key.toString('hex')}'`, 'latin1'));
  }
});

test('a login lookup depends on the store\'s salt and on nothing else', async () => {
  const params = TEST_SCRYPT;
  const salt = randomBytes(32);
  const a = await lookupHash('karima benali', salt, params);
  assert.equal(await lookupHash('karima benali', salt, params), a);
  assert.notEqual(await lookupHash('karima benali', randomBytes(32), params), a);
  assert.notEqual(await lookupHash('youssef idrissi', salt, params), a);
  assert.equal(Buffer.from(a, 'base64').length, 32);
});
