/**
 * Disabling a profile rotates the database key: the disabled passphrase opens
 * nothing, even with a keyring copied before; the other profiles keep their
 * passphrases; a crash at any step of the rotation locks nobody out.
 */
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { migrationSteps } from '../../src/main/core.ts';
import { TEST_SCRYPT } from '../../src/main/crypto/key-wrap.ts';
import { ProfileService } from '../../src/main/profiles/profiles.ts';
import { openEntry, wipeOpened, lookupOf, type RotationStep } from '../../src/main/session/keyring-keys.ts';
import { Session } from '../../src/main/session/session.ts';
import { openDatabase } from '../../src/main/store/database.ts';
import { readKeyringFile, type Keyring } from '../../src/main/store/keyring.ts';
import { ANALYST, SUPERVISOR, createProfile, failure, setUpStore, tempDir, testCore, value } from '../helpers/store.ts';
import { fixture } from '../sync/fixture.ts';

const keyringOf = (dir: string): Keyring => readKeyringFile(dir) as Keyring;

/** What a copied keyring and a passphrase open: the database keys sealed to that name's entry. */
async function keysFrom(keyring: Keyring, name: string, passphrase: string): Promise<Buffer[]> {
  const lookup = await lookupOf(keyring, name);
  const entry = keyring.entries.find((e) => e.lookup === lookup);
  if (!entry) return [];
  const opened = await openEntry(keyring, entry, passphrase);
  if (!opened) return [];
  const keys = opened.keys.map((k) => Buffer.from(k.key));
  wipeOpened(opened);
  return keys;
}

function opens(file: string, key: Buffer): boolean {
  try {
    openDatabase(file, key, { create: false, readonly: true }).close();
    return true;
  } catch {
    return false;
  }
}

test('after a profile is disabled, a keyring copied earlier and its passphrase open nothing; the others keep theirs', async (t) => {
  const dir = tempDir(t);
  const core = testCore(t, dir);
  await setUpStore(core);
  const analyst = await createProfile(core, ANALYST);
  await value(core, 'session.lock');
  // The analyst copies the keyring (and the database) before being disabled.
  const before = tempDir(t);
  cpSync(dir, before, { recursive: true });
  const copied = keyringOf(before);
  const oldKeys = await keysFrom(copied, ANALYST.name, ANALYST.passphrase);
  assert.equal(oldKeys.length, 1);
  assert.ok(opens(join(dir, 'store.db'), oldKeys[0]!), 'the copied keyring opens the store before the rotation');

  await value(core, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
  await value(core, 'profiles.disable', { profileId: analyst.id });
  await value(core, 'session.lock');

  const after = keyringOf(dir);
  assert.notEqual(after.keyId, copied.keyId);
  assert.equal(after.nextKeyId, null);
  assert.deepEqual(after.entries.map((e) => e.sealed.map((s) => s.keyId)), [[after.keyId]]);
  // The old copy opens nothing in the store as it is now, with the old keyring or the new one.
  assert.equal(opens(join(dir, 'store.db'), oldKeys[0]!), false);
  assert.deepEqual(await keysFrom(after, ANALYST.name, ANALYST.passphrase), []);
  assert.equal((await failure(core, 'session.unlock', { name: ANALYST.name, passphrase: ANALYST.passphrase })).code, 'WRONG_PASSPHRASE');
  // Inherent, and said in the README: the old copy of the whole store stays readable with the old key.
  assert.ok(opens(join(before, 'store.db'), oldKeys[0]!));
  // The supervisor's passphrase, untouched, opens the rotated store; the audit says what happened.
  await value(core, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
  const disabled = (await value(core, 'audit.list', {})).events.find((e) => e.action === 'profile.disabled');
  assert.deepEqual(disabled?.detail, { profileId: analyst.id, keyRotated: true });
  for (const key of oldKeys) key.fill(0);
});

function sessionFor(t: TestContext, dir: string, rotationCrashAfter?: RotationStep): { session: Session; profiles: ProfileService } {
  const session = new Session({ migrationSteps, storeDir: dir, scrypt: TEST_SCRYPT, ...(rotationCrashAfter ? { rotationCrashAfter } : {}) });
  t.after(() => session.close());
  return { session, profiles: new ProfileService(session) };
}

for (const step of ['both-sealed', 'rekeyed'] as const) {
  test(`a crash during the rotation (${step === 'both-sealed' ? 'both keys sealed, not yet rekeyed' : 'rekeyed, old seals not yet dropped'}) locks nobody out, and the next unlock finishes it`, async (t) => {
    const dir = tempDir(t);
    const first = sessionFor(t, dir, step);
    await first.session.setup(SUPERVISOR);
    const analyst = await first.profiles.create({ ...ANALYST, role: 'analyst' });
    await first.profiles.create({ ...ANALYST, name: 'Salma Amrani', passphrase: 'dune verte horloge 58 marine' });
    const copied = keyringOf(dir);
    const oldKeys = await keysFrom(copied, SUPERVISOR.name, SUPERVISOR.passphrase);
    await assert.rejects(first.profiles.disable(analyst.id), /Rotation stopped after/);
    const midway = keyringOf(dir);
    assert.notEqual(midway.nextKeyId, null);
    assert.equal(midway.entries.some((e) => e.id === analyst.id), false, 'the disabled entry went first');
    assert.ok(midway.entries.every((e) => e.sealed.length === 2));
    first.session.close();

    // A fresh process: the colleague (not the supervisor) unlocks first and finishes the rotation.
    const second = sessionFor(t, dir);
    const state = await second.session.unlock({ name: 'salma amrani', passphrase: 'dune verte horloge 58 marine' });
    assert.equal(state.phase, 'passphrase-change');
    second.session.lock('manual');
    const finished = keyringOf(dir);
    assert.equal(finished.nextKeyId, null);
    assert.equal(finished.keyId, midway.nextKeyId);
    assert.ok(finished.entries.every((e) => e.sealed.length === 1 && e.sealed[0]!.keyId === finished.keyId));
    assert.equal(opens(join(dir, 'store.db'), oldKeys[0]!), false, 'the database is under the new key');
    assert.deepEqual(await keysFrom(copied, ANALYST.name, ANALYST.passphrase).then((keys) => keys.map((k) => opens(join(dir, 'store.db'), k))), [false]);
    assert.equal((await second.session.unlock({ name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase })).phase, 'unlocked');
    for (const key of oldKeys) key.fill(0);
  });
}

test('the open store keeps answering on its connection after a rotation, and the keyring names nobody', async (t) => {
  const dir = tempDir(t);
  const core = testCore(t, dir);
  await setUpStore(core);
  const analyst = await createProfile(core, ANALYST);
  await value(core, 'profiles.disable', { profileId: analyst.id });
  // The store still answers on the same open connection, under the new key.
  assert.equal((await value(core, 'store.status')).counts.activeProfiles, 1);
  assert.ok(!readFileSync(join(dir, 'keyring.json'), 'utf8').includes('Idrissi'));
});

test('disabling a profile during a sync stops the sync worker\'s connection first; the next run takes the new key and finishes', async (t) => {
  const f = await fixture(t, { count: 300, attachments: 12 }, { pageLimit: 25 });
  const analyst = await createProfile(f.core, ANALYST);
  const running = await value(f.core, 'sync.start');
  assert.equal(running.running, true);
  await value(f.core, 'profiles.disable', { profileId: analyst.id });
  // The worker was stopped before the rekey: it is not running now, and nothing failed.
  const stopped = await value(f.core, 'sync.status');
  assert.equal(stopped.running, false);
  const done = await f.sync();
  assert.equal(done.lastError, null);
  assert.equal(done.reports, 300);
  assert.equal(done.cursor, done.headSeq);
  await value(f.core, 'session.lock');
  await value(f.core, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
  assert.equal((await value(f.core, 'store.status')).counts.reports, 300);
});
