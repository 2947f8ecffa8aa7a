/** The reference intake service follows shared/intake-api.md, strictly, over real loopback HTTP. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startIntakeServer } from '../../src/intake/server.ts';
import {
  StrictReportPayload,
  StrictStatusPayload,
  api,
  newKey,
  page,
  pullAll,
  startServer,
  verifies,
  type Page,
  type StrictReport,
} from './helpers.ts';

test('health answers ok, the head seq and the server time, and nothing else', async (t) => {
  const server = await startServer(t, { now: () => Date.parse('2026-06-12T10:02:00.750Z') });
  const response = await api(server, '/health');
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/json');
  assert.equal(Number(response.headers.get('content-length')), response.bytes.length);
  assert.deepEqual(response.json(), { status: 'ok', head_seq: server.headSeq(), server_time: '2026-06-12T10:02:00Z' });
  assert.equal((await api(server, '/health?verbose=1')).status, 400);
});

test('the feed pages in strictly ascending seq, with next_after and head_seq as the contract says', async (t) => {
  const server = await startServer(t);
  const head = server.headSeq();
  const all = await pullAll(server, 37);
  assert.equal(all.length, server.store.changeCount());
  for (let i = 1; i < all.length; i++) assert.ok((all[i] as { seq: number }).seq > (all[i - 1] as { seq: number }).seq);
  assert.equal(all[all.length - 1]?.seq, head);
  // Gaps between seqs are normal, and the generated feed has some.
  assert.ok(head > all.length);

  const first = await page(server, '?after=0&limit=10');
  assert.deepEqual(Object.keys(first), ['changes', 'next_after', 'head_seq']);
  assert.equal(first.changes.length, 10);
  assert.equal(first.next_after, first.changes[9]?.seq);
  assert.equal(first.head_seq, head);
  for (const change of first.changes) assert.deepEqual(Object.keys(change), ['seq', 'kind', 'payload', 'sig']);

  const second = await page(server, `?after=${first.next_after}&limit=10`);
  assert.ok((second.changes[0]?.seq ?? 0) > first.next_after);

  // Defaults: after=0, limit=500.
  const defaults = await page(server, '');
  assert.equal(defaults.changes.length, Math.min(500, all.length));
  assert.equal(defaults.changes[0]?.seq, all[0]?.seq);

  // Past the head: an empty page, next_after = after, caught up.
  const empty = await page(server, `?after=${head}`);
  assert.deepEqual(empty, { changes: [], next_after: head, head_seq: head });
  const beyond = await page(server, `?after=${head + 1000}`);
  assert.deepEqual(beyond, { changes: [], next_after: head + 1000, head_seq: head });

  // A change in the middle of a gap: the page starts at the next existing seq.
  const gapAt = all.findIndex((c, i) => i > 0 && c.seq > (all[i - 1]?.seq ?? 0) + 1);
  assert.ok(gapAt > 0);
  const inGap = await page(server, `?after=${(all[gapAt]?.seq ?? 0) - 1}&limit=1`);
  assert.equal(inGap.changes[0]?.seq, all[gapAt]?.seq);
});

test('each payload goes out exactly as stored and signed, whatever it holds; the page SQLite writes equals the one built change by change', async (t) => {
  const server = await startServer(t, { count: 40 });
  const odd = [
    '{"kind":"report","q":"guillemets \\" et barre \\\\ oblique"}',
    'not json at all: "quotes", \\ back\\slash, tab\there, newline\nthere, nul\u0000, bell\u0007',
    'separators \u2028 and \u2029, arabic مرحبا, darija 3lach, emoji 🙂, rtl mark \u200f, bom \ufeff',
  ];
  for (const payload of odd) server.appendRaw('report', payload);
  const response = await api(server, '/changes?after=0&limit=1000');
  assert.equal(response.status, 200);
  const fast = response.json<Page>();
  const stored = server.store.changesAfter(0, 1000);
  assert.deepEqual(fast.changes, stored.map((row) => ({ seq: row.seq, kind: row.kind, payload: row.payload, sig: row.sig })));
  for (const payload of odd) assert.ok(fast.changes.some((c) => c.payload === payload), 'the odd payload came back exactly');
  assert.ok(fast.changes.every((c) => verifies(server.publicKeyPem, c.payload, c.sig)));
  // A fault armed far ahead makes the service build pages change by change: the same page.
  server.faults.badSignature(server.headSeq() + 1000);
  assert.deepEqual(await page(server, '?after=0&limit=1000'), fast);
});

test('limit goes up to 1000, and a server may return fewer', async (t) => {
  const server = await startServer(t, { count: 1000, attachments: 0 });
  assert.equal((await page(server, '?limit=1000')).changes.length, 1000);
  assert.equal((await page(server, '?limit=1')).changes.length, 1);
  const capped = await startServer(t, { count: 100, attachments: 0, maxPageSize: 7 });
  const p = await page(capped, '?limit=1000');
  assert.equal(p.changes.length, 7);
  assert.equal(p.next_after, p.changes[6]?.seq);
});

test('bad query parameters are 400, including unknown, repeated and empty ones', async (t) => {
  const server = await startServer(t, { count: 20, attachments: 0 });
  const bad = [
    '?after=-1', '?after=abc', '?after=1.5', '?after=', '?after=01', '?after=1e3', '?after=99999999999999999999', '?after=%2B1',
    '?limit=0', '?limit=1001', '?limit=abc', '?limit=', '?limit=-5', '?limit=10.0',
    '?after=0&after=1', '?cursor=3', '?after=0&limit=10&since=2026-01-01', '?limit=10&LIMIT=10',
  ];
  for (const query of bad) {
    const response = await api(server, `/changes${query}`);
    assert.equal(response.status, 400, query);
    const body = response.json<{ error: { code: string; message: string } }>();
    assert.deepEqual(Object.keys(body), ['error']);
    assert.deepEqual(Object.keys(body.error), ['code', 'message']);
  }
  assert.equal((await api(server, '/changes?after=0&limit=1000')).status, 200);
  assert.equal((await api(server, '/changes?')).status, 200);
});

test('every request needs a known bearer token: 401 unknown, 403 revoked', async (t) => {
  const server = await startServer(t, { count: 20, attachments: 3 });
  const someAttachment = (JSON.parse((await pullAll(server)).find((c) => c.kind === 'report' && c.payload.includes('"att_'))?.payload ?? '{}') as StrictReport).attachments[0]?.id;
  const paths = ['/health', '/changes', `/attachments/${someAttachment}`, '/nope'];
  for (const path of paths) {
    for (const token of [null, 'iblw_unknown', '']) {
      const response = await api(server, path, { token });
      assert.equal(response.status, 401, `${path} ${token}`);
      assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer /);
    }
    const basic = await api(server, path, { token: null, headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } });
    assert.equal(basic.status, 401);
  }
  const unknownPost = await api(server, '/reports/IBL-2026-0000001/status', {
    method: 'POST', token: 'nope', headers: { 'content-type': 'application/json', 'idempotency-key': newKey() }, body: '{}',
  });
  assert.equal(unknownPost.status, 401);

  const other = server.issueToken('ws-rabat-03');
  assert.equal((await api(server, '/health', { token: other })).status, 200);
  assert.equal(server.revoke(other), true);
  for (const path of paths) {
    const response = await api(server, path, { token: other });
    assert.equal(response.status, 403, path);
    assert.equal(response.json<{ error: { code: string } }>().error.code, 'workstation_revoked');
  }
  // The scheme is case-insensitive (RFC 6750), and the first token still works.
  assert.equal((await api(server, '/health', { token: null, headers: { authorization: `bearer ${server.token}` } })).status, 200);
  assert.equal(server.revokeWorkstation(server.workstationId), 1);
  assert.equal((await api(server, '/health')).status, 403);
});

test('every change is signed with Ed25519 over the exact payload bytes, verifiable with the exported PEM', async (t) => {
  const outDir = mkdtempSync(join(tmpdir(), 'intake-out-'));
  t.after(() => rmSync(outDir, { recursive: true, force: true }));
  const server = await startServer(t, { outDir });
  assert.match(server.publicKeyPem, /^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
  assert.equal(server.publicKeyPath, join(outDir, 'intake-public-key.pem'));
  const pem = readFileSync(server.publicKeyPath ?? '', 'utf8');
  assert.equal(pem, server.publicKeyPem);
  assert.equal(readFileSync(server.tokenPath ?? '', 'utf8').trim(), server.token);
  assert.equal(statSync(server.tokenPath ?? '').mode & 0o777, 0o600);

  const all = await pullAll(server, 100);
  for (const change of all) {
    assert.match(change.sig, /^[A-Za-z0-9+/]{86}==$/);
    assert.ok(verifies(pem, change.payload, change.sig), `seq ${change.seq}`);
    // Any other byte sequence fails: the signature covers exactly this text.
    assert.equal(verifies(pem, `${change.payload} `, change.sig), false);
    const payload = JSON.parse(change.payload) as { kind: string };
    assert.equal(payload.kind, change.kind);
    const schema = change.kind === 'report' ? StrictReportPayload : StrictStatusPayload;
    assert.ok(schema.safeParse(payload).success, change.payload);
    assert.ok(Buffer.byteLength(change.payload) <= 262_144);
  }
});

test('attachments: bytes, Content-Type, Content-Length, Range bytes=N- answered with 206', async (t) => {
  const server = await startServer(t, { count: 60, attachments: 30 });
  const reports = (await pullAll(server)).filter((c) => c.kind === 'report').map((c) => JSON.parse(c.payload) as StrictReport);
  const refs = reports.flatMap((r) => r.attachments);
  assert.equal(new Set(refs.map((r) => r.id)).size, 30);
  for (const ref of refs) {
    const response = await api(server, `/attachments/${ref.id}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), ref.media_type);
    assert.equal(Number(response.headers.get('content-length')), ref.size);
    assert.equal(response.headers.get('accept-ranges'), 'bytes');
    assert.equal(response.bytes.length, ref.size);
    assert.equal(createHash('sha256').update(response.bytes).digest('hex'), ref.sha256);
  }
  const ref = refs[0];
  assert.ok(ref);
  const full = (await api(server, `/attachments/${ref.id}`)).bytes;
  const partial = await api(server, `/attachments/${ref.id}`, { headers: { range: 'bytes=100-' } });
  assert.equal(partial.status, 206);
  assert.equal(partial.headers.get('content-range'), `bytes 100-${ref.size - 1}/${ref.size}`);
  assert.equal(Number(partial.headers.get('content-length')), ref.size - 100);
  assert.deepEqual(partial.bytes, full.subarray(100));
  const zero = await api(server, `/attachments/${ref.id}`, { headers: { range: 'bytes=0-' } });
  assert.equal(zero.status, 206);
  assert.deepEqual(zero.bytes, full);
  const last = await api(server, `/attachments/${ref.id}`, { headers: { range: `bytes=${ref.size - 1}-` } });
  assert.equal(last.status, 206);
  assert.equal(last.bytes.length, 1);

  const past = await api(server, `/attachments/${ref.id}`, { headers: { range: `bytes=${ref.size}-` } });
  assert.equal(past.status, 416);
  assert.equal(past.headers.get('content-range'), `bytes */${ref.size}`);
  // Range forms the contract does not name are ignored: the whole attachment, 200.
  for (const range of ['bytes=0-99', 'bytes=-100', 'bytes=0-10,20-30', 'items=0-']) {
    const ignored = await api(server, `/attachments/${ref.id}`, { headers: { range } });
    assert.equal(ignored.status, 200, range);
    assert.equal(ignored.bytes.length, ref.size);
  }
  assert.equal((await api(server, '/attachments/att_doesNotExist0')).status, 404);
  assert.equal((await api(server, '/attachments/..%2Fstore.db')).status, 404);
  assert.equal((await api(server, `/attachments/${ref.id}?download=1`)).status, 400);
  assert.equal((await api(server, `/attachments/${ref.id}`, { method: 'DELETE' })).status, 405);
});

test('a status push produces one signed status change; the same Idempotency-Key gives the same answer and no new change', async (t) => {
  let clock = Date.parse('2026-12-06T13:00:00.250Z');
  const server = await startServer(t, { now: () => clock });
  const reportId = (JSON.parse((await page(server, '?limit=1')).changes[0]?.payload ?? '{}') as StrictReport).id;
  const key = newKey();
  const body = { status: 'referred', at: '2026-06-12T15:40:00Z', workstation_id: 'ws-rabat-03', reference: 'DOS-2026-0042' };
  const push = (k: string, b: unknown = body, id = reportId) =>
    api(server, `/reports/${id}/status`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': k }, body: JSON.stringify(b) });

  const head = server.headSeq();
  const first = await push(key);
  assert.equal(first.status, 200);
  assert.deepEqual(first.json(), { seq: head + 1 });
  assert.equal(server.headSeq(), head + 1);

  const again = await push(key);
  assert.equal(again.status, 200);
  assert.equal(again.text, first.text);
  assert.equal(server.headSeq(), head + 1);
  // Same request with another key order and whitespace: still the same request.
  const reordered = await api(server, `/reports/${reportId}/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'idempotency-key': key.toUpperCase() },
    body: ' {"reference":"DOS-2026-0042", "workstation_id":"ws-rabat-03","at":"2026-06-12T15:40:00Z","status":"referred"}\n',
  });
  assert.equal(reordered.status, 200);
  assert.equal(reordered.text, first.text);
  assert.equal(server.headSeq(), head + 1);
  // The same key for another request is a client bug, refused rather than silently answered.
  const reused = await push(key, { ...body, status: 'closed_no_action' });
  assert.equal(reused.status, 422);
  assert.equal(server.headSeq(), head + 1);

  const p = await page(server, `?after=${head}`);
  assert.equal(p.changes.length, 1);
  const change = p.changes[0];
  assert.ok(change);
  assert.equal(change.kind, 'status');
  // Contract 1.1: the service's own time of acceptance, inside the signed payload.
  assert.equal(change.payload, JSON.stringify({ kind: 'status', report_id: reportId, ...body, accepted_at: '2026-12-06T13:00:00.250Z' }));
  assert.ok(verifies(server.publicKeyPem, change.payload, change.sig));
  clock += 61_000;

  // Without reference, and from another workstation id: the body's workstation_id is relayed.
  const second = await push(newKey(), { status: 'in_analysis', at: '2026-06-12T16:00:00Z', workstation_id: 'ws-fes-01' });
  assert.equal(second.status, 200);
  const relayed = JSON.parse((await page(server, `?after=${head + 1}`)).changes[0]?.payload ?? '{}') as Record<string, unknown>;
  assert.deepEqual(relayed, { kind: 'status', report_id: reportId, status: 'in_analysis', at: '2026-06-12T16:00:00Z', workstation_id: 'ws-fes-01', accepted_at: '2026-12-06T13:01:01.250Z' });

  // Unknown reports are 404, and nothing is remembered under the key.
  const unknownKey = newKey();
  assert.equal((await push(unknownKey, body, 'IBL-2026-9999999')).status, 404);
  assert.equal((await push(newKey(), body, 'not-a-report')).status, 404);
  assert.equal((await push(unknownKey)).status, 200);
});

test('a status push with an invalid body is 422, strictly', async (t) => {
  const server = await startServer(t, { count: 10, attachments: 0 });
  const reportId = (JSON.parse((await page(server, '?limit=1')).changes[0]?.payload ?? '{}') as StrictReport).id;
  const valid = { status: 'in_analysis', at: '2026-06-12T10:02:00Z', workstation_id: 'ws-rabat-03' };
  const head = server.headSeq();
  const bodies: unknown[] = [
    { ...valid, status: 'done' },
    { ...valid, status: 'IN_ANALYSIS' },
    { ...valid, at: '2026-06-12T10:02:00+01:00' },
    { ...valid, at: '2026-06-12 10:02:00Z' },
    { ...valid, at: '2026-02-30T10:02:00Z' },
    { ...valid, at: 1781258520000 },
    { ...valid, workstation_id: '' },
    { ...valid, workstation_id: 42 },
    { ...valid, reference: null },
    { ...valid, reference: 7 },
    { ...valid, comment: 'extra field' },
    { ...valid, analyst: { name: 'Karima' } },
    { status: 'in_analysis', at: '2026-06-12T10:02:00Z' },
    { at: '2026-06-12T10:02:00Z', workstation_id: 'ws-rabat-03' },
    {},
    [],
    'in_analysis',
    null,
  ];
  for (const body of bodies) {
    const response = await api(server, `/reports/${reportId}/status`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': newKey() }, body: JSON.stringify(body) });
    assert.equal(response.status, 422, JSON.stringify(body));
    assert.equal(typeof response.json<{ error: { message: string } }>().error.message, 'string');
  }
  const raw = ['{"status":', '', 'status=in_analysis', '\uFEFF{}'];
  for (const body of raw) {
    const response = await api(server, `/reports/${reportId}/status`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': newKey() }, body });
    assert.equal(response.status, 422, body);
  }
  const textPlain = await api(server, `/reports/${reportId}/status`, { method: 'POST', headers: { 'content-type': 'text/plain', 'idempotency-key': newKey() }, body: JSON.stringify(valid) });
  assert.equal(textPlain.status, 422);
  const huge = await api(server, `/reports/${reportId}/status`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': newKey() }, body: JSON.stringify({ ...valid, reference: 'x'.repeat(70_000) }),
  });
  assert.equal(huge.status, 422);
  // Idempotency-Key is required and is a UUID.
  for (const key of [undefined, '', 'abc', '12345678-1234-1234-1234-1234567890zz']) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (key !== undefined) headers['idempotency-key'] = key;
    const response = await api(server, `/reports/${reportId}/status`, { method: 'POST', headers, body: JSON.stringify(valid) });
    assert.equal(response.status, 400, String(key));
  }
  assert.equal((await api(server, `/reports/${reportId}/status?force=1`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': newKey() }, body: JSON.stringify(valid) })).status, 400);
  assert.equal(server.headSeq(), head);
  assert.equal((await api(server, `/reports/${reportId}/status`)).status, 405);
});

test('unknown paths and methods, and the base path', async (t) => {
  const server = await startServer(t, { count: 5, attachments: 0 });
  assert.equal((await api(server, '/reports')).status, 404);
  assert.equal((await api(server, '/changes/')).status, 404);
  assert.equal((await api(server, '/changes', { method: 'POST', body: '{}' })).status, 405);
  assert.equal((await api(server, '/health', { method: 'HEAD' })).status, 405);
  const outside = await fetch(`${server.url.replace('/api/v1', '')}/changes`, { headers: { authorization: `Bearer ${server.token}` } });
  assert.equal(outside.status, 404);

  const root = await startServer(t, { count: 5, attachments: 0, basePath: '' });
  assert.match(root.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal((await api(root, '/health')).status, 200);
  const custom = await startServer(t, { count: 5, attachments: 0, basePath: '/intake/v1' });
  assert.match(custom.url, /\/intake\/v1$/);
  assert.equal((await api(custom, '/changes?limit=1')).status, 200);
});

test('binds loopback only unless told otherwise', async (t) => {
  await assert.rejects(startIntakeServer({ count: 1, host: '0.0.0.0' }), /loopback/);
  await assert.rejects(startIntakeServer({ count: 1, host: '192.168.1.10' }), /loopback/);
  const v6 = await startServer(t, { count: 3, attachments: 0, host: '::1' }).catch(() => null);
  if (v6) {
    assert.match(v6.url, /^http:\/\/\[::1\]:\d+\/api\/v1$/);
    assert.equal((await api(v6, '/health')).status, 200);
  }
});

test('a store file keeps the feed, the key and the tokens across restarts; other options are refused', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'intake-db-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const dbFile = join(dir, 'intake.db');
  const first = await startIntakeServer({ dbFile, count: 50, attachments: 5, seed: 9 });
  assert.equal(first.generation.reused, false);
  const firstPage = await page(first, '?limit=1000');
  const appended = first.appendReport();
  const { token, publicKeyPem } = first;
  await first.close();
  assert.ok(existsSync(dbFile));

  const second = await startIntakeServer({ dbFile, count: 50, attachments: 5, seed: 9 });
  t.after(() => second.close());
  assert.equal(second.generation.reused, true);
  assert.equal(second.publicKeyPem, publicKeyPem);
  assert.equal(second.headSeq(), appended.seq);
  assert.equal((await api(second, '/health', { token })).status, 200);
  const again = await page(second, '?limit=1000');
  assert.deepEqual(again.changes.slice(0, firstPage.changes.length), firstPage.changes);

  await assert.rejects(startIntakeServer({ dbFile, count: 51, attachments: 5, seed: 9 }), /generated with/);
});

test('two servers with the same seed and count serve byte-identical payloads, with their own keys', async (t) => {
  const a = await startServer(t, { count: 120, attachments: 10, seed: 77 });
  const b = await startServer(t, { count: 120, attachments: 10, seed: 77 });
  const pa: Page = await page(a, '?limit=1000');
  const pb: Page = await page(b, '?limit=1000');
  assert.deepEqual(pa.changes.map((c) => [c.seq, c.kind, c.payload]), pb.changes.map((c) => [c.seq, c.kind, c.payload]));
  assert.notEqual(a.publicKeyPem, b.publicKeyPem);
});
