import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startIntakeServer } from '../../src/intake/server.ts';
import { cliAsync, initStore } from '../helpers/cli.ts';
import { tempDir } from '../helpers/store.ts';

const cli = cliAsync;

test('iblagh-ws sync, reports list|show and quarantine list against the reference service', async (t) => {
  const server = await startIntakeServer({ seed: 9, count: 150, attachments: 6 });
  t.after(() => server.close());
  const dir = tempDir(t);
  const store = join(dir, 'store');
  writeFileSync(join(dir, 'token.txt'), `${server.token}\n`);
  writeFileSync(join(dir, 'key.pem'), server.publicKeyPem);
  await initStore(store);

  const noKey = await cli(['sync', '--store', store, '--intake', server.url, '--token-file', join(dir, 'token.txt')]);
  assert.equal(noKey.status, 1);
  assert.match(noKey.stderr, /public key \(PEM\) is required/);

  server.faults.badSignature([3]);
  const first = await cli(['sync', '--store', store, '--intake', server.url, '--token-file', join(dir, 'token.txt'), '--intake-key', join(dir, 'key.pem'), '--workstation-id', 'ws-rabat-03']);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /Caught up at seq \d+ of \d+: 149 reports, 1 quarantined/);
  assert.match(first.stderr, /sync: /, 'progress on stderr');
  // seq 3 was a report: quarantined, so 149 of the 150 reports are in.

  // Settings are remembered: later runs need only --store.
  server.appendReport();
  const second = await cli(['sync', '--store', store, '--json']);
  assert.equal(second.status, 0, second.stderr);
  assert.equal((JSON.parse(second.stdout) as { reports: number }).reports, 150);

  const list = await cli(['reports', 'list', '--store', store, '--json']);
  assert.equal(list.status, 0, list.stderr);
  const lines = list.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(lines.length, 150);
  for (const field of ['id', 'revision', 'revisions', 'category', 'platform', 'submitted_at', 'reporter_mode', 'attachments', 'attachments_verified', 'status']) {
    assert.ok(field in lines[0]!, field);
  }
  assert.equal(lines.reduce((n, l) => n + (l['attachments_verified'] as number), 0), 6);
  assert.equal((await cli(['reports', 'list', '--store', store, '--json', '--limit', '5'])).stdout.trim().split('\n').length, 5);
  // Most urgent first by default, with priority and cluster on every line.
  for (let k = 1; k < lines.length; k++) assert.ok((lines[k - 1]!['priority'] as number) >= (lines[k]!['priority'] as number));
  for (const field of ['priority', 'cluster_id', 'cluster_size']) assert.equal(typeof lines[0]![field], 'number', field);
  // The queue's filters, repeated or comma-separated, and its search.
  const category = lines[0]!['category'] as string;
  const filtered = await cli(['reports', 'list', '--store', store, '--json', '--category', `${category},no_such`, '--status', 'received', '--sort', 'submitted_at']);
  assert.equal(filtered.status, 0, filtered.stderr);
  const picked = filtered.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(picked.map((l) => l['id']).sort(), lines.filter((l) => l['category'] === category && l['status'] === 'received').map((l) => l['id']).sort());
  for (let k = 1; k < picked.length; k++) assert.ok((picked[k - 1]!['submitted_at'] as string) <= (picked[k]!['submitted_at'] as string));
  const searched = await cli(['reports', 'list', '--store', store, '--json', '--search', lines[1]!['id'] as string]);
  assert.equal((JSON.parse(searched.stdout.trim().split('\n')[0]!) as { id: string }).id, lines[1]!['id']);
  // --open: open work only, as the queue's default view (finished reports are listed without it).
  const finished = new Set(['referred', 'closed_no_action', 'duplicate']);
  assert.ok(lines.some((l) => finished.has(l['status'] as string)), 'the feed has finished reports');
  const open = await cli(['reports', 'list', '--store', store, '--json', '--open']);
  assert.equal(open.status, 0, open.stderr);
  const openLines = open.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(openLines.map((l) => l['id']).sort(), lines.filter((l) => !finished.has(l['status'] as string)).map((l) => l['id']).sort());
  const badStatus = await cli(['reports', 'list', '--store', store, '--json', '--status', 'pending']);
  assert.equal(badStatus.status, 2);
  assert.match(badStatus.stderr, /status/);
  assert.equal((await cli(['reports', 'list', '--store', store, '--json', '--sort', 'rank'])).status, 2);

  const id = lines[0]!['id'] as string;
  const show = await cli(['reports', 'show', id, '--store', store, '--json']);
  assert.equal(show.status, 0, show.stderr);
  // The report view of reports.get (the reporter's identity is not in it: test/core/cli.test.ts).
  const detail = JSON.parse(show.stdout) as { id: string; reporter: { mode: string }; revisions: { revision: number; seq: number }[]; statusHistory: unknown[] };
  assert.equal(detail.id, id);
  assert.equal(typeof detail.revisions[0]!.seq, 'number');
  for (const field of ['full_name', 'fullName', 'national_id', 'nationalId', 'email', 'phone']) assert.ok(!(field in detail.reporter), field);
  assert.equal((await cli(['reports', 'show', 'IBL-2026-9999999', '--store', store, '--json'])).status, 1);

  const quarantine = await cli(['quarantine', 'list', '--store', store, '--json']);
  const items = quarantine.stdout.trim().split('\n').map((l) => JSON.parse(l) as { seq: number; kind: string; reason: string });
  assert.deepEqual(items.map((i) => i.seq), [3]);
  assert.match(items[0]!.reason, /signature/);

  server.revoke(server.token);
  const revoked = await cli(['sync', '--store', store]);
  assert.equal(revoked.status, 1);
  assert.match(revoked.stderr, /revoked this workstation \(HTTP 403\)/);
});

test('iblagh-ws sync gives up on an unreachable service with a non-zero exit', async (t) => {
  const server = await startIntakeServer({ seed: 9, count: 5, attachments: 0 });
  const dir = tempDir(t);
  const store = join(dir, 'store');
  writeFileSync(join(dir, 'token.txt'), server.token);
  writeFileSync(join(dir, 'key.pem'), server.publicKeyPem);
  const url = server.url;
  await server.close();
  await initStore(store);
  const result = await cli(['sync', '--store', store, '--intake', url, '--token-file', join(dir, 'token.txt'), '--intake-key', join(dir, 'key.pem'), '--max-attempts', '2']);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /stayed unreachable after 2 attempts/);
});

test('iblagh-ws sync tests new intake settings before remembering them: a wrong token is one line, exit 1, and forgotten', async (t) => {
  const server = await startIntakeServer({ seed: 10, count: 8, attachments: 0 });
  t.after(() => server.close());
  const dir = tempDir(t);
  const store = join(dir, 'store');
  writeFileSync(join(dir, 'wrong.txt'), 'iblw_unknown_token_value_0000000000\n');
  writeFileSync(join(dir, 'token.txt'), `${server.token}\n`);
  writeFileSync(join(dir, 'key.pem'), server.publicKeyPem);
  await initStore(store);
  const withToken = (file: string): string[] => ['sync', '--store', store, '--intake', server.url, '--token-file', join(dir, file), '--intake-key', join(dir, 'key.pem'), '--workstation-id', 'ws-rabat-03'];

  const wrong = await cli(withToken('wrong.txt'));
  assert.equal(wrong.status, 1);
  assert.equal(wrong.stderr.trim().split('\n').length, 1, wrong.stderr);
  assert.match(wrong.stderr, /Connection test failed, nothing was saved: .*HTTP 401/);
  assert.doesNotMatch(wrong.stderr, /^\s+at /m);
  // Not remembered: a later sync has no intake service, rather than the wrong token's 401.
  const later = await cli(['sync', '--store', store]);
  assert.equal(later.status, 1);
  assert.doesNotMatch(later.stderr, /401/);
  assert.match(later.stderr, /No intake service is configured/i);

  assert.equal((await cli(withToken('token.txt'))).status, 0);
  // A wrong token given later is refused too, and the good settings stay.
  assert.equal((await cli(withToken('wrong.txt'))).status, 1);
  const again = await cli(['sync', '--store', store, '--json']);
  assert.equal(again.status, 0, again.stderr);
  assert.equal((JSON.parse(again.stdout) as { reports: number }).reports, 8);
});
