/** The CLI entry: starts on loopback, writes the key and the token, prints where they are, stops on SIGTERM. */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';

const MAIN = new URL('../../src/intake/main.ts', import.meta.url).pathname;

/** Starts the reference service's CLI with `args`; answers its child and what it printed once it is serving. */
async function startCli(t: TestContext, args: readonly string[]): Promise<{ child: ChildProcessWithoutNullStreams; stdout: string; url: string; token: string }> {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGKILL'));
  let stdout = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stdout.includes('Ctrl+C')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
  return { child, stdout, url: /URL: +(\S+)/.exec(stdout)?.[1] ?? '', token: /Token: +(\S+)/.exec(stdout)?.[1] ?? '' };
}

test('node src/intake/main.ts serves a generated feed and prints the URL, the token and the key path', async (t) => {
  const out = mkdtempSync(join(tmpdir(), 'intake-cli-'));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  const { child, stdout, url, token } = await startCli(t, ['--count', '40', '--attachments', '4', '--seed', '3', '--port', '0', '--out', out]);
  const keyPath = /Public key: +(\S+)/.exec(stdout)?.[1] ?? '';
  const tokenPath = /Token file: +(\S+)/.exec(stdout)?.[1] ?? '';
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
  assert.equal(keyPath, join(out, 'intake-public-key.pem'));
  assert.match(readFileSync(keyPath, 'utf8'), /^-----BEGIN PUBLIC KEY-----/);
  assert.equal(readFileSync(tokenPath, 'utf8').trim(), token);
  assert.match(stdout, /40 reports, \d+ changes, 4 attachments/);
  // Without --start the feed is dated relative to now: its newest report is from the last days, none is in the future.
  assert.match(stdout, /Dated: +relative to \d{4}-/);
  const page = (await (await fetch(`${url}/changes?after=0&limit=1000`, { headers: { authorization: `Bearer ${token}` } })).json()) as { changes: { payload: string }[] };
  const submitted = page.changes.map((c) => JSON.parse(c.payload) as { kind: string; submitted_at?: string }).filter((p) => p.kind === 'report').map((p) => Date.parse(p.submitted_at ?? ''));
  assert.ok(Math.max(...submitted) <= Date.now() && Math.max(...submitted) > Date.now() - 30 * 86_400_000, new Date(Math.max(...submitted)).toISOString());
  const health = await fetch(`${url}/health`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(health.status, 200);
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  assert.equal(await exit, 0);
});

test('--start gives a fixed feed from that time on; a start that is not a UTC time is refused', async (t) => {
  const { stdout, url, token } = await startCli(t, ['--count', '30', '--seed', '3', '--port', '0', '--start', '2026-04-01T06:00:00Z']);
  assert.match(stdout, /Dated: +from 2026-04-01T06:00:00Z \(fixed\)/);
  const page = (await (await fetch(`${url}/changes?after=0&limit=1000`, { headers: { authorization: `Bearer ${token}` } })).json()) as { changes: { payload: string }[] };
  const first = JSON.parse(page.changes[0]?.payload ?? '{}') as { submitted_at?: string };
  assert.match(first.submitted_at ?? '', /^2026-04-01T0[6-9]/);
  for (const bad of ['yesterday', '2026-04-01', '2026-13-01T00:00:00Z']) {
    const refused = spawnSync(process.execPath, [MAIN, '--count', '1', '--start', bad], { encoding: 'utf8' });
    assert.equal(refused.status, 2, bad);
    assert.match(refused.stderr, /--start must be a UTC time/, bad);
  }
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
