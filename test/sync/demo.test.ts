import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCore } from '../../src/main/core.ts';
import { TEST_SCRYPT } from '../../src/main/store/key-wrap.ts';
import { DEMO_REPORTS } from '../../src/main/sync/demo-intake.ts';
import { failure, SUPERVISOR, tempDir, value } from '../helpers/store.ts';

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
  const cursor = synced.cursor;
  first.close();

  const second = createCore({ storeDir, host: 'cli', version: 'test', scrypt: TEST_SCRYPT });
  t.after(() => second.close());
  const state = await value(second, 'session.state');
  await value(second, 'session.unlock', { profileId: state.phase === 'locked' ? state.profiles[0]!.id : '', passphrase: SUPERVISOR.passphrase });
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

test('demo mode is refused when a real intake service is configured', async (t) => {
  const core = createCore({ storeDir: tempDir(t), host: 'cli', version: 'test', scrypt: TEST_SCRYPT });
  t.after(() => core.close());
  await value(core, 'session.setup', SUPERVISOR);
  const { generateKeyPairSync } = await import('node:crypto');
  const pem = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
  await value(core, 'intake.update', { url: 'https://intake.example/api/v1', token: 'token-1', publicKeyPem: pem, workstationId: 'ws-1', syncIntervalMinutes: 0 });
  assert.equal((await failure(core, 'intake.startDemo')).code, 'CONFLICT');
});
