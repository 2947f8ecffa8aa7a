/**
 * Anchoring at the reference intake service (contract 1.1, "Anchoring the
 * audit journal"), the sync sending the chain's head, and the review's
 * attack: a store opened outside the app with its key, an analyst made
 * supervisor and the reveal records deleted. `audit verify` names it; a chain
 * re-hashed end to end after the edit is caught by the anchor receipts, and
 * receipts deleted with it by the service's list (--online).
 */
import assert from 'node:assert/strict';
import { randomUUID, verify, createPublicKey } from 'node:crypto';
import { test } from 'node:test';
import { entryHash } from '../../src/main/store/audit-chain-format.ts';
import { startIntakeServer, type IntakeServer } from '../../src/intake/server.ts';
import type { Db } from '../../src/main/store/database.ts';
import { cliAsync } from '../helpers/cli.ts';
import { SUPERVISOR, value } from '../helpers/store.ts';
import { fixture } from '../sync/fixture.ts';

async function post(server: IntakeServer, body: unknown, key: string | null = randomUUID()): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/audit-anchors`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const hash = (c: string): string => c.repeat(64);

test('the reference service keeps anchors, signs receipts, and refuses a head not above the last or a second hash', async (t) => {
  const server = await startIntakeServer({ seed: 3, count: 1, attachments: 0 });
  t.after(() => server.close());
  const key = createPublicKey(server.publicKeyPem);
  const first = { workstation_id: 'ws-rabat-03', head_index: 10, head_hash: hash('a'), at: '2026-06-12T15:40:00Z' };
  const idem = randomUUID();
  const a = await post(server, first, idem);
  assert.equal(a.status, 200);
  const receipt = a.json['receipt'] as { payload: string; sig: string };
  assert.ok(verify(null, Buffer.from(receipt.payload, 'utf8'), key, Buffer.from(receipt.sig, 'base64')));
  const payload = JSON.parse(receipt.payload) as Record<string, unknown>;
  assert.deepEqual(Object.keys(payload), ['kind', 'workstation_id', 'head_index', 'head_hash', 'at', 'accepted_at']);
  assert.equal(payload['kind'], 'audit_anchor');
  assert.equal(payload['head_index'], 10);
  // The same key again: the same answer, nothing new.
  assert.deepEqual((await post(server, first, idem)).json, a.json);
  // The same key with another body is refused.
  assert.equal((await post(server, { ...first, head_index: 11 }, idem)).status, 422);
  // The same head and hash under a new key: the receipt already given.
  assert.deepEqual((await post(server, first)).json, a.json);
  assert.equal((await post(server, { ...first, head_hash: hash('b') })).status, 409);
  assert.equal((await post(server, { ...first, head_index: 9, head_hash: hash('c') })).status, 409);
  assert.equal((await post(server, { ...first, head_index: 12, head_hash: hash('d') })).status, 200);
  assert.equal((await post(server, { ...first, head_index: 11, head_hash: hash('e') })).status, 409, 'not above the last one held');
  assert.equal((await post(server, { ...first, head_index: 0 })).status, 422);
  assert.equal((await post(server, { ...first, head_hash: 'ABC' })).status, 422);
  assert.equal((await post(server, { ...first, extra: 1 })).status, 422);
  assert.equal((await post(server, first, null)).status, 400);
  // Another workstation has its own sequence.
  assert.equal((await post(server, { ...first, workstation_id: 'ws-fes-01', head_index: 1 })).status, 200);
  const list = await fetch(`${server.url}/audit-anchors?workstation_id=ws-rabat-03`, { headers: { Authorization: `Bearer ${server.token}` } });
  const anchors = ((await list.json()) as { anchors: { payload: string }[] }).anchors.map((r) => (JSON.parse(r.payload) as { head_index: number }).head_index);
  assert.deepEqual(anchors, [10, 12]);
  const noId = await fetch(`${server.url}/audit-anchors`, { headers: { Authorization: `Bearer ${server.token}` } });
  assert.equal(noId.status, 400);
  const anonymous = await fetch(`${server.url}/audit-anchors?workstation_id=ws-rabat-03`);
  assert.equal(anonymous.status, 401);
});

function rehash(db: Db): void {
  // What an attacker with the key and this code can do: recompute every hash from the first entry.
  const rows = db.prepare('SELECT id, at, analyst_id, action, detail FROM audit_events ORDER BY id').all() as { id: number; at: string; analyst_id: string | null; action: string; detail: string }[];
  db.exec('DELETE FROM audit_events');
  const put = db.prepare('INSERT INTO audit_events (id, at, analyst_id, action, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
  let prev = '0'.repeat(64);
  rows.forEach((row, i) => {
    const h = entryHash(prev, { index: i + 1, at: row.at, analystId: row.analyst_id, action: row.action, detail: JSON.parse(row.detail) });
    put.run(i + 1, row.at, row.analyst_id, row.action, row.detail, prev, h);
    prev = h;
  });
}

test('the sync anchors the head; verify names deleted reveal records, a re-hashed chain, and deleted receipts', async (t) => {
  const f = await fixture(t, { count: 40, attachments: 0 });
  await value(f.core, 'audit.updateAnchorSettings', { anchorEvery: 5 });
  await f.sync();
  const db = (): Db => f.core.unlockedStore().db;
  const identified = db().prepare("SELECT id FROM reports WHERE reporter_mode = 'identified' ORDER BY id LIMIT 3").pluck().all() as string[];
  assert.equal(identified.length, 3);
  for (const reportId of identified) await value(f.core, 'reports.revealReporter', { reportId, reason: 'Réquisition du parquet n° 12' });
  const queued = db().prepare("SELECT reason FROM audit_anchor_queue WHERE state = 'pending'").pluck().all() as string[];
  assert.ok(queued.includes('every_n') || db().prepare('SELECT max(id) FROM audit_events').pluck().get() as number % 5 !== 0, 'every 5 entries a head is queued');
  await f.sync();
  const synced = await value(f.core, 'audit.verify', { online: true });
  assert.equal(synced.ok, true, JSON.stringify(synced.problems));
  assert.equal(synced.queue.pending, 0);
  assert.ok(synced.receipts.kept >= 2);
  assert.equal(synced.receipts.service, synced.receipts.kept);
  const anchoredAt = synced.anchored?.head_index ?? 0;
  assert.ok(anchoredAt >= synced.entries - 1, `anchored ${anchoredAt} of ${synced.entries}`);

  // Lock queues an anchor without waiting for the service; the next sync sends it.
  await value(f.core, 'session.lock');
  const unlock = await f.core.dispatch('session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
  if (!unlock.ok) await value(f.core, 'session.unlock', { profileId: ((await value(f.core, 'session.state')) as unknown as { profiles: { id: string }[] }).profiles[0]!.id, passphrase: SUPERVISOR.passphrase });
  assert.ok((db().prepare("SELECT count(*) FROM audit_anchor_queue WHERE reason = 'lock'").pluck().get() as number) >= 1);
  await f.sync();

  // The attack, with the store's key (the open connection stands for it).
  const reveals = db().prepare("SELECT id FROM audit_events WHERE action = 'report.reporter_revealed' ORDER BY id").pluck().all() as number[];
  assert.equal(reveals.length, 3);
  db().exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
  db().prepare("UPDATE analysts SET role = 'supervisor'").run();
  db().prepare("DELETE FROM audit_events WHERE action = 'report.reporter_revealed'").run();
  const deleted = await value(f.core, 'audit.verify', { online: false });
  assert.equal(deleted.ok, false);
  assert.deepEqual([deleted.problems[0]!.code, deleted.problems[0]!.index], ['missing', reveals[0]]);
  assert.equal(deleted.verified_up_to, reveals[0]! - 1);

  // Re-hashed end to end: the chain holds, the receipts do not.
  rehash(db());
  const rewritten = await value(f.core, 'audit.verify', { online: false });
  assert.equal(rewritten.ok, false);
  assert.ok(rewritten.problems.some((p) => p.code === 'anchor_mismatch' || p.code === 'truncated'), JSON.stringify(rewritten.problems));
  assert.ok(rewritten.problems.every((p) => p.index === null || p.index >= reveals[0]!));
  assert.ok(rewritten.verified_up_to < reveals[0]!, JSON.stringify({ reveals, rewritten }));

  // And the receipts deleted too: only the service's list can tell, and does.
  db().exec('DELETE FROM audit_anchor_receipts; DELETE FROM audit_anchor_queue;');
  const offline = await value(f.core, 'audit.verify', { online: false });
  assert.equal(offline.ok, true, 'locally, a rewritten journal with no receipts looks whole');
  const online = await value(f.core, 'audit.verify', { online: true });
  assert.equal(online.ok, false);
  assert.ok(online.problems.some((p) => p.code === 'anchor_mismatch' || p.code === 'truncated'));

  // The command line says the same, exits 1, and gives the machine shape.
  await value(f.core, 'session.lock');
  f.core.close();
  const cli = await cliAsync(['audit', 'verify', '--store', f.storeDir, '--online', '--json', '--analyst', SUPERVISOR.name]);
  assert.equal(cli.status, 1, cli.stderr);
  assert.match(cli.stderr, /does not verify/, cli.stderr);
  const shape = JSON.parse(cli.stdout.trim()) as { ok: boolean; entries: number; verified_up_to: number; anchored: unknown; problems: { code: string; index: number | null }[] };
  assert.equal(shape.ok, false);
  assert.ok(shape.problems.length > 0);
  assert.match(cli.stderr, /does not verify/);
  const text = await cliAsync(['audit', 'verify', '--store', f.storeDir, '--analyst', SUPERVISOR.name]);
  assert.equal(text.status, 0, 'offline, with the receipts gone, nothing local contradicts it');
  assert.match(text.stdout, /The audit journal verifies/);
});

test('a journal cut below the last receipt is named as truncated', async (t) => {
  const f = await fixture(t, { count: 5, attachments: 0 });
  await f.sync();
  const db = f.core.unlockedStore().db;
  const head = db.prepare('SELECT max(id) FROM audit_events').pluck().get() as number;
  db.exec('DROP TRIGGER audit_events_no_delete;');
  db.prepare('DELETE FROM audit_events WHERE id >= ?').run(head - 1);
  const result = await value(f.core, 'audit.verify', { online: false });
  assert.equal(result.ok, false);
  assert.deepEqual(result.problems.map((p) => p.code), ['truncated']);
  assert.ok(result.verified_up_to < head - 1);
  assert.equal(result.verified_up_to, result.anchored?.head_index ?? 0);
});
