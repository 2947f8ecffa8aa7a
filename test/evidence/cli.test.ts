/** `iblagh-ws evidence list|show|verify|export|import` on a store synced from the reference service. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startIntakeServer } from '../../src/intake/server.ts';
import { createCore } from '../../src/main/core.ts';
import { CLI_PASSPHRASE, cliAsync as cli, initSyncedStore } from '../helpers/cli.ts';
import { tempDir, value } from '../helpers/store.ts';

const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Changes one stored payload, as an intruder with the key would, outside the workstation's code. */
async function tamper(store: string, reportId: string): Promise<void> {
  const core = createCore({ storeDir: store, host: 'cli', version: 'test' });
  try {
    assert.equal((await value(core, 'session.state')).phase, 'locked');
    await value(core, 'session.unlock', { passphrase: CLI_PASSPHRASE });
    const changed = core.unlockedStore().db.prepare("UPDATE report_revisions SET payload = replace(payload, '\"revision\"', ' \"revision\"') WHERE report_id = ? AND revision = 1").run(reportId).changes;
    assert.equal(changed, 1);
  } finally {
    core.close();
  }
}

test('iblagh-ws evidence list|show|verify|export|import: JSON lines, exact bytes, exit codes', async (t) => {
  const server = await startIntakeServer({ seed: 13, count: 40, attachments: 4 });
  t.after(() => server.close());
  const dir = tempDir(t);
  const store = await initSyncedStore(dir, server);
  const withAttachment = lines((await cli(['reports', 'list', '--store', store, '--json'])).stdout).find((r) => (r['attachments'] as number) > 0 || (r['attachment_count'] as number) > 0);
  const reports = lines((await cli(['reports', 'list', '--store', store, '--json', '--limit', '3'])).stdout).map((r) => r['id'] as string);
  const reportId = (withAttachment?.['id'] as string | undefined) ?? reports[0]!;

  const listed = await cli(['evidence', 'list', '--store', store, '--report', reportId, '--json']);
  assert.equal(listed.status, 0, listed.stderr);
  const items = lines(listed.stdout);
  assert.ok(items.length >= 1);
  for (const item of items) {
    for (const field of ['id', 'kind', 'sha256', 'size', 'acquired_at', 'acquired_by', 'method', 'media_type', 'clock', 'workstation_id', 'tool', 'tool_version']) assert.ok(field in item, field);
    assert.match(item['id'] as string, /^EV-\d{4}-WSRABAT03-\d{6}$/);
    assert.equal(item['acquired_by'], null, 'acquired by the sync');
  }
  const original = items.find((i) => i['kind'] === 'intake_original')!;
  assert.equal((original['signature'] as { verified: boolean }).verified, true);
  assert.match((original['signature'] as { key_fingerprint: string }).key_fingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  const twice = lines((await cli(['evidence', 'list', '--store', store, '--report', reportId, '--json'])).stdout);
  assert.deepEqual(
    twice.map((i) => i['id']),
    items.map((i) => i['id']),
  );
  const all = lines((await cli(['evidence', 'list', '--store', store, '--json'])).stdout);
  assert.deepEqual(all.map((i) => i['id']).sort(), items.map((i) => i['id']).sort(), 'without a target: the items registered so far');

  const verified = await cli(['evidence', 'verify', '--store', store, '--json']);
  assert.equal(verified.status, 0, verified.stderr);
  assert.deepEqual(JSON.parse(verified.stdout), { checked: items.length, matched: items.length, mismatches: [] });

  const out = join(dir, 'original.json');
  const exported = await cli(['evidence', 'export', original['id'] as string, '--out', out, '--store', store]);
  assert.equal(exported.status, 0, exported.stderr);
  assert.equal(createHash('sha256').update(readFileSync(out)).digest('hex'), original['sha256']);
  const again = await cli(['evidence', 'export', original['id'] as string, '--out', out, '--store', store]);
  assert.equal(again.status, 1, 'never overwrites');
  assert.match(again.stderr, /already exists/);
  const shown = await cli(['evidence', 'show', original['id'] as string, '--store', store, '--json']);
  assert.equal(shown.status, 0, shown.stderr);
  const custody = (lines(shown.stdout)[0]!['custody'] as { action: string; detail: Record<string, unknown> }[]).map((c) => c.action);
  assert.deepEqual(custody, ['acquired', 'verified', 'exported', 'viewed']);

  writeFileSync(join(dir, 'capture.html'), '<!doctype html><html><body>page saisie</body></html>');
  const imported = await cli(['evidence', 'import', join(dir, 'capture.html'), '--report', reportId, '--store', store, '--json']);
  assert.equal(imported.status, 0, imported.stderr);
  const file = lines(imported.stdout)[0]!;
  assert.equal(file['kind'], 'imported_file');
  assert.equal(file['media_type'], 'text/html');
  assert.equal(file['acquired_by'], 'Karima Benali');

  // Without --json, a table (issue #14): a header, then one row per item of the report.
  const table = await cli(['evidence', 'list', '--store', store, '--report', reportId]);
  assert.equal(table.status, 0, table.stderr);
  assert.match(table.stdout.split('\n')[0]!, /^ID +KIND +BYTES/);
  assert.ok(table.stdout.includes(file['id'] as string), 'the imported file is listed');
  // Usage errors: 2.
  assert.equal((await cli(['evidence', 'export', original['id'] as string, '--store', store])).status, 2, 'export needs --out');
  assert.equal((await cli(['evidence', 'import', join(dir, 'capture.html'), '--store', store, '--json'])).status, 2, 'import needs a target');
  assert.equal((await cli(['evidence', 'show', '--store', store, '--json'])).status, 2);
  assert.equal((await cli(['evidence', 'list', '--store', store, '--case', 'DOS-2026-WSRABAT03-09999', '--json'])).status, 1);
  assert.equal((await cli(['evidence', 'show', 'EV-2026-WSRABAT03-999999', '--store', store, '--json'])).status, 1);

  await tamper(store, reportId);
  const failed = await cli(['evidence', 'verify', '--store', store]);
  assert.equal(failed.status, 1);
  assert.match(failed.stdout, new RegExp(`${original['id'] as string} \\(intake_original, ${reportId}\\): hash mismatch`));
  assert.match(failed.stderr, new RegExp(`no longer match: ${original['id'] as string}`));
  const failedJson = await cli(['evidence', 'verify', '--store', store, '--json']);
  assert.equal(failedJson.status, 1);
  assert.deepEqual(
    (JSON.parse(failedJson.stdout) as { mismatches: { id: string }[] }).mismatches.map((m) => m.id),
    [original['id']],
  );
});
