/**
 * The intake contract 1.1 and the review's protocol findings, end to end
 * against the reference service on loopback: statuses ordered by the signed
 * accepted_at (a replayed old status cannot hide a newer one), the cursor
 * rule (a next_after past the page's last change is a protocol error,
 * retried, then shown), Retry-After capped, oversized quarantined payloads
 * reduced to their hash and first bytes.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { value } from '../helpers/store.ts';
import { assertConverged, FAST_RETRY, fixture, serverFeed } from './fixture.ts';
import { pageCursorViolation } from '../../src/main/sync/change-page.ts';
import { IntakeClient, MAX_RETRY_AFTER_MS, parseRetryAfter, CancelledError } from '../../src/main/sync/intake-client.ts';
import { acceptedAtOf, QUARANTINE_HEAD_BYTES } from '../../src/main/sync/apply.ts';

/** Reports of the feed that no generated status names: their statuses are only the ones a test adds. */
async function reportsWithoutStatus(f: Awaited<ReturnType<typeof fixture>>): Promise<string[]> {
  const feed = await serverFeed(f.server);
  const named = new Set(feed.filter((c) => c.kind === 'status').map((c) => (JSON.parse(c.payload) as { report_id: string }).report_id));
  return feed.filter((c) => c.kind === 'report').map((c) => (JSON.parse(c.payload) as { id: string }).id).filter((id) => !named.has(id));
}

function currentStatus(f: Awaited<ReturnType<typeof fixture>>, id: string): { status: string; status_seq: number } {
  return f.core.unlockedStore().db.prepare('SELECT status, status_seq FROM reports WHERE id = ?').get(id) as { status: string; status_seq: number };
}

test('a replayed old status, signed but given a new seq, does not hide a newer referral (accepted_at orders statuses)', async (t) => {
  const f = await fixture(t, { count: 40, attachments: 0 });
  await f.sync();
  const id = (await reportsWithoutStatus(f))[0]!;
  const analysis = f.server.appendStatus({ reportId: id, status: 'in_analysis', at: '2026-11-02T09:00:00Z', acceptedAt: '2026-11-02T09:00:05Z' });
  const referral = f.server.appendStatus({ reportId: id, status: 'referred', at: '2026-11-03T15:40:00Z', acceptedAt: '2026-11-03T15:40:02Z', reference: 'DOS-2026-0042' });
  await f.sync();
  assert.equal(currentStatus(f, id).status, 'referred');
  // The attack: the old signed payload, sent again under a new, higher seq. Its signature verifies.
  const replayed = f.server.appendRaw('status', analysis.payload);
  assert.equal(replayed.sig, analysis.sig);
  assert.ok(replayed.seq > referral.seq);
  const status = await f.sync();
  assert.equal(status.lastError, null);
  assert.equal(status.quarantined, 0, 'a validly signed change is kept, not quarantined');
  assert.deepEqual(currentStatus(f, id), { status: 'referred', status_seq: referral.seq });
  // Every change is kept, in the order the service accepted them: the replay sits with its original.
  const detail = await value(f.core, 'reports.get', { reportId: id });
  const intake = detail.statusHistory.filter((s) => s.source === 'intake').map((s) => s.seq);
  assert.deepEqual(intake.slice(-3), [analysis.seq, replayed.seq, referral.seq]);
  assert.equal(f.core.unlockedStore().db.prepare('SELECT accepted_at FROM status_changes WHERE seq = ?').pluck().get(replayed.seq), '2026-11-02T09:00:05.000Z');
  await assertConverged(f);
});

test('a 1.0 service (no accepted_at) is ordered by seq alone, and sorts below every 1.1 status', async (t) => {
  const f = await fixture(t, { count: 40, attachments: 0 });
  await f.sync();
  const ids = await reportsWithoutStatus(f);
  const legacy = (id: string, status: string): string => JSON.stringify({ kind: 'status', report_id: id, status, at: '2026-11-01T08:00:00Z', workstation_id: 'ws-old' });
  // A report with statuses from a 1.0 service only: the higher seq wins.
  f.server.appendRaw('status', legacy(ids[1]!, 'referred'));
  const later = f.server.appendRaw('status', legacy(ids[1]!, 'closed_no_action'));
  // A 1.1 status, then a 1.0 one with a higher seq: the signed accepted_at wins.
  const signed = f.server.appendStatus({ reportId: ids[2]!, status: 'referred', acceptedAt: '2026-11-02T10:00:00Z' });
  f.server.appendRaw('status', legacy(ids[2]!, 'duplicate'));
  await f.sync();
  assert.deepEqual(currentStatus(f, ids[1]!), { status: 'closed_no_action', status_seq: later.seq });
  assert.deepEqual(currentStatus(f, ids[2]!), { status: 'referred', status_seq: signed.seq });
});

test('an accepted_at that is not an RFC 3339 UTC date-time is a schema failure: quarantined, the sync goes on', async (t) => {
  const f = await fixture(t, { count: 20, attachments: 0 });
  const id = (await reportsWithoutStatus(f))[0]!;
  const bad = ['2026-11-02T10:00:00+01:00', 'yesterday', '2026-02-30T10:00:00Z', 1_762_077_600_000].map((acceptedAt) =>
    f.server.appendRaw('status', JSON.stringify({ kind: 'status', report_id: id, status: 'duplicate', at: '2026-11-01T08:00:00Z', workstation_id: 'ws', accepted_at: acceptedAt })).seq,
  );
  const status = await f.sync();
  assert.equal(status.lastError, null);
  const rows = f.core.unlockedStore().db.prepare('SELECT seq, reason_code, reason FROM quarantine ORDER BY seq').all() as { seq: number; reason_code: string; reason: string }[];
  assert.deepEqual(rows.map((r) => r.seq), bad);
  for (const row of rows) assert.equal(row.reason, 'schema: accepted_at: must be an RFC 3339 UTC date-time');
  assert.notEqual(currentStatus(f, id).status, 'duplicate');
});

test('accepted_at is checked and normalised so that the store orders it as text', () => {
  assert.equal(acceptedAtOf({}), null);
  assert.equal(acceptedAtOf({ accepted_at: '2026-11-02T10:00:00Z' }), '2026-11-02T10:00:00.000Z');
  // Without normalising, "…00.5Z" would sort before "…00Z" as text.
  assert.equal(acceptedAtOf({ accepted_at: '2026-11-02T10:00:00.5Z' }), '2026-11-02T10:00:00.500Z');
  for (const bad of [null, 12, '', '2026-11-02 10:00:00Z', '2026-11-02T10:00:00', '2026-13-02T10:00:00Z', '2026-02-30T10:00:00Z', '2026-11-02T24:00:00Z', '+02026-11-02T10:00:00Z']) assert.equal(acceptedAtOf({ accepted_at: bad }), undefined, String(bad));
});

test('the cursor rule: next_after must be the seq of the last change (after, for an empty page), in ascending order', () => {
  const c = (seq: unknown) => ({ seq, kind: 'status', payload: '{}', sig: 'AA==' });
  assert.equal(pageCursorViolation({ changes: [c(4), c(9)], next_after: 9, head_seq: 20 }, 3), null);
  assert.equal(pageCursorViolation({ changes: [], next_after: 12, head_seq: 12 }, 12), null);
  // At least once: a replayed page may sit below `after`.
  assert.equal(pageCursorViolation({ changes: [c(2), c(3)], next_after: 3, head_seq: 20 }, 10), null);
  // A malformed last change does not count: next_after is the last usable seq.
  assert.equal(pageCursorViolation({ changes: [c(5), c('6')], next_after: 5, head_seq: 20 }, 0), null);
  assert.match(pageCursorViolation({ changes: [c(5), c('6')], next_after: 6, head_seq: 20 }, 0)!, /not the seq of the page's last change \(5\)/);
  assert.match(pageCursorViolation({ changes: [c(4), c(9)], next_after: 1_000_000_009, head_seq: 20 }, 3)!, /next_after is 1000000009, not the seq of the page's last change \(9\)/);
  assert.match(pageCursorViolation({ changes: [c(4), c(9)], next_after: 8, head_seq: 20 }, 3)!, /not the seq/);
  assert.match(pageCursorViolation({ changes: [], next_after: 90, head_seq: 90 }, 12)!, /no change: it must be after \(12\)/);
  assert.match(pageCursorViolation({ changes: [c(9), c(4)], next_after: 4, head_seq: 20 }, 3)!, /not in ascending seq \(4 after 9\)/);
  assert.match(pageCursorViolation({ changes: [c(9), c(9)], next_after: 9, head_seq: 20 }, 3)!, /not in ascending seq/);
});

test('a next_after far past the page is a protocol error: the page is not applied, asked again, and the feed converges', async (t) => {
  const f = await fixture(t, { count: 120, attachments: 0 }, { pageLimit: 50 });
  f.server.faults.jumpCursor({ count: 2 });
  const status = await f.sync();
  assert.equal(status.lastError, null);
  assert.equal(f.server.faults.history.filter((h) => h.fault === 'cursor_jump').length, 2);
  // Every change is there: nothing was skipped.
  await assertConverged(f);
});

test('a service that keeps moving the cursor past its pages: nothing skipped, the failure shown as a protocol error', async (t) => {
  const f = await fixture(t, { count: 120, attachments: 0 }, { pageLimit: 50, retry: { ...FAST_RETRY, maxAttempts: 3 } });
  await f.sync();
  const before = Number(f.core.unlockedStore().db.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").pluck().get());
  f.server.appendReport();
  f.server.faults.jumpCursor({ count: Infinity });
  const status = await f.sync();
  assert.equal(status.lastErrorKind, 'protocol');
  assert.match(status.lastError ?? '', /does not follow the sync contract \(still after 3 attempts\): next_after is \d+, not the seq of the page's last change/);
  const after = Number(f.core.unlockedStore().db.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").pluck().get());
  assert.equal(after, before, 'the cursor did not move past what was received');
  // Once the service behaves, the new report arrives: it was not skipped.
  assert.equal(f.server.faults.history.filter((h) => h.fault === 'cursor_jump').length, 3);
  f.server.faults.clear();
  const fixed = await f.sync();
  assert.equal(fixed.lastError, null);
  await assertConverged(f);
});

test('a protocol error on a later page: the valid pages before it are applied, the cursor stops at the last change received', async (t) => {
  const f = await fixture(t, { count: 300, attachments: 0 }, { pageLimit: 50, retry: { ...FAST_RETRY, maxAttempts: 2 } });
  const feed = await serverFeed(f.server);
  // Pages of 50: the fourth page (after the 150th change) breaks the rule, every time it is asked.
  const from = feed[149]!.seq;
  f.server.faults.jumpCursor({ count: Infinity, fromAfter: from });
  const status = await f.sync();
  assert.equal(status.lastErrorKind, 'protocol');
  const { db } = f.core.unlockedStore();
  assert.equal(Number(db.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").pluck().get()), from);
  assert.equal(db.prepare('SELECT count(*) FROM report_revisions').pluck().get(), feed.slice(0, 150).filter((c) => c.kind === 'report').length);
  f.server.faults.clear();
  assert.equal((await f.sync()).lastError, null);
  await assertConverged(f);
});

test('Retry-After: delta-seconds or HTTP-date, capped at 5 minutes; negative, fractional or garbage values are ignored', () => {
  const now = Date.parse('2026-11-02T10:00:00Z');
  assert.equal(MAX_RETRY_AFTER_MS, 300_000);
  assert.equal(parseRetryAfter('2', now), 2000);
  assert.equal(parseRetryAfter(' 0 ', now), 0);
  assert.equal(parseRetryAfter('300', now), 300_000);
  assert.equal(parseRetryAfter('86400', now), 300_000);
  assert.equal(parseRetryAfter('99999999999999999999', now), undefined);
  assert.equal(parseRetryAfter('9999999999999999', now), 300_000);
  assert.equal(parseRetryAfter('Mon, 02 Nov 2026 10:01:30 GMT', now), 90_000);
  assert.equal(parseRetryAfter('Tue, 02 Nov 2027 10:00:00 GMT', now), 300_000);
  assert.equal(parseRetryAfter('Sun, 01 Nov 2026 10:00:00 GMT', now), 0);
  for (const bad of [null, '', '-5', '1.5', '1e9', 'Infinity', 'NaN', 'soon', '0x10', 'Mon, 99 Nov 2026 10:00:00 GMT']) assert.equal(parseRetryAfter(bad, now), undefined, String(bad));
});

test('a 429 asking for a day is waited for 5 minutes at most', async (t) => {
  const f = await fixture(t, { count: 5, attachments: 0 });
  // Armed once the fixture's settings are saved: saving them tests the connection on /health first.
  f.server.faults.throttle({ status: 429, retryAfter: 86_400, count: 1, endpoints: ['health'] });
  const controller = new AbortController();
  const delays: number[] = [];
  const client = new IntakeClient({
    baseUrl: f.server.url,
    token: f.server.token,
    signal: controller.signal,
    retry: FAST_RETRY,
    onRetry: (_error, _attempt, delay) => {
      delays.push(delay);
      controller.abort(); // the wait itself is not sat through
    },
  });
  await assert.rejects(client.health(), (e: unknown) => e instanceof CancelledError);
  assert.deepEqual(delays, [MAX_RETRY_AFTER_MS]);
});

test('an oversized payload is quarantined as its SHA-256, its size and its first 4 KiB, not the whole of it', async (t) => {
  const f = await fixture(t, { count: 30, attachments: 0 });
  const feed = await serverFeed(f.server);
  const seq = feed.filter((c) => c.kind === 'report')[4]!.seq;
  f.server.faults.badSchema(seq, 'oversized');
  const served = (await serverFeed(f.server)).find((c) => c.seq === seq)!;
  const bytes = Buffer.from(served.payload, 'utf8');
  assert.ok(bytes.length > 262_144);
  await f.sync();
  const row = f.core.unlockedStore().db.prepare('SELECT reason_code, reason, payload, sig FROM quarantine WHERE seq = ?').get(seq) as { reason_code: string; reason: string; payload: Buffer; sig: string };
  assert.equal(row.reason_code, 'too_large');
  assert.equal(row.payload.length, QUARANTINE_HEAD_BYTES);
  assert.deepEqual(row.payload, bytes.subarray(0, QUARANTINE_HEAD_BYTES));
  assert.equal(row.sig, served.sig);
  const digest = createHash('sha256').update(bytes).digest('hex');
  assert.equal(row.reason, `payload larger than 262144 bytes (${bytes.length} bytes, sha256 ${digest}; only the first ${QUARANTINE_HEAD_BYTES} bytes are kept)`);
  const item = (await value(f.core, 'sync.quarantine', { limit: 10, offset: 0 })).items.find((i) => i.seq === seq);
  assert.equal(item?.bytes, QUARANTINE_HEAD_BYTES);
});
