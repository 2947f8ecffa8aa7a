/** The CLI entry: starts on loopback, writes the key and the token, prints where they are, stops on SIGTERM. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const MAIN = new URL('../../src/intake/main.ts', import.meta.url).pathname;

test('node src/intake/main.ts serves a generated feed and prints the URL, the token and the key path', async (t) => {
  const out = mkdtempSync(join(tmpdir(), 'intake-cli-'));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  const child = spawn(process.execPath, [MAIN, '--count', '40', '--attachments', '4', '--seed', '3', '--port', '0', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGKILL'));
  let stdout = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stdout.includes('Ctrl+C')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
  const url = /URL: +(\S+)/.exec(stdout)?.[1] ?? '';
  const token = /Token: +(\S+)/.exec(stdout)?.[1] ?? '';
  const keyPath = /Public key: +(\S+)/.exec(stdout)?.[1] ?? '';
  const tokenPath = /Token file: +(\S+)/.exec(stdout)?.[1] ?? '';
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
  assert.equal(keyPath, join(out, 'intake-public-key.pem'));
  assert.match(readFileSync(keyPath, 'utf8'), /^-----BEGIN PUBLIC KEY-----/);
  assert.equal(readFileSync(tokenPath, 'utf8').trim(), token);
  assert.match(stdout, /40 reports, \d+ changes, 4 attachments/);
  const health = await fetch(`${url}/health`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(health.status, 200);
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  assert.equal(await exit, 0);
});

test('bad options and non-loopback hosts are refused', () => {
  const unknown = spawnSync(process.execPath, [MAIN, '--frobnicate'], { encoding: 'utf8' });
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /Usage/);
  const count = spawnSync(process.execPath, [MAIN, '--count', 'many'], { encoding: 'utf8' });
  assert.equal(count.status, 2);
  assert.match(count.stderr, /--count/);
  const host = spawnSync(process.execPath, [MAIN, '--count', '1', '--host', '0.0.0.0', '--port', '0'], { encoding: 'utf8' });
  assert.equal(host.status, 2);
  assert.match(host.stderr, /loopback/);
});
