/**
 * Saving intake settings (issue #14): tested against the real reference
 * service on loopback before anything is remembered, refused when the test
 * fails unless a supervisor insists (journaled with a reason); leaving demo
 * mode deletes only what was confirmed, counted from the store; the sync
 * state belongs to the service it describes; the last failure is not shown
 * while a new run goes on; the demo can be started again while a real
 * service brought nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startIntakeServer } from '../../src/intake/server.ts';
import { createCore } from '../../src/main/core.ts';
import { TEST_SCRYPT } from '../../src/main/crypto/key-wrap.ts';
import { demoCore, failure, SUPERVISOR, tempDir, value } from '../helpers/store.ts';
import { fixture } from './fixture.ts';

const WRONG_TOKEN = 'iblw_unknown_token_value_0000000000';

function audit(core: Awaited<ReturnType<typeof fixture>>['core']): { action: string; details: string }[] {
  return core.unlockedStore().db.prepare('SELECT action, detail AS details FROM audit_events ORDER BY id').all() as { action: string; details: string }[];
}

test('a wrong token or another service’s key is caught by the test before saving, and nothing is remembered', async (t) => {
  const f = await fixture(t, { count: 20, attachments: 0 });
  await f.sync();
  const other = await startIntakeServer({ seed: 8, count: 5, attachments: 0 });
  t.after(() => other.close());
  const saved = await value(f.core, 'intake.get');
  const journal = audit(f.core).length;

  // What the reference service answers to a wrong token: 401, on /health as on every endpoint.
  const health = await fetch(`${other.url}/health`, { headers: { Authorization: `Bearer ${WRONG_TOKEN}` } });
  assert.equal(health.status, 401);

  const input = { url: other.url, token: WRONG_TOKEN, publicKeyPem: other.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 };
  const check = await value(f.core, 'intake.check', input);
  assert.deepEqual(check.test, { ok: false, code: 'INTAKE_AUTH', httpStatus: 401 });
  assert.equal(check.anotherService, true);
  assert.equal(check.deletes, null, 'a real service replaced by another deletes nothing');
  const refused = await failure(f.core, 'intake.update', input);
  assert.equal(refused.code, 'INTAKE_AUTH');
  assert.match(refused.message, /nothing was saved.*HTTP 401/);

  // The right token with the first service's key: the newest change does not verify.
  const mismatch = { ...input, token: other.token, publicKeyPem: f.server.publicKeyPem };
  assert.deepEqual((await value(f.core, 'intake.check', mismatch)).test, { ok: false, code: 'INTAKE_KEY_MISMATCH', httpStatus: null });
  assert.equal((await failure(f.core, 'intake.update', mismatch)).code, 'INTAKE_KEY_MISMATCH');
  // Settings that are not acceptable at all say which part, as a code.
  assert.equal((await failure(f.core, 'intake.check', { ...input, url: 'http://198.51.100.7/api/v1' })).code, 'INTAKE_BAD_URL');
  assert.equal((await failure(f.core, 'intake.check', { ...input, publicKeyPem: 'not a key' })).code, 'INTAKE_BAD_KEY');

  assert.deepEqual(await value(f.core, 'intake.get'), saved, 'the saved settings are unchanged');
  assert.equal(audit(f.core).length, journal, 'nothing journaled: nothing was saved');
  assert.equal((await f.sync()).lastError, null, 'the saved settings still sync');

  // The right settings pass, with the key checked on the newest change.
  const good = await value(f.core, 'intake.check', { ...input, token: other.token });
  assert.equal(good.test.ok, true);
  assert.equal(good.test.ok && good.test.keyChecked, true);
  assert.equal(good.test.ok && good.test.health.headSeq, other.headSeq());
});

test('a supervisor may save settings that fail the test, with a reason the journal keeps; "....." is not one', async (t) => {
  const f = await fixture(t, { count: 5, attachments: 0 });
  const input = { url: f.server.url, token: WRONG_TOKEN, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 };
  assert.equal((await failure(f.core, 'intake.update', { ...input, untested: { reason: '.....' } })).code, 'INVALID_INPUT');
  await value(f.core, 'intake.update', { ...input, untested: { reason: 'jeton remis par téléphone, service fermé ce soir' } });
  const entry = audit(f.core).filter((e) => e.action === 'intake.updated').at(-1)!;
  assert.deepEqual(JSON.parse(entry.details), {
    url: f.server.url,
    workstationId: 'ws-rabat-03',
    tokenChanged: true,
    keyChanged: false,
    demo: false,
    untested: true,
    untestedReason: 'jeton remis par téléphone, service fermé ce soir',
  });
  const status = await f.sync();
  assert.equal(status.lastErrorKind, 'auth');
  assert.match(status.lastError ?? '', /HTTP 401/);
});

test('the sync state belongs to the service it describes: another service starts with none', async (t) => {
  const f = await fixture(t, { count: 10, attachments: 0 });
  await f.sync();
  f.server.revoke(f.server.token);
  const failed = await f.sync();
  assert.equal(failed.lastErrorKind, 'auth');
  assert.ok(failed.lastSuccessAt && failed.lastAttemptAt && failed.online === true);

  const other = await startIntakeServer({ seed: 8, count: 5, attachments: 0 });
  t.after(() => other.close());
  await value(f.core, 'intake.update', { url: other.url, token: other.token, publicKeyPem: other.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 });
  const fresh = await value(f.core, 'sync.status');
  assert.equal(fresh.lastSuccessAt, null, 'no success of the old service');
  assert.equal(fresh.lastAttemptAt, null);
  assert.equal(fresh.lastError, null, 'no failure of the old service');
  assert.equal(fresh.lastErrorKind, null);
  assert.equal(fresh.online, null, 'reachability of the new service is not known yet');
  assert.equal(fresh.cursor, 0, 'another key: its feed from the start');
  const synced = await f.sync();
  assert.equal(synced.lastError, null);
  assert.ok(synced.lastSuccessAt);
});

test('the last failure is not shown while the next run goes on, and goes when it succeeds', async (t) => {
  const f = await fixture(t, { count: 30, attachments: 0 }, { retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10, timeoutMs: 5_000 } });
  f.server.faults.serverErrors({ count: 4 });
  const failed = await f.sync();
  assert.equal(failed.lastErrorKind, 'unreachable');
  assert.ok(failed.lastError);

  f.server.faults.clear();
  f.server.faults.setLatency(300, ['changes']);
  const seen: { running: boolean; lastError: string | null }[] = [];
  const stop = f.core.onEvent((event, payload) => {
    if (event === 'sync.progress') seen.push(payload as { running: boolean; lastError: string | null });
  });
  t.after(stop);
  const started = await value(f.core, 'sync.start');
  assert.equal(started.running, true);
  assert.equal(started.lastError, null, 'the running sync shows no failure of the run before');
  assert.equal((await value(f.core, 'sync.status')).lastErrorKind, null);
  await f.core.syncIdle();
  assert.ok(seen.some((s) => s.running));
  assert.deepEqual(seen.filter((s) => s.running && s.lastError !== null), [], 'no progress event carried the old failure');
  const done = await value(f.core, 'sync.status');
  assert.equal(done.lastError, null);
  assert.equal(done.reports, 30);
});

test('leaving demo mode says what it deletes, counted from the store, and deletes nothing unconfirmed', async (t) => {
  const real = await startIntakeServer({ seed: 21, count: 30, attachments: 2 });
  t.after(() => real.close());
  const core = await demoCore(t);
  const demo = await value(core, 'sync.status');
  const rows = (await value(core, 'queue.query', { limit: 2, facets: false })).rows;
  await value(core, 'reports.setStatus', { reportId: rows[0]!.id, status: 'in_analysis' });
  // (Adding a report to a case sets its status too: two statuses set here.)
  const demoCase = await value(core, 'cases.create', { title: 'Dossier de démonstration', reportIds: [rows[1]!.id] });
  await value(core, 'notes.add', { target: { caseRef: demoCase.ref }, text: 'note de démonstration' });
  await core.syncIdle();

  const input = { url: real.url, token: real.token, publicKeyPem: real.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 };
  const check = await value(core, 'intake.check', input);
  assert.equal(check.test.ok, true);
  assert.equal(check.anotherService, true);
  assert.equal(check.feedRestarts, true);
  const { db } = core.unlockedStore();
  const count = (sql: string): number => db.prepare(sql).pluck().get() as number;
  assert.deepEqual(check.deletes, {
    reports: demo.reports,
    attachments: count('SELECT count(*) FROM attachments'),
    statusesSetHere: count('SELECT count(*) FROM outbox'),
    outboxPending: count("SELECT count(*) FROM outbox WHERE state = 'pending'"),
    quarantined: demo.quarantined,
    cases: 1,
    notes: 1,
    evidence: count('SELECT count(*) FROM evidence_items WHERE demo = 1'),
  });
  assert.ok(check.deletes!.attachments > 0);

  const unconfirmed = await failure(core, 'intake.update', input);
  assert.equal(unconfirmed.code, 'CONFLICT');
  assert.equal((await value(core, 'intake.get')).demo, true, 'still in demo mode');
  assert.equal(count('SELECT count(*) FROM reports'), demo.reports, 'nothing deleted');

  await value(core, 'intake.update', { ...input, confirmDeletion: true });
  assert.equal(count('SELECT count(*) FROM reports'), 0);
  assert.equal(count('SELECT count(*) FROM cases'), 0);
  const after = await value(core, 'sync.status');
  assert.equal(after.lastSuccessAt, null, 'the demo’s last success is not the real service’s');
  assert.equal(after.online, null);
});

test('the demo can start again while the real service configured brought nothing, and not once it brought reports', async (t) => {
  const real = await startIntakeServer({ seed: 22, count: 5, attachments: 0 });
  t.after(() => real.close());
  const core = createCore({ storeDir: tempDir(t), host: 'cli', version: 'test', scrypt: TEST_SCRYPT });
  t.after(() => core.close());
  await value(core, 'session.setup', SUPERVISOR);
  await value(core, 'intake.update', { url: real.url, token: WRONG_TOKEN, publicKeyPem: real.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0, untested: { reason: 'essai du jeton reçu par courrier' } });
  await value(core, 'sync.start');
  await core.syncIdle();
  assert.equal((await value(core, 'sync.status')).lastErrorKind, 'auth');

  // Nothing came from it: the demo replaces it, and the sync state is the demo's.
  const view = await value(core, 'intake.startDemo');
  assert.equal(view.demo, true);
  assert.notEqual(view.url, real.url);
  const running = await value(core, 'sync.status');
  assert.equal(running.lastErrorKind, null, 'the real service’s 401 is not the demo’s');
  await core.syncIdle();
  assert.equal((await value(core, 'sync.status')).lastError, null);

  // Back to the real service (confirmed), which brings reports: the demo is refused from then on.
  await value(core, 'intake.update', { url: real.url, token: real.token, publicKeyPem: real.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0, confirmDeletion: true });
  await value(core, 'sync.start');
  await core.syncIdle();
  assert.equal((await value(core, 'sync.status')).reports, 5);
  const refused = await failure(core, 'intake.startDemo');
  assert.equal(refused.code, 'CONFLICT');
  assert.match(refused.message, /real intake service/);
  assert.equal((await value(core, 'intake.get')).url, real.url);
});
