import assert from 'node:assert/strict';
import { test } from 'node:test';
import { channelNames, channels } from '../../src/shared/contract.ts';
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ANALYST, SUPERVISOR, createProfile, failure, setUpStore, tempDir, testCore, unlockAs, value } from '../helpers/store.ts';

test('unknown channels and malformed inputs are refused as data, never thrown', async (t) => {
  const core = testCore(t);
  for (const channel of ['nope', '__proto__', 'constructor', 'session.unlock.extra', 42, null]) {
    assert.equal((await failure(core, channel as string)).code, 'INVALID_INPUT');
  }
  for (const input of [null, 'x', 42, [], { name: 1, passphrase: 'x' }, { name: 'a' }, { name: 'a', passphrase: 'x'.repeat(2000) }, { name: 'x'.repeat(201), passphrase: 'x' }]) {
    const error = await failure(core, 'session.unlock', input);
    assert.equal(error.code, 'INVALID_INPUT');
  }
});

test('a refused input is described by path, without echoing the value', async (t) => {
  const core = testCore(t);
  const secret = 'top-secret-passphrase-value';
  const error = await failure(core, 'session.setup', { name: 'K', service: 7, passphrase: secret, locale: 'fr' });
  assert.equal(error.code, 'INVALID_INPUT');
  assert.match(error.message, /name/);
  assert.match(error.message, /service/);
  assert.ok(!error.message.includes(secret));
});

test('names with control or bidi formatting characters are refused', async (t) => {
  const core = testCore(t);
  for (const name of ['Karima\u202eilaneB', 'Karima\u0000', 'Karima\u200bBenali']) {
    assert.equal((await failure(core, 'session.setup', { ...SUPERVISOR, name })).code, 'INVALID_INPUT');
  }
});

test('every data channel answers LOCKED while locked, whatever its input', async (t) => {
  const core = testCore(t);
  const guarded = channelNames.filter((name) => channels[name].access !== 'locked');
  assert.ok(guarded.length >= 8);
  for (const name of guarded) {
    const sample = { 'audit.list': {}, 'settings.update': {}, 'preferences.update': { locale: 'ar' }, 'profiles.disable': { profileId: 'x' }, 'profiles.enable': { profileId: 'x', passphrase: 'x' }, 'profiles.changePassphrase': { current: 'a', next: 'b' }, 'profiles.create': ANALYST, 'intake.update': { url: 'https://intake.example/api/v1', workstationId: 'ws-1', syncIntervalMinutes: 5 }, 'reports.setStatus': { reportId: 'IBL-2026-0000001', status: 'in_analysis' }, 'sync.quarantine': {}, 'sync.outbox': {},
      'reports.setStatusBulk': { reportIds: ['IBL-2026-0000001'], status: 'referred' }, 'reports.get': { reportId: 'IBL-2026-0000001' },
      'reports.revealReporter': { reportId: 'IBL-2026-0000001', reason: 'réquisition' }, 'images.preview': { reportId: 'IBL-2026-0000001', attachmentId: 'a' },
      'queue.query': {}, 'queue.saveView': { name: 'v', state: { filters: {}, sort: { key: 'priority', dir: 'desc' }, grouping: 'reports', columns: ['id'] } },
      'queue.deleteView': { id: 1 }, 'dashboard.get': {}, 'triage.updateSettings': (await import('../../src/main/triage/priority.ts')).DEFAULT_TRIAGE_SETTINGS,
    } as Record<string, unknown>;
    const error = await failure(core, name, sample[name]);
    assert.equal(error.code, 'LOCKED', name);
    // Access is checked before the input: a malformed call while locked says LOCKED too.
    assert.equal((await failure(core, name, { unexpected: '<script>'.repeat(10) })).code, 'LOCKED', `${name} with a malformed input`);
  }
});

test('outputs are cut down to what the contract declares', async (t) => {
  const core = testCore(t);
  await setUpStore(core);
  const profiles = await value(core, 'profiles.list');
  assert.deepEqual(Object.keys(profiles[0]!).sort(), ['createdAt', 'disabled', 'id', 'locale', 'name', 'role', 'service']);
});

test('passphrase assessment: length and guessability', async (t) => {
  const core = testCore(t);
  assert.deepEqual(await value(core, 'passphrase.assess', { passphrase: 'password' }), { score: 0, acceptable: false, problems: ['too_short', 'too_guessable'] });
  const weakLong = await value(core, 'passphrase.assess', { passphrase: 'passwordpassword' });
  assert.equal(weakLong.acceptable, false);
  assert.deepEqual(weakLong.problems, ['too_guessable']);
  assert.deepEqual(await value(core, 'passphrase.assess', { passphrase: SUPERVISOR.passphrase }), { score: 4, acceptable: true, problems: [] });
  assert.equal((await value(core, 'passphrase.assess', { passphrase: 'مفتاح سري طويل للمحطة ٢٠٢٦' })).acceptable, true);
});

/** Inputs no schema accepts, from the merely wrong to the hostile. */
function garbage(): unknown[] {
  let deep: unknown = 'bottom';
  for (let i = 0; i < 10_000; i++) deep = { a: deep };
  return [null, 'x', 42, [], { unexpected: '<script>' }, 'y'.repeat(5 * 1024 * 1024), deep, JSON.parse('{"__proto__": {"polluted": 1}}') as unknown, Object.create(null) as unknown];
}

test('an analyst calling a supervisor channel gets FORBIDDEN before its input is judged', async (t) => {
  const core = testCore(t);
  await setUpStore(core);
  await createProfile(core, ANALYST);
  await value(core, 'session.lock');
  await unlockAs(core, ANALYST);
  const supervisorOnly = channelNames.filter((name) => channels[name].access === 'supervisor');
  assert.ok(supervisorOnly.length >= 10, supervisorOnly.join());
  for (const name of supervisorOnly) {
    for (const input of garbage()) assert.equal((await failure(core, name, input)).code, 'FORBIDDEN', name);
  }
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});

test('while locked, no input of any kind gets past LOCKED', async (t) => {
  const core = testCore(t);
  await setUpStore(core);
  await value(core, 'session.lock');
  for (const name of channelNames.filter((n) => channels[n].access !== 'locked')) {
    for (const input of garbage()) assert.equal((await failure(core, name, input)).code, 'LOCKED', name);
  }
});

test('the store folder is closed to other users whenever it is opened, set up or unlocked', { skip: process.platform === 'win32' ? 'POSIX modes' : false }, async (t) => {
  const dir = join(tempDir(t), 'store');
  mkdirSync(dir, { mode: 0o755 });
  chmodSync(dir, 0o755);
  const core = testCore(t, dir);
  await value(core, 'session.state');
  assert.equal(statSync(dir).mode & 0o777, 0o700, 'opened');
  chmodSync(dir, 0o750);
  await setUpStore(core);
  assert.equal(statSync(dir).mode & 0o777, 0o700, 'set up');
  await value(core, 'session.lock');
  chmodSync(dir, 0o777);
  for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o666);
  await unlockAs(core, SUPERVISOR);
  assert.equal(statSync(dir).mode & 0o777, 0o700, 'unlocked');
  for (const name of readdirSync(dir)) assert.equal(statSync(join(dir, name)).mode & 0o077, 0, name);
});
