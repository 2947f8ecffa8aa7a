import { migrationSteps } from '../../src/main/core.ts';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Session } from '../../src/main/session/session.ts';
import { TEST_SCRYPT, unwrapKey } from '../../src/main/crypto/key-wrap.ts';
import { entryAssociatedData, readKeyringFile, type Keyring } from '../../src/main/store/keyring.ts';
import { ANALYST, SUPERVISOR, createProfile, failure, setUpStore, tempDir, testCore, value } from '../helpers/store.ts';

const keyringOf = (dir: string): Keyring => {
  const file = readKeyringFile(dir);
  assert.equal(file?.version, 2);
  return file as Keyring;
};

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

test('first run creates a supervisor, unlocked, and the store then locks and unlocks', async (t) => {
  const core = testCore(t);
  assert.deepEqual(await value(core, 'session.state'), { phase: 'setup', locale: 'fr' });
  const state = await setUpStore(core);
  assert.equal(state.phase, 'unlocked');
  assert.equal(state.phase === 'unlocked' && state.analyst.role, 'supervisor');
  assert.equal(state.phase === 'unlocked' && state.idleLockMinutes, 10);
  assert.equal((await failure(core, 'session.setup', SUPERVISOR)).code, 'WRONG_PHASE');

  const locked = await value(core, 'session.lock');
  assert.equal(locked.phase, 'locked');
  assert.equal((await failure(core, 'store.status')).code, 'LOCKED');
  assert.equal((await failure(core, 'audit.list', {})).code, 'LOCKED');

  // The lock screen names nobody: the analyst types a login name, in any case and spacing.
  assert.deepEqual(locked, { phase: 'locked', locale: 'fr', lastName: null });
  const again = await value(core, 'session.unlock', { name: '  karima   BENALI ', passphrase: SUPERVISOR.passphrase });
  assert.equal(again.phase, 'unlocked');
  const actions = (await value(core, 'audit.list', {})).events.map((e) => e.action);
  assert.deepEqual(actions, ['session.unlocked', 'session.locked', 'session.unlocked', 'profile.created', 'store.created']);
});

test('setup refuses a weak passphrase and creates nothing', async (t) => {
  const dir = tempDir(t);
  const core = testCore(t, dir);
  const error = await failure(core, 'session.setup', { ...SUPERVISOR, passphrase: 'Casablanca2024' });
  assert.equal(error.code, 'WEAK_PASSPHRASE');
  assert.equal(readKeyringFile(dir), null);
  assert.equal((await value(core, 'session.state')).phase, 'setup');
});

test('a wrong passphrase is refused, and repeated failures are slowed down across restarts', async (t) => {
  const dir = tempDir(t);
  let now = 1_000_000;
  const first = testCore(t, dir, { now: () => now });
  await setUpStore(first);
  await value(first, 'session.lock');
  const wrong = { name: SUPERVISOR.name, passphrase: 'not the passphrase at all' };

  for (let attempt = 1; attempt <= 2; attempt += 1) {
    const error = await failure(first, 'session.unlock', wrong);
    assert.equal(error.code, 'WRONG_PASSPHRASE');
    assert.equal(error.retryAfterMs, undefined);
  }
  assert.equal((await failure(first, 'session.unlock', wrong)).retryAfterMs, 1000);
  first.close();

  // A restart keeps the count: the right passphrase is refused until the delay has passed,
  // and an attempt refused by the throttle counts too (the wait doubles, from the last real try).
  const second = testCore(t, dir, { now: () => now });
  const throttled = await failure(second, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
  assert.equal(throttled.code, 'THROTTLED');
  assert.equal(throttled.retryAfterMs, 2000);
  now += 2000;
  assert.equal((await failure(second, 'session.unlock', wrong)).retryAfterMs, 4000);
  now += 4000;
  assert.equal((await value(second, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase })).phase, 'unlocked');
  assert.equal(keyringOf(dir).entries[0]?.failures, 0);
  const audit = (await value(second, 'audit.list', {})).events;
  assert.deepEqual(audit[1], { ...audit[1], action: 'session.unlock_failed', detail: { attempts: 5 } });
});

test('a login name that matches no profile is throttled too, and answers like a wrong passphrase', async (t) => {
  const dir = tempDir(t);
  const now = 5_000_000;
  const core = testCore(t, dir, { now: () => now });
  await setUpStore(core);
  await value(core, 'session.lock');
  const codes: (string | number | undefined)[] = [];
  for (let attempt = 1; attempt <= 4; attempt += 1) {
    const error = await failure(core, 'session.unlock', { name: 'Personne Inconnue', passphrase: SUPERVISOR.passphrase });
    codes.push(error.code, error.retryAfterMs);
  }
  assert.deepEqual(codes, ['WRONG_PASSPHRASE', undefined, 'WRONG_PASSPHRASE', undefined, 'WRONG_PASSPHRASE', 1000, 'THROTTLED', 2000]);
  assert.deepEqual(keyringOf(dir).unknown, { failures: 4, lastFailureAt: now });
  // The real profile's own count is untouched.
  assert.equal((await value(core, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase })).phase, 'unlocked');
});

test('changing a passphrase rewraps the same private key without re-encrypting the database', async (t) => {
  const dir = tempDir(t);
  const core = testCore(t, dir);
  await setUpStore(core);
  const before = keyringOf(dir);
  const entry = before.entries[0]!;
  const aad = entryAssociatedData(before.storeId, entry.id, entry.lookup, entry.publicKey!);
  const key = await unwrapKey(entry.privateKey!, SUPERVISOR.passphrase, aad);
  assert.ok(key);
  const header = readFileSync(join(dir, 'store.db')).subarray(0, 16);

  const next = 'nouvelle phrase secrète pour Rabat 2026';
  assert.equal((await failure(core, 'profiles.changePassphrase', { current: 'wrong', next })).code, 'WRONG_PASSPHRASE');
  assert.equal((await failure(core, 'profiles.changePassphrase', { current: SUPERVISOR.passphrase, next: 'abc' })).code, 'WEAK_PASSPHRASE');
  await value(core, 'profiles.changePassphrase', { current: SUPERVISOR.passphrase, next });

  const after = keyringOf(dir).entries[0]!;
  assert.deepEqual(after.sealed, entry.sealed, 'the sealed database key is untouched');
  assert.deepEqual(await unwrapKey(after.privateKey!, next, aad), key);
  assert.equal(await unwrapKey(after.privateKey!, SUPERVISOR.passphrase, aad), null);
  assert.deepEqual(readFileSync(join(dir, 'store.db')).subarray(0, 16), header, 'same database salt: not re-encrypted');

  await value(core, 'session.lock');
  assert.equal((await failure(core, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase })).code, 'WRONG_PASSPHRASE');
  assert.equal((await value(core, 'session.unlock', { name: SUPERVISOR.name, passphrase: next })).phase, 'unlocked');
});

test('supervisors add and disable profiles; analysts cannot; a disabled passphrase opens nothing', async (t) => {
  const dir = tempDir(t);
  const core = testCore(t, dir);
  await setUpStore(core);
  const created = await createProfile(core, ANALYST);
  assert.deepEqual({ ...created, id: '', createdAt: '' }, { id: '', createdAt: '', name: ANALYST.name, service: ANALYST.service, role: 'analyst', locale: 'ar', disabled: false });
  assert.equal((await failure(core, 'profiles.create', { ...ANALYST, name: ANALYST.name.toUpperCase() })).code, 'CONFLICT');
  assert.equal((await failure(core, 'profiles.create', { ...ANALYST, name: 'Autre Nom', passphrase: 'password1234' })).code, 'WEAK_PASSPHRASE');
  const me = (await value(core, 'session.state'));
  assert.equal(me.phase, 'unlocked');
  assert.equal((await failure(core, 'profiles.disable', { profileId: me.phase === 'unlocked' ? me.analyst.id : '' })).code, 'CONFLICT');

  await value(core, 'session.lock');
  await value(core, 'session.unlock', { name: ANALYST.name, passphrase: ANALYST.passphrase });
  const state = await value(core, 'session.state');
  assert.equal(state.phase === 'unlocked' && state.analyst.name, ANALYST.name);
  assert.equal(state.locale, 'ar');
  assert.equal((await failure(core, 'profiles.create', { ...ANALYST, name: 'Nouveau' })).code, 'FORBIDDEN');
  assert.equal((await failure(core, 'settings.update', { idleLockMinutes: 30 })).code, 'FORBIDDEN');
  assert.equal((await failure(core, 'profiles.disable', { profileId: created.id })).code, 'FORBIDDEN');
  await value(core, 'session.lock');

  await value(core, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
  const disabled = await value(core, 'profiles.disable', { profileId: created.id });
  assert.equal(disabled.disabled, true);
  assert.equal(keyringOf(dir).entries.some((e) => e.id === created.id), false);
  await value(core, 'session.lock');
  assert.equal((await failure(core, 'session.unlock', { name: ANALYST.name, passphrase: ANALYST.passphrase })).code, 'WRONG_PASSPHRASE');

  await value(core, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
  const fresh = 'phrase remise en main propre 314';
  assert.equal((await value(core, 'profiles.enable', { profileId: created.id, passphrase: fresh })).disabled, false);
  await value(core, 'session.lock');
  // Enabled again with a supervisor's passphrase: it must be replaced first.
  assert.deepEqual(await value(core, 'session.unlock', { name: ANALYST.name, passphrase: fresh }), { phase: 'passphrase-change', locale: 'ar', name: ANALYST.name });
});

test('the last active supervisor cannot be disabled', async (t) => {
  const core = testCore(t);
  await setUpStore(core);
  const second = await createProfile(core, { ...ANALYST, role: 'supervisor' });
  assert.equal((await value(core, 'profiles.disable', { profileId: second.id })).disabled, true);
  await value(core, 'profiles.enable', { profileId: second.id, passphrase: 'phrase remise en main propre 314' });
  await value(core, 'session.lock');
  await value(core, 'session.unlock', { name: ANALYST.name, passphrase: 'phrase remise en main propre 314' });
  await value(core, 'session.changeInitialPassphrase', { next: 'ma propre phrase de superviseur 2026' });
  const firstId = await (async () => {
    const list = await value(core, 'profiles.list');
    return list.find((p) => p.name === SUPERVISOR.name)!.id;
  })();
  await value(core, 'profiles.disable', { profileId: firstId });
  const list = await value(core, 'profiles.list');
  assert.equal(list.filter((p) => p.role === 'supervisor' && !p.disabled).length, 1);
});

test('a damaged database is refused at unlock with a clear error, and nothing is written', async (t) => {
  const dir = tempDir(t);
  const core = testCore(t, dir);
  await setUpStore(core);
  for (let i = 0; i < 20; i += 1) await value(core, 'settings.update', { idleLockMinutes: 1 + (i % 30) });
  await value(core, 'session.lock');
  const file = join(dir, 'store.db');
  // Flip bytes inside the second page: the cipher's per-page authentication catches it.
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.from('garbage!garbage!'), 0, 16, 4096 + 100);
  closeSync(fd);
  const before = sha256(file);
  const error = await failure(core, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
  assert.equal(error.code, 'STORE_CORRUPT');
  assert.equal(sha256(file), before);
  assert.equal((await value(core, 'session.state')).phase, 'locked');
});

test('the core locks by itself when the renderer stops reporting activity', async (t) => {
  let now = 0;
  const changes: string[] = [];
  const session = new Session({ migrationSteps, storeDir: tempDir(t), scrypt: TEST_SCRYPT, now: () => now, onChange: (state, reason) => changes.push(`${state.phase}:${reason}`) });
  t.after(() => session.close());
  await session.setup(SUPERVISOR);
  now += 9 * 60_000;
  session.activity();
  now += 10 * 60_000 + 29_999;
  session.checkIdle();
  assert.equal(session.state().phase, 'unlocked', 'within the idle period and its grace');
  now += 1;
  session.checkIdle();
  assert.equal(session.state().phase, 'locked');
  assert.deepEqual(changes, ['unlocked:setup', 'locked:idle']);
});

test('the lock screen language is remembered per analyst and across restarts', async (t) => {
  const dir = tempDir(t);
  const core = testCore(t, dir);
  await setUpStore(core);
  const updated = await value(core, 'preferences.update', { locale: 'ar' });
  assert.equal(updated.locale, 'ar');
  await value(core, 'session.lock');
  const restarted = testCore(t, dir);
  assert.equal((await value(restarted, 'session.state')).locale, 'ar');
});

test('the lock screen offers the last login name only while a supervisor allows it; turning it off erases it', async (t) => {
  const dir = tempDir(t);
  const core = testCore(t, dir);
  await setUpStore(core);
  await createProfile(core, ANALYST);
  assert.deepEqual(await value(core, 'session.lastLogin', {}), { remember: false });
  assert.deepEqual(await value(core, 'session.lock'), { phase: 'locked', locale: 'fr', lastName: null });
  assert.ok(!readFileSync(join(dir, 'keyring.json'), 'utf8').includes('Benali'));

  await value(core, 'session.unlock', { name: ANALYST.name, passphrase: ANALYST.passphrase });
  assert.equal((await failure(core, 'session.lastLogin', { remember: true })).code, 'FORBIDDEN');
  await value(core, 'session.lock');
  await value(core, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
  assert.deepEqual(await value(core, 'session.lastLogin', { remember: true }), { remember: true });
  await value(core, 'session.lock');
  assert.deepEqual(await value(core, 'session.state'), { phase: 'locked', locale: 'fr', lastName: SUPERVISOR.name });
  await value(core, 'session.unlock', { name: ANALYST.name, passphrase: ANALYST.passphrase });
  assert.deepEqual(await value(core, 'session.lock'), { phase: 'locked', locale: 'ar', lastName: ANALYST.name });

  await value(core, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
  await value(core, 'session.lastLogin', { remember: false });
  assert.ok(!readFileSync(join(dir, 'keyring.json'), 'utf8').includes('Benali'));
  assert.deepEqual(await value(core, 'session.lock'), { phase: 'locked', locale: 'fr', lastName: null });
  const audit = await (async () => {
    await value(core, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
    return (await value(core, 'audit.list', {})).events.filter((e) => e.action === 'settings.updated').map((e) => e.detail);
  })();
  assert.deepEqual(audit, [{ rememberLastLogin: false }, { rememberLastLogin: true }]);
});
