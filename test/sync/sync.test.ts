import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failure, SUPERVISOR, value } from '../helpers/store.ts';
import { assertConverged, FAST_RETRY, fixture, quarantinedSeqs, serverFeed } from './fixture.ts';

test('a first sync brings every report, revision, status and attachment, verified', async (t) => {
  const f = await fixture(t);
  const status = await f.sync();
  assert.equal(status.lastError, null);
  assert.equal(status.running, false);
  assert.equal(status.quarantined, 0);
  await assertConverged(f);
  const { db } = f.core.unlockedStore();
  const attachments = db.prepare('SELECT state, count(*) AS n FROM attachments GROUP BY state').all();
  assert.deepEqual(attachments, [{ state: 'verified', n: 12 }]);
  // The original record is the exact payload text and signature.
  const feed = await serverFeed(f.server);
  const first = feed.find((c) => c.kind === 'report')!;
  const id = (JSON.parse(first.payload) as { id: string }).id;
  assert.deepEqual(db.prepare('SELECT payload, sig FROM report_revisions WHERE report_id = ? AND revision = 1').get(id), { payload: first.payload, sig: first.sig });
});

test('syncing again is idempotent, and new changes arrive incrementally', async (t) => {
  const f = await fixture(t);
  await f.sync();
  const before = f.core.unlockedStore().db.prepare('SELECT count(*) AS n FROM report_revisions').get();
  const again = await f.sync();
  assert.equal(again.applied, 0);
  assert.deepEqual(f.core.unlockedStore().db.prepare('SELECT count(*) AS n FROM report_revisions').get(), before);
  const added = f.server.appendReport({ attachments: 1 });
  f.server.appendRevision(JSON.parse(added.payload).id);
  const third = await f.sync();
  assert.equal(third.applied, 2);
  await assertConverged(f);
});

test('transient faults: latency, 429 and 503 with Retry-After, 500 bursts, resets and truncated bodies', async (t) => {
  const f = await fixture(t, {
    faults: {
      latencyMs: 20,
      throttle: [{ status: 429, retryAfter: 1, count: 1, endpoints: ['changes'] }, { status: 503, count: 2, endpoints: ['changes', 'attachments'] }],
      serverErrors: [{ status: 500, count: 3 }],
      resets: [{ count: 2, endpoints: ['changes'] }, { count: 2, endpoints: ['attachments'], afterBytes: 100 }],
      truncations: [{ count: 2, endpoints: ['changes'] }, { count: 1, endpoints: ['attachments'] }],
    },
  }, { retry: { ...FAST_RETRY, maxAttempts: 14 } });
  // Every fault above can hit the very first request in a row: up to 10 failures before it succeeds.
  const started = Date.now();
  const status = await f.sync();
  assert.equal(status.lastError, null);
  assert.ok(Date.now() - started >= 1000, 'Retry-After: 1 was honoured');
  await assertConverged(f);
  assert.equal(status.quarantined, 0);
  const fired = new Set(f.server.faults.history.map((h) => h.fault));
  for (const fault of ['latency', 'throttle', 'server_error', 'reset', 'truncate']) assert.ok(fired.has(fault as never), `${fault} fired`);
});

test('a replay from an earlier seq changes nothing and the cursor never moves back', async (t) => {
  const f = await fixture(t, {}, { pageLimit: 50 });
  f.server.faults.replay({ count: 5, back: 30 });
  await f.sync();
  await assertConverged(f);
  assert.ok(f.server.faults.history.some((h) => h.fault === 'replay'));
});

test('bad signatures and schema failures are quarantined with their reason, and the sync goes on', async (t) => {
  const f = await fixture(t);
  const feed = await serverFeed(f.server);
  const reports = feed.filter((c) => c.kind === 'report').map((c) => c.seq);
  const statuses = feed.filter((c) => c.kind === 'status').map((c) => c.seq);
  const badSig = [reports[3]!, statuses[0]!];
  const malformedSig = [reports[5]!];
  const schema = { missing_field: reports[10]!, wrong_type: reports[11]!, kind_mismatch: reports[12]!, invalid_json: reports[13]!, oversized: reports[14]! };
  f.server.faults.badSignature(badSig, 'wrong');
  f.server.faults.badSignature(malformedSig, 'malformed');
  for (const [fault, seq] of Object.entries(schema)) f.server.faults.badSchema(seq, fault as never);
  const status = await f.sync();
  assert.equal(status.lastError, null);
  const expectedBad = [...badSig, ...malformedSig, ...Object.values(schema)].sort((a, b) => a - b);
  assert.deepEqual(quarantinedSeqs(f.core), expectedBad);
  const reasons = new Map((f.core.unlockedStore().db.prepare('SELECT seq, reason_code AS code, reason, payload, sig FROM quarantine').all() as { seq: number; code: string; reason: string; payload: Buffer; sig: string | null }[]).map((r) => [r.seq, r]));
  assert.deepEqual(
    expectedBad.map((seq) => reasons.get(seq)!.code),
    expectedBad.map((seq) => (badSig.includes(seq) || malformedSig.includes(seq) ? 'signature' : seq === schema.kind_mismatch ? 'kind_mismatch' : seq === schema.invalid_json ? 'not_json' : seq === schema.oversized ? 'too_large' : 'schema')),
  );
  assert.match(reasons.get(badSig[0]!)!.reason, /signature does not verify/);
  assert.match(reasons.get(malformedSig[0]!)!.reason, /signature is not/);
  assert.match(reasons.get(schema.missing_field)!.reason, /^schema: /);
  assert.match(reasons.get(schema.wrong_type)!.reason, /^schema: /);
  assert.match(reasons.get(schema.kind_mismatch)!.reason, /kind mismatch/);
  assert.match(reasons.get(schema.invalid_json)!.reason, /not valid JSON/);
  assert.match(reasons.get(schema.oversized)!.reason, /larger than 262144 bytes/);
  // Raw bytes kept for review.
  assert.ok(reasons.get(schema.invalid_json)!.payload.length > 10);
  // Everything else converged; the quarantined changes were not applied.
  await assertConverged(f, new Set(expectedBad));
  const listed = await value(f.core, 'sync.quarantine', {});
  assert.equal(listed.total, expectedBad.length);
});

test('an attachment whose bytes do not match is retried, then quarantined; its report is kept', async (t) => {
  const f = await fixture(t);
  const { db } = f.core.unlockedStore();
  const feed = await serverFeed(f.server);
  const withAttachments = feed.map((c) => JSON.parse(c.payload) as { kind: string; id: string; attachments?: { id: string }[] }).filter((p) => p.kind === 'report' && (p.attachments?.length ?? 0) > 0);
  const bad = withAttachments[0]!.attachments![0]!.id;
  const flaky = withAttachments[1]!.attachments![0]!.id;
  f.server.faults.corruptAttachment({ id: bad, mode: 'flip' });
  f.server.faults.corruptAttachment({ id: flaky, mode: 'truncate', times: 1 });
  const status = await f.sync();
  assert.equal(status.lastError, null);
  assert.deepEqual(db.prepare('SELECT state FROM attachments WHERE id = ?').get(bad), { state: 'quarantined' });
  assert.deepEqual(db.prepare('SELECT state FROM attachments WHERE id = ?').get(flaky), { state: 'verified' }, 'one bad download is retried');
  const item = db.prepare("SELECT kind, reason, report_id, length(payload) AS bytes FROM quarantine WHERE attachment_id = ?").get(bad) as { kind: string; reason: string; report_id: string; bytes: number };
  assert.equal(item.kind, 'attachment');
  assert.match(item.reason, /sha256 mismatch.*after 3 downloads/);
  assert.equal(item.report_id, withAttachments[0]!.id);
  assert.ok(item.bytes > 0, 'the bytes received are kept for review');
  assert.ok(db.prepare('SELECT 1 FROM reports WHERE id = ?').get(withAttachments[0]!.id));
  await assertConverged(f);
});

test('401 and 403 stop the sync with a clear message and are not retried', async (t) => {
  const f = await fixture(t);
  f.server.revoke(f.server.token);
  const revoked = await f.sync();
  assert.match(revoked.lastError ?? '', /revoked this workstation \(HTTP 403\)/);
  assert.equal(revoked.lastErrorKind, 'auth');
  const changes = f.server.faults.history.length;
  assert.equal(changes, 0);
  // An unknown token fails the test before saving (test/sync/intake-switch.test.ts); saved anyway, it stops the sync.
  await value(f.core, 'intake.update', { url: f.server.url, token: 'iblw_unknown_token_value_0000000000', workstationId: 'ws-rabat-03', syncIntervalMinutes: 0, untested: { reason: 'jeton à vérifier par la sync' } });
  const unknown = await f.sync();
  assert.match(unknown.lastError ?? '', /HTTP 401/);
  assert.equal((await failure(f.core, 'intake.test')).code, 'INTAKE_AUTH');
});

test('a service that stays unreachable ends the run with a clear error; the store keeps working offline', async (t) => {
  const f = await fixture(t);
  await f.sync();
  await f.server.close();
  const status = await f.sync();
  assert.match(status.lastError ?? '', /stayed unreachable after 8 attempts/);
  assert.equal(status.lastErrorKind, 'unreachable');
  assert.equal(status.online, false);
  assert.ok((await value(f.core, 'queue.query', { limit: 0, facets: false })).total > 0);
  assert.equal((await failure(f.core, 'intake.test')).code, 'INTAKE_UNREACHABLE');
});

test('out-of-order revisions: a lower revision arriving later never replaces a higher one, and both are kept', async (t) => {
  const f = await fixture(t, { count: 5, attachments: 0 });
  const base = JSON.parse((await serverFeed(f.server)).find((c) => c.kind === 'report')!.payload) as Record<string, unknown> & { id: string };
  const revision = (n: number, description: string) => JSON.stringify({ ...base, revision: n, content: { ...(base['content'] as object), description } });
  f.server.appendRaw('report', revision(3, 'troisième version'));
  await f.sync();
  f.server.appendRaw('report', revision(2, 'deuxième version, arrivée en retard'));
  await f.sync();
  const { db } = f.core.unlockedStore();
  assert.deepEqual(
    db.prepare("SELECT r.revision, json_extract(v.payload, '$.content.description') AS description FROM reports r JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision WHERE r.id = ?").get(base.id),
    { revision: 3, description: 'troisième version' },
  );
  assert.deepEqual((db.prepare('SELECT revision FROM report_revisions WHERE report_id = ? ORDER BY revision').all(base.id) as { revision: number }[]).map((r) => r.revision), [1, 2, 3]);
});

test('a status that arrives before its report is shown once the report arrives, in a later sync or in the same one', async (t) => {
  const f = await fixture(t, { count: 5, attachments: 0 });
  const feed = await serverFeed(f.server);
  const base = JSON.parse(feed.find((c) => c.kind === 'report')!.payload) as Record<string, unknown> & { id: string };
  const statusOf = JSON.parse(f.server.appendStatus({ reportId: base.id, status: 'in_analysis' }).payload) as Record<string, unknown>;
  const status = (reportId: string, value: string) => JSON.stringify({ ...statusOf, report_id: reportId, status: value, accepted_at: new Date(Date.now() + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z') });
  const report = (id: string) => JSON.stringify({ ...base, id });
  // The status in one sync, its report in the next.
  f.server.appendRaw('status', status('IBL-2026-0999998', 'in_analysis'));
  assert.equal((await f.sync()).quarantined, 0);
  f.server.appendRaw('report', report('IBL-2026-0999998'));
  // Both in one sync (one page), the status first; and a report with no status of its own.
  f.server.appendRaw('status', status('IBL-2026-0999997', 'referred'));
  f.server.appendRaw('report', report('IBL-2026-0999997'));
  f.server.appendRaw('report', report('IBL-2026-0999996'));
  assert.equal((await f.sync()).quarantined, 0);
  const { db } = f.core.unlockedStore();
  const statusOfReport = (id: string) => (db.prepare('SELECT status FROM reports WHERE id = ?').get(id) as { status: string }).status;
  assert.equal(statusOfReport('IBL-2026-0999998'), 'in_analysis');
  assert.equal(statusOfReport('IBL-2026-0999997'), 'referred');
  assert.equal(statusOfReport('IBL-2026-0999996'), 'received');
  // The queue shows them so.
  const page = await value(f.core, 'queue.query', { filters: { search: 'IBL-2026-099999' }, limit: 10, facets: false });
  assert.deepEqual(Object.fromEntries(page.rows.map((row) => [row.id, row.status])), { 'IBL-2026-0999998': 'in_analysis', 'IBL-2026-0999997': 'referred', 'IBL-2026-0999996': 'received' });
});

test('unknown fields are kept verbatim; unknown categories and platforms are accepted', async (t) => {
  const f = await fixture(t, { count: 3, attachments: 0 });
  const base = JSON.parse((await serverFeed(f.server)).find((c) => c.kind === 'report')!.payload) as Record<string, unknown> & { id: string };
  const odd = JSON.stringify({
    ...base,
    id: 'IBL-2026-0999999',
    category: 'deepfake_abuse',
    content: { ...(base['content'] as object), platform: 'threads', future_field: { nested: [1, 'ب'] } },
    triage_hint: 'urgent',
  });
  f.server.appendRaw('report', odd);
  const status = await f.sync();
  assert.equal(status.quarantined, 0);
  const { db } = f.core.unlockedStore();
  assert.deepEqual(db.prepare('SELECT category, platform FROM reports WHERE id = ?').get('IBL-2026-0999999'), { category: 'deepfake_abuse', platform: 'threads' });
  assert.equal((db.prepare('SELECT payload FROM report_revisions WHERE report_id = ?').get('IBL-2026-0999999') as { payload: string }).payload, odd);
});

test('claims go through a durable outbox, in order, with idempotency keys, surviving an offline period', async (t) => {
  const f = await fixture(t, { count: 20, attachments: 0 });
  await f.sync();
  const ids = (await value(f.core, 'queue.query', { limit: 500, facets: false })).rows.map((r) => r.id);
  const port = new URL(f.server.url).port;
  await f.server.close();
  const claimed = await value(f.core, 'reports.setStatus', { reportId: ids[0]!, status: 'in_analysis' });
  assert.equal(claimed.status, 'in_analysis', 'reflected at once');
  await value(f.core, 'reports.setStatus', { reportId: ids[1]!, status: 'referred', reference: 'DOS-2026-0042' });
  await f.core.syncIdle();
  const offline = await value(f.core, 'sync.status');
  assert.equal(offline.outbox.pending, 2);
  assert.equal((await failure(f.core, 'reports.setStatus', { reportId: 'IBL-2026-0000000', status: 'in_analysis' })).code, 'NOT_FOUND');

  // The service comes back on the same address, with the same feed.
  const { startIntakeServer } = await import('../../src/intake/server.ts');
  const back = await startIntakeServer({ seed: 7, count: 20, attachments: 0, port: Number(port), token: f.server.token, dbFile: ':memory:' });
  t.after(() => back.close());
  assert.equal(back.publicKeyPem === f.server.publicKeyPem, false, 'a fresh in-memory service has a new key');
  await value(f.core, 'intake.update', { url: back.url, token: back.token, publicKeyPem: back.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 });
  const online = await f.sync();
  assert.deepEqual(online.outbox, { pending: 0, sent: 2, rejected: 0 });
  const feed = await serverFeed(back);
  const pushed = feed.filter((c) => c.kind === 'status').map((c) => JSON.parse(c.payload) as { report_id: string; status: string; workstation_id: string; reference?: string }).filter((p) => p.workstation_id === 'ws-rabat-03');
  assert.deepEqual(pushed.map((p) => [p.report_id, p.status, p.reference ?? null]), [[ids[0], 'in_analysis', null], [ids[1], 'referred', 'DOS-2026-0042']]);
  const entries = (await value(f.core, 'sync.outbox', {})).entries;
  assert.ok(entries.every((e) => e.state === 'sent' && e.ackedSeq !== null));
});

test('a sync can be cancelled at any time; what it committed stays, and the next run finishes the job', async (t) => {
  const f = await fixture(t, { count: 600, attachments: 0 }, { pageLimit: 50 });
  f.server.faults.setLatency(40, ['changes']);
  await value(f.core, 'sync.start');
  // Cancel once the first pages are in.
  for (let waited = 0; (await value(f.core, 'sync.status')).cursor === 0; waited += 20) {
    assert.ok(waited < 10_000, 'the sync never started');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await value(f.core, 'sync.cancel');
  await f.core.syncIdle();
  const cancelled = await value(f.core, 'sync.status');
  assert.equal(cancelled.running, false);
  assert.equal(cancelled.lastError, 'Sync cancelled.');
  assert.ok(cancelled.cursor > 0 && cancelled.cursor < f.server.headSeq(), `stopped midway (${cancelled.cursor})`);
  f.server.faults.setLatency(0);
  assert.equal((await f.sync()).lastError, null);
  await assertConverged(f);
});

test('requests that hang are timed out and retried', async (t) => {
  const f = await fixture(t, { count: 10, attachments: 0 }, { retry: { ...FAST_RETRY, maxAttempts: 2, timeoutMs: 100 } });
  f.server.faults.setLatency(400, ['changes']);
  const status = await f.sync();
  assert.match(status.lastError ?? '', /stayed unreachable after 2 attempts: request timed out after 100 ms/);
  f.server.faults.setLatency(0);
  assert.equal((await f.sync()).lastError, null);
});

test('background sync runs every N minutes while unlocked, and stops when locked', async (t) => {
  const f = await fixture(t, { count: 10, attachments: 0 });
  t.mock.timers.enable({ apis: ['setInterval'] });
  await value(f.core, 'intake.update', { url: f.server.url, workstationId: 'ws-rabat-03', syncIntervalMinutes: 2 });
  const scheduled = await value(f.core, 'sync.status');
  assert.ok(scheduled.nextRunAt, 'next run announced');
  assert.equal(scheduled.lastAttemptAt, null);
  t.mock.timers.tick(2 * 60_000);
  await f.core.syncIdle();
  const ran = await value(f.core, 'sync.status');
  assert.ok(ran.lastSuccessAt, 'the scheduled run happened');
  assert.equal(ran.reports, 10);
  await value(f.core, 'session.lock');
  f.server.appendReport();
  t.mock.timers.tick(10 * 60_000);
  await f.core.syncIdle();
  await value(f.core, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
  assert.equal((await value(f.core, 'sync.status')).reports, 10, 'no sync while locked');
});

test('the outbox survives a restart of the workstation', async (t) => {
  const f = await fixture(t, { count: 10, attachments: 0 });
  await f.sync();
  const id = (await value(f.core, 'queue.query', { limit: 1, facets: false })).rows[0]!.id;
  f.server.faults.serverErrors({ count: 100, endpoints: ['status'] });
  await value(f.core, 'reports.setStatus', { reportId: id, status: 'in_analysis' });
  await f.core.syncIdle();
  assert.equal((await value(f.core, 'sync.status')).outbox.pending, 1);
  f.core.close();
  f.server.faults.clear();
  const again = await fixture(t, { count: 10, attachments: 0 }, { storeDir: f.storeDir });
  // The same service must receive it: point the restarted workstation back at the first one.
  await value(again.core, 'intake.update', { url: f.server.url, token: f.server.token, publicKeyPem: f.server.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 });
  assert.equal((await value(again.core, 'sync.status')).outbox.pending, 1);
  await again.sync();
  assert.deepEqual((await value(again.core, 'sync.status')).outbox, { pending: 0, sent: 1, rejected: 0 });
  const pushed = (await serverFeed(f.server)).map((c) => JSON.parse(c.payload) as { kind: string; report_id?: string; workstation_id?: string }).filter((p) => p.kind === 'status' && p.workstation_id === 'ws-rabat-03');
  assert.deepEqual(pushed.map((p) => p.report_id), [id]);
});
