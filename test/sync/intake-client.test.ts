import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay, checkIntakeUrl, IntakeClient, ProtocolViolation, TransientError } from '../../src/main/sync/intake-client.ts';

test('plain http only on loopback; no credentials, query or fragment in the base URL', () => {
  for (const ok of ['https://intake.example/api/v1', 'http://127.0.0.1:8787/api/v1', 'http://localhost:1/x', 'http://[::1]:9/api']) assert.doesNotThrow(() => checkIntakeUrl(ok), ok);
  for (const bad of ['http://intake.example/api', 'http://10.0.0.1/api', 'ftp://intake.example', 'https://user:pw@intake.example', 'https://intake.example/?a=1', 'javascript:alert(1)', 'not a url', 'file:///etc/passwd']) {
    assert.throws(() => checkIntakeUrl(bad), bad);
  }
});

test('full jitter stays under the capped exponential bound and never under Retry-After', () => {
  const policy = { maxAttempts: 8, baseDelayMs: 500, maxDelayMs: 30_000, timeoutMs: 1000 };
  assert.equal(backoffDelay(0, policy, undefined, () => 0.999), 499);
  assert.equal(backoffDelay(3, policy, undefined, () => 0.5), 2000);
  assert.equal(backoffDelay(20, policy, undefined, () => 0.999), 29_970);
  assert.equal(backoffDelay(0, policy, 5000, () => 0.1), 5000);
  assert.equal(backoffDelay(0, policy, undefined, () => 0), 0);
});

test('a JSON body is read up to a bound (a body over it is a protocol violation, retried); a cut or invalid body is transient', async () => {
  const client = new IntakeClient({ baseUrl: 'http://127.0.0.1:1/api', token: 't', maxBodyBytes: 1000 });
  assert.deepEqual(await client.json(new Response('{"changes":[]}')), { changes: [] });
  await assert.rejects(client.json(new Response(`{"x":"${'a'.repeat(2000)}"}`)), (error: unknown) => error instanceof ProtocolViolation && error.tooLarge && /larger than 1000 bytes once decompressed/.test(error.message));
  await assert.rejects(client.json(new Response(`{"x":"${'a'.repeat(200)}"}`), 100), (error: unknown) => error instanceof ProtocolViolation && /larger than 100 bytes/.test(error.message));
  await assert.rejects(client.json(new Response('{"changes":[')), (error: unknown) => error instanceof TransientError && /truncated or invalid JSON/.test(error.message));
});

test('audit anchor answers of `null` or a bare value are unexpected bodies (transient), never a TypeError', async () => {
  const { createServer } = await import('node:http');
  const bodies = ['null', '7', '"x"'];
  const server = createServer((request, response) => {
    const body = bodies[Number(new URL(request.url ?? '/', 'http://x').searchParams.get('workstation_id') ?? 0)] ?? 'null';
    response.writeHead(200, { 'content-type': 'application/json' }).end(request.method === 'POST' ? 'null' : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as { port: number };
    const client = new IntakeClient({ baseUrl: `http://127.0.0.1:${port}/api`, token: 't', retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    const unexpected = (error: unknown): boolean => !(error instanceof TypeError) && /unexpected audit anchor/.test((error as Error).message);
    await assert.rejects(client.anchorAudit('00000000-0000-4000-8000-000000000000', { workstation_id: 'ws', head_index: 1, head_hash: 'a'.repeat(64), at: '2026-12-06T10:00:00.000Z' }), unexpected);
    for (let i = 0; i < bodies.length; i += 1) await assert.rejects(client.auditAnchors(String(i)), unexpected);
  } finally {
    server.close();
  }
});
