import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCore } from '../../src/main/core.ts';
import { TEST_SCRYPT } from '../../src/main/crypto/key-wrap.ts';
import { DEMO_REPORTS } from '../../src/main/sync/demo-intake.ts';
import { demoCore, failure, SUPERVISOR, tempDir, value } from '../helpers/store.ts';

test('demo mode: reports marked as demo, and the demo service comes back after a restart', async (t) => {
  const storeDir = tempDir(t);
  const first = createCore({ storeDir, host: 'cli', version: 'test', scrypt: TEST_SCRYPT });
  await value(first, 'session.setup', SUPERVISOR);
  const view = await value(first, 'intake.startDemo');
  assert.equal(view.demo, true);
  await first.syncIdle();
  const synced = await value(first, 'sync.status');
  assert.equal(synced.lastError, null);
  assert.equal(synced.reports, DEMO_REPORTS);
  assert.equal(synced.demo, true);
  const { db } = first.unlockedStore();
  assert.deepEqual(db.prepare('SELECT demo, count(*) AS n FROM reports GROUP BY demo').all(), [{ demo: 1, n: DEMO_REPORTS }]);
  // The demo's feed is dated relative to when it was started: the last days hold reports, nothing is in the future.
  const dayAgo = new Date(Date.now() - 86_400_000).toISOString();
  const recent = db.prepare('SELECT count(*) AS n, max(submitted_at) AS newest FROM reports WHERE submitted_at >= ?').get(dayAgo) as { n: number; newest: string };
  assert.ok(recent.n > 50 && recent.newest <= new Date().toISOString(), `${recent.n} reports in the last day, newest ${recent.newest}`);
  const cursor = synced.cursor;
  first.close();

  const second = createCore({ storeDir, host: 'cli', version: 'test', scrypt: TEST_SCRYPT });
  t.after(() => second.close());
  await value(second, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
  // The restarted demo service has a new address and key; the workstation follows it.
  for (let waited = 0; (await value(second, 'intake.get')).url === view.url; waited += 50) {
    assert.ok(waited < 20_000, 'the demo service did not come back');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await value(second, 'sync.start');
  await second.syncIdle();
  const again = await value(second, 'sync.status');
  assert.equal(again.lastError, null);
  assert.equal(again.cursor, cursor, 'same feed, same seqs: nothing new, nothing quarantined');
  assert.equal(again.quarantined, 0);
  assert.equal(again.reports, DEMO_REPORTS);
});

test('demo mode is refused once a real intake service brought reports', async (t) => {
  const { startIntakeServer } = await import('../../src/intake/server.ts');
  const real = await startIntakeServer({ seed: 23, count: 3, attachments: 0 });
  t.after(() => real.close());
  const core = createCore({ storeDir: tempDir(t), host: 'cli', version: 'test', scrypt: TEST_SCRYPT });
  t.after(() => core.close());
  await value(core, 'session.setup', SUPERVISOR);
  await value(core, 'intake.update', { url: real.url, token: real.token, publicKeyPem: real.publicKeyPem, workstationId: 'ws-1', syncIntervalMinutes: 0 });
  await value(core, 'sync.start');
  await core.syncIdle();
  assert.equal((await failure(core, 'intake.startDemo')).code, 'CONFLICT');
  // (While it brought nothing, the demo may replace it: test/sync/intake-switch.test.ts.)
});

test('demo mode is refused when the store already holds cases of its own (leaving demo mode would purge them)', async (t) => {
  const core = createCore({ storeDir: tempDir(t), host: 'cli', version: 'test', scrypt: TEST_SCRYPT });
  t.after(() => core.close());
  await value(core, 'session.setup', SUPERVISOR);
  await value(core, 'cases.create', { title: 'Dossier ouvert avant tout service', reportIds: [] });
  const refused = await failure(core, 'intake.startDemo');
  assert.equal(refused.code, 'CONFLICT');
  assert.match(refused.message, /holds cases/);
  assert.equal((await value(core, 'intake.get')).configured, false, 'nothing was configured');
});

test('leaving demo mode for a real service removes every demo report and syncs the real feed from its start', async (t) => {
  const { startIntakeServer } = await import('../../src/intake/server.ts');
  const real = await startIntakeServer({ seed: 21, count: 30, attachments: 2 });
  t.after(() => real.close());
  const core = await demoCore(t);
  const demoReport = (await value(core, 'queue.query', { limit: 1, facets: false })).rows[0]!;
  await value(core, 'reports.setStatus', { reportId: demoReport.id, status: 'in_analysis' });
  await core.syncIdle();
  assert.ok((await value(core, 'sync.status')).cursor > real.headSeq(), 'the demo feed went further than the real one');
  // Work built on demo reports is demo work too.
  const demoCase = await value(core, 'cases.create', { title: 'Dossier de démonstration', reportIds: [demoReport.id] });
  await value(core, 'notes.add', { target: { caseRef: demoCase.ref }, text: 'note de démonstration' });
  await value(core, 'notes.add', { target: { reportId: demoReport.id }, text: 'note sur un signalement de démonstration' });

  // Deleting the demo's data is confirmed (intake.check counts it first: test/sync/intake-switch.test.ts).
  await value(core, 'intake.update', { url: real.url, token: real.token, publicKeyPem: real.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0, confirmDeletion: true });
  const cleared = await value(core, 'sync.status');
  assert.equal(cleared.reports, 0, 'no demo report left');
  assert.equal(cleared.cursor, 0, 'the real feed starts from its beginning');
  assert.equal(cleared.demo, false);
  const { db } = core.unlockedStore();
  for (const table of ['report_revisions', 'status_changes', 'attachments', 'outbox', 'quarantine', 'report_observables', 'cases', 'case_reports', 'case_events', 'notes', 'note_revisions']) {
    assert.equal((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n, 0, table);
  }
  assert.equal((db.prepare('SELECT count(*) AS n FROM observables WHERE report_count <> 0').get() as { n: number }).n, 0, 'no observable counts a demo report');
  await value(core, 'sync.start');
  await core.syncIdle();
  const synced = await value(core, 'sync.status');
  assert.equal(synced.lastError, null);
  assert.equal(synced.reports, 30);
  assert.equal(synced.cursor, real.headSeq());
  const audit = (await value(core, 'audit.list', {})).events.map((e) => e.action);
  assert.ok(audit.includes('intake.demo_purged'));
});
