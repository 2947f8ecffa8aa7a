/** `iblagh-ws retention preview|apply --store DIR [--json]` on a store synced from the reference service. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startIntakeServer } from '../../src/intake/server.ts';
import { createCore } from '../../src/main/core.ts';
import { CLI_PASSPHRASE, cliAsync as cli, initSyncedStore } from '../helpers/cli.ts';
import { tempDir, value } from '../helpers/store.ts';

test('iblagh-ws retention preview|apply: counts and dates, then the purge, journaled', async (t) => {
  const server = await startIntakeServer({ seed: 17, count: 5, attachments: 0 });
  t.after(() => server.close());
  const old = JSON.parse(server.appendReport({ category: 'fraud', at: '2024-11-02T09:00:00Z' }).payload) as { id: string };
  server.appendStatus({ reportId: old.id, status: 'duplicate', at: '2025-01-10T10:00:00Z' });
  const dir = tempDir(t);
  const store = await initSyncedStore(dir, server);

  const off = await cli(['retention', 'preview', '--store', store, '--json']);
  assert.equal(off.status, 0, off.stderr);
  const offPreview = JSON.parse(off.stdout) as Record<string, unknown>;
  assert.equal(offPreview['active'], false);
  assert.deepEqual(offPreview['settings'], { identity_months: null, purge_months: null, case_months: null });
  assert.match((await cli(['retention', 'preview', '--store', store])).stdout, /No retention rule is set/);

  // The rules are the settings screen's (a supervisor's); set here through the same channel.
  const core = createCore({ storeDir: store, host: 'cli', version: 'test' });
  try {
    await value(core, 'session.unlock', { name: 'Karima Benali', passphrase: CLI_PASSPHRASE });
    await value(core, 'retention.updateSettings', { identityMonths: null, purgeMonths: 12, caseMonths: null });
  } finally {
    core.close();
  }

  const preview = await cli(['retention', 'preview', '--store', store, '--json']);
  assert.equal(preview.status, 0, preview.stderr);
  const p = JSON.parse(preview.stdout) as Record<string, Record<string, unknown>>;
  assert.deepEqual(p['reports'], { count: 1, oldest: '2025-01-10T10:00:00.000Z', newest: '2025-01-10T10:00:00.000Z' });
  assert.equal(p['identities']!['count'], 0);
  assert.equal(preview.stdout.includes(old.id), false, 'counts and dates, no ids or contents');
  assert.match((await cli(['retention', 'preview', '--store', store])).stdout, /Reports to purge: 1 \(closed 2025-01-10T10:00:00\.000Z to 2025-01-10T10:00:00\.000Z\)/);

  const applied = await cli(['retention', 'apply', '--store', store, '--json']);
  assert.equal(applied.status, 0, applied.stderr);
  const result = JSON.parse(applied.stdout) as Record<string, unknown>;
  assert.equal(result['reports_purged'], 1);
  assert.equal(result['cases_purged'], 0);
  assert.equal(result['compacted'], true);
  const shown = await cli(['reports', 'show', old.id, '--store', store, '--json']);
  assert.equal(shown.status, 1, 'the report is gone');
  const again = JSON.parse((await cli(['retention', 'apply', '--store', store, '--json'])).stdout) as Record<string, unknown>;
  assert.equal(again['reports_purged'], 0, 'nothing left to purge');
  assert.equal((await cli(['retention', 'purge', '--store', store])).status, 2, 'unknown subcommand: usage');

  const check = createCore({ storeDir: store, host: 'cli', version: 'test' });
  try {
    await value(check, 'session.unlock', { name: 'Karima Benali', passphrase: CLI_PASSPHRASE });
    const purges = (await value(check, 'audit.list', { limit: 50 })).events.filter((e) => e.action === 'retention.purged');
    assert.deepEqual(
      purges.map((e) => e.detail['reports']),
      [0, 1],
      'each apply journaled with its counts (newest first)',
    );
  } finally {
    check.close();
  }
});
