import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../src/main/errors.ts';
import { TEST_SCRYPT, wrapKey } from '../../src/main/crypto/key-wrap.ts';
import {
  KEYRING_LOCK_FILE,
  keyringPath,
  legacyAssociatedData,
  profileRecipients,
  readKeyringFile,
  retryAfterMs,
  throttleDelayMs,
  withKeyringLock,
  writeKeyring,
  type Keyring,
  type KeyringV1,
} from '../../src/main/store/keyring.ts';
import { emptyKeyring, openEntry } from '../../src/main/session/keyring-keys.ts';
import { ANALYST, SUPERVISOR, createProfile, failure, setUpStore, tempDir, testCore, value } from '../helpers/store.ts';

const sample: Keyring = { ...emptyKeyring('store-1', 'ar', TEST_SCRYPT), unknown: { failures: 2, lastFailureAt: 1000 } };

test('the keyring round-trips, owner-readable only', (t) => {
  const dir = tempDir(t);
  assert.equal(readKeyringFile(dir), null);
  writeKeyring(dir, sample);
  assert.deepEqual(readKeyringFile(dir), sample);
  assert.equal(statSync(keyringPath(dir)).mode & 0o777, 0o600);
});

test('a damaged keyring is an error, never replaced', (t) => {
  const dir = tempDir(t);
  writeFileSync(keyringPath(dir), '{"format":"iblagh-keyring","version":2');
  assert.throws(() => readKeyringFile(dir), (error: unknown) => error instanceof AppError && error.code === 'STORE_CORRUPT');
  writeFileSync(keyringPath(dir), JSON.stringify({ ...sample, entries: [{ id: 'p1' }] }));
  assert.throws(() => readKeyringFile(dir), (error: unknown) => error instanceof AppError && error.code === 'STORE_CORRUPT');
  assert.match(readFileSync(keyringPath(dir), 'utf8'), /"p1"/);
});

test('throttling: three free attempts, then a doubling wait capped at five minutes', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map(throttleDelayMs), [0, 0, 0, 1000, 2000, 4000, 8000]);
  assert.equal(throttleDelayMs(40), 300_000);
  const attempts = { failures: 4, lastFailureAt: 10_000 };
  assert.equal(retryAfterMs(attempts, 10_500), 1500);
  assert.equal(retryAfterMs(attempts, 12_000), 0);
  // A clock set back never makes the wait longer than one full delay.
  assert.equal(retryAfterMs(attempts, 0), 2000);
});

test('the keyring names nobody: login names only as salted lookups, entries found by them', async (t) => {
  const dir = tempDir(t);
  const core = testCore(t, dir);
  await setUpStore(core);
  await createProfile(core, ANALYST);
  const text = readFileSync(keyringPath(dir), 'utf8');
  for (const word of [...SUPERVISOR.name.split(' '), ...ANALYST.name.split(' ')]) {
    assert.ok(!text.toLowerCase().includes(word.toLowerCase()), `${word} is in the keyring`);
  }
  const keyring = readKeyringFile(dir) as Keyring;
  assert.equal(keyring.version, 2);
  assert.equal(keyring.entries.length, 2);
  assert.deepEqual(
    profileRecipients(keyring).map((r) => [r.profileId, r.publicKey.length]),
    keyring.entries.map((e) => [e.id, 32]),
  );
  // Another store hashes the same name differently (its own salt).
  const other = tempDir(t);
  const second = testCore(t, other);
  await setUpStore(second);
  assert.notEqual((readKeyringFile(other) as Keyring).entries[0]!.lookup, keyring.entries[0]!.lookup);
});

test('editing the keyring cannot swap who is who', async (t) => {
  const dir = tempDir(t);
  const core = testCore(t, dir);
  await setUpStore(core);
  await createProfile(core, ANALYST);
  await value(core, 'session.lock');
  const keyring = readKeyringFile(dir) as Keyring;
  const [a, b] = keyring.entries as [Keyring['entries'][number], Keyring['entries'][number]];
  // The analyst's lookup put on the supervisor's entry: the analyst's name now finds the supervisor's key.
  writeKeyring(dir, { ...keyring, entries: [{ ...a, lookup: b.lookup }, { ...b, lookup: a.lookup }] });
  assert.equal((await failure(core, 'session.unlock', { name: ANALYST.name, passphrase: SUPERVISOR.passphrase })).code, 'WRONG_PASSPHRASE');
  assert.equal((await failure(core, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase })).code, 'WRONG_PASSPHRASE');
  // The supervisor's private key moved into the analyst's entry with the analyst's lookup: refused too.
  writeKeyring(dir, { ...keyring, entries: [{ ...b, privateKey: a.privateKey, publicKey: a.publicKey, sealed: a.sealed }, a] });
  assert.equal((await failure(core, 'session.unlock', { name: ANALYST.name, passphrase: SUPERVISOR.passphrase })).code, 'WRONG_PASSPHRASE');
  writeKeyring(dir, keyring);
  assert.equal((await value(core, 'session.unlock', { name: ANALYST.name, passphrase: ANALYST.passphrase })).phase, 'unlocked');
});

test('a version-1 keyring still opens: the first unlock drops the names, each profile converts at its own unlock', async (t) => {
  const dir = tempDir(t);
  const core = testCore(t, dir);
  await setUpStore(core);
  const analyst = await createProfile(core, ANALYST);
  const state = await value(core, 'session.state');
  const supervisorId = state.phase === 'unlocked' ? state.analyst.id : '';
  await value(core, 'session.lock');
  core.close();

  // Rebuild the same store's keyring in version 1 (the database key wrapped under each passphrase) from the key it holds now.
  const v2 = readKeyringFile(dir) as Keyring;
  const opened = await openEntry(v2, v2.entries[0]!, SUPERVISOR.passphrase);
  assert.ok(opened);
  const key = opened.keys[0]!.key;
  const v1: KeyringV1 = {
    format: 'iblagh-keyring',
    version: 1,
    storeId: v2.storeId,
    lockScreenLocale: 'fr',
    profiles: [
      { id: supervisorId, name: SUPERVISOR.name, wrapped: await wrapKey(key, SUPERVISOR.passphrase, legacyAssociatedData(v2.storeId, supervisorId), TEST_SCRYPT), failures: 0, lastFailureAt: null },
      { id: analyst.id, name: ANALYST.name, wrapped: await wrapKey(key, ANALYST.passphrase, legacyAssociatedData(v2.storeId, analyst.id), TEST_SCRYPT), failures: 1, lastFailureAt: 5 },
      { id: 'gone', name: 'Ancien Agent', wrapped: null, failures: 0, lastFailureAt: null },
    ],
  };
  writeFileSync(keyringPath(dir), JSON.stringify(v1));
  key.fill(0);

  const again = testCore(t, dir);
  assert.deepEqual(await value(again, 'session.state'), { phase: 'locked', locale: 'fr', lastName: null });
  // Even a failed attempt rewrites the file without the names.
  assert.equal((await failure(again, 'session.unlock', { name: ANALYST.name, passphrase: 'pas la bonne phrase du tout' })).code, 'WRONG_PASSPHRASE');
  const upgraded = readKeyringFile(dir) as Keyring;
  assert.equal(upgraded.version, 2);
  assert.ok(!readFileSync(keyringPath(dir), 'utf8').includes('Idrissi'));
  assert.deepEqual(upgraded.entries.map((e) => [e.id, e.legacy !== null, e.failures]), [[supervisorId, true, 0], [analyst.id, true, 2]]);

  assert.equal((await value(again, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase })).phase, 'unlocked');
  const converted = readKeyringFile(dir) as Keyring;
  assert.deepEqual(converted.entries.map((e) => [e.id, e.legacy === null]), [[supervisorId, true], [analyst.id, false]]);
  await value(again, 'session.lock');
  assert.equal((await value(again, 'session.unlock', { name: ANALYST.name, passphrase: ANALYST.passphrase })).phase, 'unlocked');
  assert.ok((readKeyringFile(dir) as Keyring).entries.every((e) => e.legacy === null && e.publicKey !== null));
});

test('the keyring lock is exclusive across callers, and a dead holder\'s lock is taken over', async (t) => {
  const dir = tempDir(t);
  const order: string[] = [];
  const first = withKeyringLock(dir, async () => {
    order.push('first in');
    await sleep(100);
    order.push('first out');
  });
  await sleep(10);
  const second = withKeyringLock(dir, () => {
    order.push('second');
  });
  await Promise.all([first, second]);
  assert.deepEqual(order, ['first in', 'first out', 'second']);
  assert.equal(existsSync(join(dir, KEYRING_LOCK_FILE)), false);

  // A lock left by a process that no longer exists (the highest pid cannot be alive).
  writeFileSync(join(dir, KEYRING_LOCK_FILE), `${2 ** 22 + 12345}\n${hostname()}\n`);
  const started = Date.now();
  assert.equal(await withKeyringLock(dir, () => 'taken'), 'taken');
  assert.ok(Date.now() - started < 5000);
});
