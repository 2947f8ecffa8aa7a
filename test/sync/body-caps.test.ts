/**
 * Caps on every body the sync client reads (contract "Sizes"; the review's
 * 1 MB gzip error body took 3.4 GB): hostile loopback servers send
 * decompression bombs as error bodies, page bodies and attachments; the client
 * stops at its caps, on the bytes sent and once inflated, with memory low.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { gzipSync } from 'node:zlib';
import { IntakeClient, IntakeProtocolError, IntakeRefusedError, MAX_ERROR_BODY_BYTES, ProtocolViolation } from '../../src/main/sync/intake-client.ts';
import { BodyTooLargeError, encodedAllowance, nodeExchange } from '../../src/main/sync/http-exchange.ts';
import { AttachmentFetcher } from '../../src/main/sync/attachments.ts';
import { migrationSteps } from '../../src/main/core.ts';
import { openDatabase } from '../../src/main/store/database.ts';
import { migrate } from '../../src/main/store/migrations/index.ts';
import { tempDir } from '../helpers/store.ts';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** 16 MiB of zeros gzipped (about 16 KB), as one gzip member: members concatenated inflate one after the other. */
const MEMBER = gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });
/** A gzip body that inflates to `mebibytes` MiB: MEMBER repeated (sent lazily, see stream). */
function bomb(mebibytes: number): Body {
  return { chunk: MEMBER, times: Math.ceil(mebibytes / 16) };
}

/** `chunk`, `times` over: built as it is sent, so that a body of gigabytes costs only what goes out. */
interface Body {
  chunk: Buffer;
  times: number;
}
const total = (body: Body): number => body.chunk.length * body.times;

type Handler = (req: IncomingMessage, res: ServerResponse, seen: { requests: string[]; bytesSent: number }) => void;

async function hostile(t: TestContext, handler: Handler): Promise<{ url: string; seen: { requests: string[]; bytesSent: number } }> {
  const seen = { requests: [] as string[], bytesSent: 0 };
  const server = createServer((req, res) => {
    seen.requests.push(req.url ?? '');
    handler(req, res, seen);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  t.after(() => server.closeAllConnections());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, seen };
}

/**
 * Writes `body` with backpressure, counting what the socket accepted, until done or the client
 * goes away. The kernel's loopback buffers take a few megabytes whatever the client reads:
 * bodies are made far larger than that, so that a client that stops early shows.
 */
function stream(res: ServerResponse, body: Body, seen: { bytesSent: number }): void {
  let left = body.times;
  const next = (): void => {
    while (left > 0) {
      left -= 1;
      seen.bytesSent += body.chunk.length;
      if (!res.write(body.chunk)) {
        res.once('drain', next);
        return;
      }
    }
    res.end();
  };
  res.on('close', () => {
    left = 0;
  });
  next();
}

function rssGrowth(): () => number {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  return () => {
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    return peak - before;
  };
}

const FAST = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, timeoutMs: 20_000 };

test('a gzip bomb as an error body (16 GiB inflated) is read up to 64 KiB: the refusal is clear, memory stays low', async (t) => {
  const body = bomb(16 * 1024); // 16 GiB inflated, 16 MB sent (if the client read it all)
  const { url, seen } = await hostile(t, (_req, res, s) => {
    res.writeHead(422, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    stream(res, body, s);
  });
  const client = new IntakeClient({ baseUrl: url, token: 't', retry: FAST });
  const growth = rssGrowth();
  const started = Date.now();
  const error = await client.pushStatus('IBL-2026-0000001', '00000000-0000-4000-8000-000000000000', { status: 'referred', at: '2026-06-12T10:00:00Z', workstation_id: 'ws' }).catch((e: unknown) => e);
  const grew = growth();
  assert.ok(error instanceof IntakeRefusedError, String(error));
  assert.equal(error.status, 422);
  // Whichever cap is crossed first (the bytes sent, buffered ahead of the inflater, or the inflated bytes).
  assert.match(error.message, /error body not read: the response body is larger than (65536 bytes once decompressed|69888 bytes as sent \(compressed\))/);
  assert.ok(grew < 100 * 1024 * 1024, `rss grew by ${(grew / 1048576).toFixed(1)} MiB`);
  assert.ok(Date.now() - started < 5000);
  // Far from the whole bomb went over the wire: the exchange ended at the cap.
  assert.ok(seen.bytesSent < total(body) / 2, `${seen.bytesSent} of ${total(body)} bytes sent`);
  t.diagnostic(`error-body bomb: rss +${(grew / 1048576).toFixed(1)} MiB, ${seen.bytesSent} of ${total(body)} compressed bytes sent`);
});

test('a gzip bomb as a change page is stopped at the page cap, asked again with smaller pages, then shown as a protocol error', async (t) => {
  const body = bomb(4 * 1024);
  const { url, seen } = await hostile(t, (_req, res, s) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    stream(res, body, s);
  });
  // A lower cap than MAX_BODY_BYTES (64 MiB) keeps the test quick, and the garbage of its twelve
  // attempts (each holds up to the cap until it fails) below what V8 lets pile up before a
  // collection; the mechanism is the same.
  const client = new IntakeClient({ baseUrl: url, token: 't', retry: FAST, maxBodyBytes: 4 * 1024 * 1024 });
  const growth = rssGrowth();
  const error = await client.changes(0, 1000).catch((e: unknown) => e);
  const grew = growth();
  assert.ok(error instanceof IntakeProtocolError, String(error));
  assert.match(error.message, /larger than 4194304 bytes once decompressed/);
  assert.ok((error as Error).cause instanceof ProtocolViolation);
  // Halved down to a single change (which no contract change can make this large), then retried once.
  const limits = seen.requests.map((r) => Number(new URL(r, 'http://x').searchParams.get('limit')));
  assert.deepEqual(limits, [1000, 500, 250, 125, 63, 32, 16, 8, 4, 2, 1, 1]);
  assert.ok(grew < 100 * 1024 * 1024, `rss grew by ${(grew / 1048576).toFixed(1)} MiB`);
  t.diagnostic(`page bomb: rss +${(grew / 1048576).toFixed(1)} MiB over ${seen.requests.length} requests`);
});

test('a page too large for 1,000 changes is asked again with half the limit, and a smaller page that fits is applied', async (t) => {
  const { url, seen } = await hostile(t, (req, res) => {
    const limit = Number(new URL(req.url ?? '', 'http://x').searchParams.get('limit'));
    // Big pages come back big; from 250 changes on, the page fits.
    const filler = limit > 250 ? 'x'.repeat(2 * 1024 * 1024) : '';
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ changes: [{ seq: 7, kind: 'status', payload: filler || '{}', sig: 'AA==' }], next_after: 7, head_seq: 9 }));
  });
  const client = new IntakeClient({ baseUrl: url, token: 't', retry: FAST, maxBodyBytes: 1024 * 1024 });
  const page = await client.changes(0, 1000);
  assert.equal(page.next_after, 7);
  assert.deepEqual(seen.requests.map((r) => new URL(r, 'http://x').searchParams.get('limit')), ['1000', '500', '250']);
});

test('the bytes sent are capped too: endless empty gzip members (nothing to inflate) end the exchange', async (t) => {
  const empty = gzipSync(Buffer.alloc(0));
  const body = { chunk: Buffer.concat(Array.from({ length: 1000 }, () => empty)), times: 2000 }; // 40 MB that inflate to nothing
  const { url, seen } = await hostile(t, (_req, res, s) => {
    res.writeHead(404, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    stream(res, body, s);
  });
  const client = new IntakeClient({ baseUrl: url, token: 't', retry: FAST });
  const error = await client.pushStatus('IBL-2026-0000001', '00000000-0000-4000-8000-000000000000', { status: 'referred', at: '2026-06-12T10:00:00Z', workstation_id: 'ws' }).catch((e: unknown) => e);
  assert.ok(error instanceof IntakeRefusedError, String(error));
  assert.match(error.message, new RegExp(`larger than ${encodedAllowance(MAX_ERROR_BODY_BYTES)} bytes as sent \\(compressed\\)`));
  assert.ok(seen.bytesSent < total(body) / 2, `${seen.bytesSent} of ${total(body)} bytes sent`);
});

test('a declared Content-Length over the cap is refused before the body is read; an unknown or stacked encoding is not decoded', async (t) => {
  const { url } = await hostile(t, (req, res) => {
    if (req.url?.includes('declared')) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(10 * 1024 * 1024) });
      res.write('{"changes":[');
      return; // never finishes: the client must not wait for it
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': req.url?.includes('stacked') ? 'gzip, gzip' : 'zstd' });
    res.end(gzipSync(gzipSync('{}')));
  });
  const init = { method: 'GET', headers: {}, signal: AbortSignal.timeout(5000), maxBodyBytes: 1024 * 1024, maxErrorBodyBytes: 1024 };
  const declared = await nodeExchange(new URL(`${url}/declared`), init);
  await assert.rejects(declared.arrayBuffer(), (e: unknown) => e instanceof BodyTooLargeError && e.measure === 'encoded');
  for (const path of ['/stacked', '/zstd']) {
    const response = await nodeExchange(new URL(`${url}${path}`), init);
    await assert.rejects(response.arrayBuffer(), /unsupported content encoding/);
  }
});

test('a body within its caps is decoded: gzip, deflate and br, and plain', async (t) => {
  const { deflateSync, brotliCompressSync } = await import('node:zlib');
  const text = JSON.stringify({ status: 'ok', head_seq: 12, server_time: '2026-06-12T10:00:00Z' });
  const encoders = new Map<string, (b: Buffer) => Buffer>([
    ['gzip', (b) => gzipSync(b)],
    ['deflate', (b) => deflateSync(b)],
    ['br', (b) => brotliCompressSync(b)],
    ['identity', (b) => b],
  ]);
  const { url } = await hostile(t, (req, res) => {
    const coding = req.url?.split('=')[1] ?? 'identity';
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': coding });
    res.end(encoders.get(coding)!(Buffer.from(text)));
  });
  for (const coding of encoders.keys()) {
    const response = await nodeExchange(new URL(`${url}/health?c=${coding}`), { method: 'GET', headers: {}, signal: AbortSignal.timeout(5000), maxBodyBytes: 1024, maxErrorBodyBytes: 1024 });
    assert.equal(await response.text(), text, coding);
  }
});

test('an attachment sent as a gzip bomb is read up to its declared size once inflated, then quarantined as a mismatch', async (t) => {
  const body = bomb(16 * 1024);
  const { url, seen } = await hostile(t, (_req, res, s) => {
    res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Encoding': 'gzip' });
    stream(res, body, s);
  });
  const db = openDatabase(join(tempDir(t), 'store.db'), randomBytes(32), { create: true });
  t.after(() => db.close());
  migrate(db, migrationSteps);
  const declared = Buffer.alloc(100_000, 7);
  db.prepare("INSERT INTO attachments (id, report_id, filename, media_type, size, sha256) VALUES ('att_bomb', 'IBL-2026-0000001', 'capture.png', 'image/png', ?, ?)").run(declared.length, createHash('sha256').update(declared).digest('hex'));
  const client = new IntakeClient({ baseUrl: url, token: 't', retry: FAST });
  const growth = rssGrowth();
  const fetcher = new AttachmentFetcher(db, client, { concurrency: 1, signal: new AbortController().signal });
  fetcher.refill();
  fetcher.feedDone();
  const outcome = await fetcher.run();
  const grew = growth();
  assert.deepEqual(outcome, { verified: 0, quarantined: 1 });
  assert.equal(seen.requests.length, 3, 'three downloads, then quarantined');
  const row = db.prepare("SELECT reason_code, reason, length(payload) AS bytes FROM quarantine WHERE attachment_id = 'att_bomb'").get() as { reason_code: string; reason: string; bytes: number };
  assert.equal(row.reason_code, 'attachment_mismatch');
  assert.match(row.reason, /^size mismatch: \d+ bytes received, 100000 declared/);
  // What is kept is bounded by the declared size (plus at most a chunk), not by the bomb.
  assert.ok(row.bytes <= 100_001 + 64 * 1024, String(row.bytes));
  assert.ok(grew < 100 * 1024 * 1024, `rss grew by ${(grew / 1048576).toFixed(1)} MiB`);
  assert.ok(seen.bytesSent / seen.requests.length < total(body) / 2, `${seen.bytesSent} bytes sent over ${seen.requests.length} requests`);
});
