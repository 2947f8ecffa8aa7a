import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { AppError } from '../../src/main/errors.ts';
import { readKeyring, retryAfterMs, throttleDelayMs, writeKeyring, keyringPath, type Keyring } from '../../src/main/store/keyring.ts';
import { tempDir } from '../helpers/store.ts';

const sample: Keyring = {
  format: 'iblagh-keyring',
  version: 1,
  storeId: 'store-1',
  lockScreenLocale: 'ar',
  profiles: [{ id: 'p1', name: 'Karima Benali', wrapped: null, failures: 2, lastFailureAt: 1000 }],
};

test('the keyring round-trips, owner-readable only', (t) => {
  const dir = tempDir(t);
  assert.equal(readKeyring(dir), null);
  writeKeyring(dir, sample);
  assert.deepEqual(readKeyring(dir), sample);
  assert.equal(statSync(keyringPath(dir)).mode & 0o777, 0o600);
});

test('a damaged keyring is an error, never replaced', (t) => {
  const dir = tempDir(t);
  writeFileSync(keyringPath(dir), '{"format":"iblagh-keyring","version":1');
  assert.throws(() => readKeyring(dir), (error: unknown) => error instanceof AppError && error.code === 'STORE_CORRUPT');
  writeFileSync(keyringPath(dir), JSON.stringify({ ...sample, profiles: [{ id: 'p1' }] }));
  assert.throws(() => readKeyring(dir), (error: unknown) => error instanceof AppError && error.code === 'STORE_CORRUPT');
  assert.match(readFileSync(keyringPath(dir), 'utf8'), /"p1"/);
});

test('throttling: three free attempts, then a doubling wait capped at five minutes', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map(throttleDelayMs), [0, 0, 0, 1000, 2000, 4000, 8000]);
  assert.equal(throttleDelayMs(40), 300_000);
  const profile = { ...sample.profiles[0]!, failures: 4, lastFailureAt: 10_000 };
  assert.equal(retryAfterMs(profile, 10_500), 1500);
  assert.equal(retryAfterMs(profile, 12_000), 0);
  // A clock set back never makes the wait longer than one full delay.
  assert.equal(retryAfterMs(profile, 0), 2000);
});
