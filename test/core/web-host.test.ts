import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp.ts';
import { isLoopback, startWebHost, type WebHost } from '../../src/web/server.ts';
import { tempDir, testCore } from '../helpers/store.ts';

async function host(t: Parameters<typeof tempDir>[0]): Promise<WebHost> {
  const renderer = join(tempDir(t), 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  const web = await startWebHost({ core: testCore(t), rendererDir: renderer });
  t.after(() => web.close());
  return web;
}

/** A raw request, so that the Host header and paths are exactly what a hostile page could send. */
function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string; path?: string }): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request(
      { host: target.hostname, port: target.port, method: options.method ?? 'GET', path: options.path ?? target.pathname, headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

test('only loopback addresses are accepted', async () => {
  for (const ok of ['127.0.0.1', '127.4.5.6', '::1', 'localhost']) assert.equal(isLoopback(ok), true, ok);
  for (const bad of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.org', '']) assert.equal(isLoopback(bad), false, bad);
  await assert.rejects(startWebHost({ core: {} as never, rendererDir: '.', host: '0.0.0.0' }), /loopback addresses only/);
});

test('the API needs the token; pages carry the CSP', async (t) => {
  const web = await host(t);
  const call = (headers: Record<string, string>) =>
    raw(`${web.origin}/api/invoke/session.state`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{"input":null}' });
  assert.equal((await call({})).status, 401);
  assert.equal((await call({ Authorization: 'Bearer wrong-token-wrong-token-wrong' })).status, 401);
  const good = await call({ Authorization: `Bearer ${web.token}` });
  assert.equal(good.status, 200);
  assert.deepEqual(JSON.parse(good.body), { ok: true, value: { phase: 'setup', locale: 'fr' } });
  assert.equal((await raw(`${web.origin}/api/events`, {})).status, 401);

  const page = await raw(`${web.origin}/`, {});
  assert.equal(page.status, 200);
  assert.equal(page.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
  assert.match(web.url, /^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
});

test('foreign hosts, cross-site requests and path tricks are refused', async (t) => {
  const web = await host(t);
  const port = new URL(web.origin).port;
  const auth = { Authorization: `Bearer ${web.token}`, 'Content-Type': 'application/json' };
  const post = (headers: Record<string, string>) => raw(`${web.origin}/api/invoke/session.state`, { method: 'POST', headers: { ...auth, ...headers }, body: '{}' });
  assert.equal((await post({ Host: `evil.example:${port}` })).status, 421, 'DNS rebinding');
  assert.equal((await post({ Origin: 'http://evil.example' })).status, 403);
  assert.equal((await post({ 'Sec-Fetch-Site': 'cross-site' })).status, 403);
  assert.equal((await post({ 'Content-Type': 'text/plain' })).status, 415);
  assert.equal((await raw(`${web.origin}/api/invoke/session.state`, { method: 'POST', headers: auth, body: '{not json' })).status, 400);
  for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd', '/%00index.html', '/assets']) {
    assert.equal((await raw(web.origin, { path })).status, 404, path);
  }
  assert.equal((await raw(web.origin, { path: '/assets/app.js' })).status, 200);
  const big = await raw(`${web.origin}/api/invoke/session.state`, { method: 'POST', headers: auth, body: `{"input":"${'x'.repeat(1_100_000)}"}` });
  assert.equal(big.status, 400);
});
