/** Each injected fault does what it says, over real loopback HTTP; and changes can be appended at runtime. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import type { IntakeServer } from '../../src/intake/server.ts';
import { StrictReportPayload, StrictStatusPayload, api, page, pullAll, rawGet, startServer, verifies, type StrictReport } from './helpers.ts';

async function firstAttachment(server: IntakeServer): Promise<{ id: string; size: number; sha256: string }> {
  for (const change of await pullAll(server)) {
    const payload = JSON.parse(change.payload) as StrictReport;
    if (payload.kind === 'report' && payload.attachments[0]) return payload.attachments[0];
  }
  throw new Error('no attachment in the feed');
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

test('latency delays the chosen endpoints only, and can be switched off', async (t) => {
  const server = await startServer(t, { count: 20, attachments: 0 });
  server.faults.setLatency(300, ['changes']);
  let started = performance.now();
  assert.equal((await api(server, '/changes?limit=1')).status, 200);
  assert.ok(performance.now() - started >= 290);
  started = performance.now();
  assert.equal((await api(server, '/health')).status, 200);
  assert.ok(performance.now() - started < 250);
  server.faults.setLatency(0);
  started = performance.now();
  await api(server, '/changes?limit=1');
  assert.ok(performance.now() - started < 250);
});

test('429 and 503 for the next N requests, with Retry-After in seconds when asked', async (t) => {
  const server = await startServer(t, { count: 20, attachments: 0 });
  server.faults.throttle({ status: 429, retryAfter: 3, count: 2, endpoints: ['changes'] });
  assert.equal((await api(server, '/health')).status, 200);
  for (let i = 0; i < 2; i++) {
    const response = await api(server, '/changes');
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '3');
    assert.equal(response.json<{ error: { code: string } }>().error.code, 'rate_limited');
  }
  assert.equal((await api(server, '/changes')).status, 200);

  server.faults.throttle({ status: 503 });
  const unavailable = await api(server, '/health');
  assert.equal(unavailable.status, 503);
  assert.equal(unavailable.headers.get('retry-after'), null);
  assert.equal((await api(server, '/health')).status, 200);
  // Overload comes before authentication, as from a proxy in front of the service.
  server.faults.throttle({ status: 503, retryAfter: 0 });
  assert.equal((await api(server, '/health', { token: 'unknown' })).status, 503);
  assert.equal(server.faults.history.filter((f) => f.fault === 'throttle').length, 4);
});

test('throttling with a probability is reproducible from the fault seed', async (t) => {
  const outcomes = async (): Promise<number[]> => {
    const server = await startServer(t, { count: 5, attachments: 0, faults: { seed: 42, throttle: [{ status: 503, probability: 0.5, retryAfter: 1, endpoints: ['health'] }] } });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await api(server, '/health')).status);
    assert.equal((await api(server, '/changes?limit=1')).status, 200);
    return statuses;
  };
  const first = await outcomes();
  assert.ok(first.filter((s) => s === 503).length > 5 && first.filter((s) => s === 200).length > 5, first.join(','));
  assert.deepEqual(await outcomes(), first);
});

test('a burst of 500 for the next N requests, then normal service', async (t) => {
  const server = await startServer(t, { count: 5, attachments: 0 });
  server.faults.serverErrors({ count: 3 });
  for (let i = 0; i < 3; i++) assert.equal((await api(server, i === 1 ? '/health' : '/changes')).status, 500);
  assert.equal((await api(server, '/changes')).status, 200);
  server.faults.serverErrors({ count: 1, status: 502, endpoints: ['status'] });
  assert.equal((await api(server, '/health')).status, 200);
  const reportId = (JSON.parse((await page(server, '?limit=1')).changes[0]?.payload ?? '{}') as StrictReport).id;
  const push = await api(server, `/reports/${reportId}/status`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() }, body: JSON.stringify({ status: 'received', at: '2026-06-12T10:00:00Z', workstation_id: 'ws-local-01' }),
  });
  assert.equal(push.status, 502);
});

test('a connection reset mid-body: headers and part of the body, then the socket is reset', async (t) => {
  const server = await startServer(t, { count: 50, attachments: 5 });
  server.faults.resetConnections({ count: 1, endpoints: ['changes'] });
  assert.equal((await api(server, '/health')).status, 200);
  const cut = await rawGet(server, '/changes?limit=100');
  assert.equal(cut.status, 200);
  assert.equal(cut.complete, false);
  assert.ok(cut.bytes.length < Number(cut.headers['content-length']));
  const whole = await rawGet(server, '/changes?limit=100');
  assert.equal(whole.complete, true);
  assert.equal(whole.bytes.length, Number(whole.headers['content-length']));
  assert.ok(cut.bytes.length > 0 && whole.bytes.subarray(0, cut.bytes.length).equals(cut.bytes));

  // fetch sees it as a failed body read.
  server.faults.resetConnections({ count: 1, afterBytes: 100 });
  await assert.rejects(api(server, '/changes?limit=100'));
  const attachment = await firstAttachment(server);
  server.faults.resetConnections({ count: 1, endpoints: ['attachments'] });
  const partial = await rawGet(server, `/attachments/${attachment.id}`);
  assert.equal(partial.complete, false);
  assert.ok(partial.bytes.length < attachment.size);
});

test('a truncated body: valid headers, a body that stops early', async (t) => {
  const server = await startServer(t, { count: 50, attachments: 5 });
  server.faults.truncateBodies({ count: 1, endpoints: ['changes'] });
  const cut = await rawGet(server, '/changes?limit=50');
  assert.equal(cut.status, 200);
  assert.equal(cut.complete, true);
  assert.equal(cut.bytes.length, Number(cut.headers['content-length']));
  assert.throws(() => JSON.parse(cut.bytes.toString('utf8')));
  const next = await api(server, '/changes?limit=50');
  assert.doesNotThrow(() => next.json());

  server.faults.truncateBodies({ count: 1, keepBytes: 10, endpoints: ['health'] });
  const health = await api(server, '/health');
  assert.equal(health.status, 200);
  assert.equal(health.bytes.length, 10);

  const attachment = await firstAttachment(server);
  server.faults.truncateBodies({ count: 1, endpoints: ['attachments'] });
  const short = await api(server, `/attachments/${attachment.id}`);
  assert.equal(short.status, 200);
  assert.ok(short.bytes.length < attachment.size);
  assert.equal(Number(short.headers.get('content-length')), short.bytes.length);
});

test('a replay: the page begins with changes at or before `after`, still in ascending order', async (t) => {
  const server = await startServer(t, { count: 100, attachments: 0 });
  const all = await pullAll(server);
  const after = all[40]?.seq ?? 0;
  server.faults.replay({ back: 5 });
  const replayed = await page(server, `?after=${after}&limit=20`);
  assert.deepEqual(replayed.changes.map((c) => c.seq), all.slice(36, 56).map((c) => c.seq));
  assert.ok((replayed.changes[0]?.seq ?? Infinity) <= after);
  assert.equal(replayed.next_after, all[55]?.seq);
  const normal = await page(server, `?after=${after}&limit=20`);
  assert.equal(normal.changes[0]?.seq, all[41]?.seq);

  // A replay from a fixed seq, whole pages of old changes: next_after may be below `after`.
  server.faults.replay({ fromSeq: 0, count: 2 });
  const old = await page(server, `?after=${after}&limit=10`);
  assert.deepEqual(old.changes.map((c) => c.seq), all.slice(0, 10).map((c) => c.seq));
  assert.ok(old.next_after < after);
  // Nothing to replay at after=0: the fault waits for a page where it can.
  assert.equal((await page(server, '?after=0&limit=1')).changes[0]?.seq, all[0]?.seq);
  assert.equal((await page(server, `?after=${after}&limit=1`)).changes[0]?.seq, all[0]?.seq);
  assert.equal((await page(server, `?after=${after}&limit=1`)).changes[0]?.seq, all[41]?.seq);
  for (const change of replayed.changes) assert.ok(verifies(server.publicKeyPem, change.payload, change.sig));
});

test('a cursor jump: next_after past the last change of the page (or past `after` when empty), for the next N pages', async (t) => {
  const server = await startServer(t, { count: 30, attachments: 0 });
  server.faults.jumpCursor({ count: 2, skip: 1000 });
  const first = await page(server, '?after=0&limit=5');
  assert.equal(first.next_after, (first.changes[4]?.seq ?? 0) + 1000);
  const empty = await page(server, `?after=${server.headSeq()}`);
  assert.deepEqual(empty.changes, []);
  assert.equal(empty.next_after, server.headSeq() + 1000);
  // Spent: the contract again.
  const third = await page(server, '?after=0&limit=5');
  assert.equal(third.next_after, third.changes[4]?.seq);
  assert.deepEqual(server.faults.history.map((h) => [h.fault, h.detail]), [['cursor_jump', '+1000'], ['cursor_jump', '+1000']]);
  // With changes altered too (the path that builds pages by hand).
  server.faults.badSignature(first.changes[1]!.seq);
  server.faults.jumpCursor({ skip: 7 });
  const altered = await page(server, '?after=0&limit=5');
  assert.equal(altered.next_after, (altered.changes[4]?.seq ?? 0) + 7);
  assert.throws(() => server.faults.jumpCursor({ skip: 0 }), RangeError);
});

test('bad signatures on chosen seqs: wrong or malformed, the rest still verifies', async (t) => {
  const server = await startServer(t, { count: 30, attachments: 0 });
  const all = await pullAll(server);
  const [wrong, malformed] = [all[3]?.seq ?? 0, all[7]?.seq ?? 0];
  server.faults.badSignature([wrong]);
  server.faults.badSignature(malformed, 'malformed');
  const served = await pullAll(server);
  for (const [i, change] of served.entries()) {
    assert.equal(change.payload, all[i]?.payload);
    const ok = verifies(server.publicKeyPem, change.payload, change.sig);
    assert.equal(ok, change.seq !== wrong && change.seq !== malformed, `seq ${change.seq}`);
  }
  const bad = served.find((c) => c.seq === wrong);
  assert.equal(Buffer.from(bad?.sig ?? '', 'base64').length, 64);
  assert.notEqual(Buffer.from(served.find((c) => c.seq === malformed)?.sig ?? '', 'base64').length, 64);
  server.faults.clear();
  for (const change of await pullAll(server)) assert.ok(verifies(server.publicKeyPem, change.payload, change.sig));
});

test('schema faults on chosen seqs: validly signed payloads that fail the schema', async (t) => {
  const server = await startServer(t, { count: 60, attachments: 0 });
  const all = await pullAll(server);
  const report = all.filter((c) => c.kind === 'report');
  const status = all.filter((c) => c.kind === 'status');
  assert.ok(report.length > 6 && status.length > 1);
  const target = {
    missingReport: report[0]?.seq ?? 0,
    missingStatus: status[0]?.seq ?? 0,
    wrongType: report[1]?.seq ?? 0,
    mismatch: report[2]?.seq ?? 0,
    invalidJson: report[3]?.seq ?? 0,
    oversized: report[4]?.seq ?? 0,
  };
  server.faults.badSchema([target.missingReport, target.missingStatus]);
  server.faults.badSchema(target.wrongType, 'wrong_type');
  server.faults.badSchema(target.mismatch, 'kind_mismatch');
  server.faults.badSchema(target.invalidJson, 'invalid_json');
  server.faults.badSchema(target.oversized, 'oversized');
  const served = new Map((await pullAll(server, 1000)).map((c) => [c.seq, c]));
  const bySeq = (seq: number) => {
    const change = served.get(seq);
    assert.ok(change);
    assert.ok(verifies(server.publicKeyPem, change.payload, change.sig), `seq ${seq} stays validly signed`);
    return change;
  };
  const missing = JSON.parse(bySeq(target.missingReport).payload) as Record<string, unknown>;
  assert.equal('revision' in missing, false);
  assert.equal(StrictReportPayload.safeParse(missing).success, false);
  const missingStatus = JSON.parse(bySeq(target.missingStatus).payload) as Record<string, unknown>;
  assert.equal('status' in missingStatus, false);
  assert.equal(StrictStatusPayload.safeParse(missingStatus).success, false);
  assert.equal(typeof (JSON.parse(bySeq(target.wrongType).payload) as { revision: unknown }).revision, 'string');
  const mismatch = bySeq(target.mismatch);
  assert.equal(mismatch.kind, 'status');
  assert.equal((JSON.parse(mismatch.payload) as { kind: string }).kind, 'report');
  assert.throws(() => JSON.parse(bySeq(target.invalidJson).payload));
  assert.ok(Buffer.byteLength(bySeq(target.oversized).payload) > 262_144);
  // Everything else is untouched.
  for (const change of all) if (!Object.values(target).includes(change.seq)) assert.equal(served.get(change.seq)?.payload, change.payload);
});

test('an attachment whose bytes do not match its sha256, for the first K requests only', async (t) => {
  const server = await startServer(t, { count: 40, attachments: 10 });
  const ref = await firstAttachment(server);
  server.faults.corruptAttachment({ id: ref.id, times: 2 });
  for (let i = 0; i < 2; i++) {
    const bad = await api(server, `/attachments/${ref.id}`);
    assert.equal(bad.status, 200);
    assert.equal(bad.bytes.length, ref.size);
    assert.notEqual(sha256(bad.bytes), ref.sha256);
  }
  const good = await api(server, `/attachments/${ref.id}`);
  assert.equal(sha256(good.bytes), ref.sha256);

  server.faults.corruptAttachment({ id: ref.id, mode: 'truncate' });
  for (let i = 0; i < 3; i++) {
    const short = await api(server, `/attachments/${ref.id}`);
    assert.equal(short.status, 200);
    assert.ok(short.bytes.length < ref.size);
  }
  const ranged = await api(server, `/attachments/${ref.id}`, { headers: { range: 'bytes=10-' } });
  assert.equal(ranged.status, 206);
  assert.equal(ranged.bytes.length, Math.floor(ref.size / 2) - 10);
  assert.equal(server.faults.history.filter((f) => f.fault === 'corrupt_attachment').length, 6);
});

test('faults armed at start, then changed at runtime', async (t) => {
  const server = await startServer(t, {
    count: 20,
    attachments: 0,
    faults: { latencyMs: 50, throttle: [{ status: 429, count: 1, retryAfter: 2 }], serverErrors: [{ count: 1 }], badSignatures: [1] },
  });
  assert.equal((await api(server, '/health')).status, 429);
  assert.equal((await api(server, '/health')).status, 500);
  const first = (await page(server, '?limit=1')).changes[0];
  assert.ok(first);
  assert.equal(verifies(server.publicKeyPem, first.payload, first.sig), false);
  assert.deepEqual(server.faults.history.map((f) => f.fault).filter((f) => f !== 'latency'), ['throttle', 'server_error', 'bad_signature']);
  server.faults.clear();
  assert.equal(server.faults.history.length, 0);
  const clean = (await page(server, '?limit=1')).changes[0];
  assert.ok(clean && verifies(server.publicKeyPem, clean.payload, clean.sig));
  const whole = (await api(server, '/health')).bytes.length;
  server.faults.apply({ truncations: [{ count: 1, endpoints: ['health'] }] });
  assert.equal((await api(server, '/health')).bytes.length, Math.floor(whole / 2));
});

test('changes appended at runtime: new reports, clusters, revisions, statuses, raw payloads', async (t) => {
  const server = await startServer(t, { count: 30, attachments: 0 });
  const before = await pullAll(server);
  const lastReport = [...before].reverse().find((c) => c.kind === 'report');
  const lastId = (JSON.parse(lastReport?.payload ?? '{}') as StrictReport).id;

  const added = server.appendReport({ attachments: 2, imminentDanger: true, category: 'sextortion' });
  assert.equal(added.seq, (before.at(-1)?.seq ?? 0) + 1);
  const report = StrictReportPayload.parse(JSON.parse(added.payload));
  assert.ok(report.id > lastId);
  assert.equal(report.revision, 1);
  assert.equal(report.imminent_danger, true);
  assert.equal(report.category, 'sextortion');
  assert.equal(report.attachments.length, 2);
  for (const ref of report.attachments) {
    const bytes = (await api(server, `/attachments/${ref.id}`)).bytes;
    assert.equal(sha256(bytes), ref.sha256);
  }

  const same = StrictReportPayload.parse(JSON.parse(server.appendReport({ sameContentAs: report.id }).payload));
  assert.notEqual(same.id, report.id);
  const hosts = (r: StrictReport): string[] =>
    r.content.urls.flatMap((u) => {
      try {
        return [new URL(/^[a-z]+:/i.test(u.trim()) ? u.trim().replace(/^hxxp/i, 'http').replaceAll('[.]', '.') : `https://${u.trim()}`).hostname.replace(/^www\./, '').toLowerCase()];
      } catch {
        return [];
      }
    });
  assert.ok(hosts(same).some((h) => hosts(report).includes(h)), `${same.content.urls.join(' ')} vs ${report.content.urls.join(' ')}`);

  const revision = StrictReportPayload.parse(JSON.parse(server.appendRevision(report.id).payload));
  assert.equal(revision.id, report.id);
  assert.equal(revision.revision, 2);
  assert.ok(revision.content.description.length > report.content.description.length);

  const status = server.appendStatus({ reportId: report.id, status: 'in_analysis', workstationId: 'ws-tanger-02', reference: 'DOS-2026-0099' });
  const appendedStatus = JSON.parse(status.payload) as { at: string; accepted_at: string };
  assert.deepEqual(StrictStatusPayload.parse(appendedStatus), {
    kind: 'status', report_id: report.id, status: 'in_analysis', at: appendedStatus.at, workstation_id: 'ws-tanger-02', reference: 'DOS-2026-0099', accepted_at: appendedStatus.at,
  });
  assert.throws(() => server.appendStatus({ reportId: 'IBL-2026-9999999', status: 'received' }));

  const raw = '{"kind":"report","id":"IBL-2026-0000001","note":"odd but signed"}';
  const appended = server.appendRaw('report', raw);
  const tail = await page(server, `?after=${before[before.length - 1]?.seq ?? 0}`);
  assert.deepEqual(tail.changes.map((c) => c.seq), [added.seq, added.seq + 1, added.seq + 2, added.seq + 3, appended.seq]);
  assert.equal(tail.changes[4]?.payload, raw);
  for (const change of tail.changes) assert.ok(verifies(server.publicKeyPem, change.payload, change.sig));
  // Appended report times follow the feed.
  assert.ok(report.submitted_at >= (JSON.parse(lastReport?.payload ?? '{}') as StrictReport).submitted_at);
  // A status given an earlier `at` is still accepted at the feed's clock, never before its `at`.
  const late = JSON.parse(server.appendStatus({ reportId: report.id, status: 'referred', at: '2020-01-01T00:00:00Z' }).payload) as { at: string; accepted_at: string };
  assert.equal(late.at, '2020-01-01T00:00:00Z');
  assert.ok(Date.parse(late.accepted_at) > Date.parse(appendedStatus.accepted_at));
  const explicit = JSON.parse(server.appendStatus({ reportId: report.id, status: 'closed_no_action', acceptedAt: '2026-12-01T00:00:00Z' }).payload) as { accepted_at: string };
  assert.equal(explicit.accepted_at, '2026-12-01T00:00:00Z');
});
