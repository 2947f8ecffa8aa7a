/**
 * Crash safety: a child process running the sync is killed with SIGKILL at
 * random moments; after each restart the store passes its integrity check,
 * holds no half-applied page, and in the end converges to the service's state.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { startIntakeServer } from '../../src/intake/server.ts';
import { createCore } from '../../src/main/core.ts';
import { integrityProblems } from '../../src/main/store/database.ts';
import { TEST_SCRYPT } from '../../src/main/crypto/key-wrap.ts';
import { SUPERVISOR, tempDir, value } from '../helpers/store.ts';
import { expectedState, serverFeed, storedState } from './fixture.ts';

const CHILD = new URL('./crash-child.ts', import.meta.url).pathname;
const KILLS = 15;

/** Seeded, so that a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function runChild(storeDir: string, killAfterMs: number | null): Promise<{ killed: boolean; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, storeDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') return resolve({ killed: true, stdout });
      if (code !== 0) return reject(new Error(`child exited with ${code}: ${stderr}`));
      resolve({ killed: false, stdout });
    });
  });
}

test(`sync survives ${KILLS} SIGKILLs at random moments and converges`, async (t) => {
  const server = await startIntakeServer({ seed: 11, count: 2500, attachments: 40 });
  t.after(() => server.close());
  const storeDir = tempDir(t);
  const setup = createCore({ storeDir, host: 'cli', version: 'test', scrypt: TEST_SCRYPT });
  await value(setup, 'session.setup', SUPERVISOR);
  await value(setup, 'intake.update', { url: server.url, token: server.token, publicKeyPem: server.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 });
  await value(setup, 'session.lock');
  setup.close();

  const random = rng(20261128);
  let killedMidway = 0;
  let lastCursor = 0;
  for (let i = 0; i < KILLS; i += 1) {
    // The child needs ~150 ms to start; its sync then runs for a second or two.
    const outcome = await runChild(storeDir, 150 + Math.floor(random() * 900));
    if (outcome.killed) killedMidway += 1;
    const check = createCore({ storeDir, host: 'cli', version: 'test', scrypt: TEST_SCRYPT });
    try {
      const state = await value(check, 'session.state');
      assert.equal(state.phase, 'locked');
      await value(check, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
      const { db } = check.unlockedStore();
      assert.deepEqual(integrityProblems(db), [], `integrity after kill ${i + 1}`);
      const cursor = Number((db.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").get() as { value: string } | undefined)?.value ?? 0);
      assert.ok(cursor >= lastCursor, 'the cursor never moves back');
      lastCursor = cursor;
      // No half-applied page: every change at or below the cursor is there, nothing above it.
      const maxApplied = (db.prepare('SELECT max(seq) AS s FROM (SELECT seq FROM report_revisions UNION ALL SELECT seq FROM status_changes)').get() as { s: number | null }).s ?? 0;
      assert.ok(maxApplied <= cursor, `nothing applied beyond the cursor (${maxApplied} > ${cursor})`);
      assert.equal((db.prepare('SELECT count(*) AS n FROM reports r WHERE NOT EXISTS (SELECT 1 FROM report_revisions v WHERE v.report_id = r.id AND v.revision = r.revision)').get() as { n: number }).n, 0);
    } finally {
      check.close();
    }
  }
  assert.ok(killedMidway >= KILLS / 2, `most runs were killed midway (${killedMidway} of ${KILLS})`);

  const final = await runChild(storeDir, null);
  assert.equal(final.killed, false);
  const status = (JSON.parse(final.stdout) as { value: { lastError: string | null; cursor: number } }).value;
  assert.equal(status.lastError, null);
  assert.equal(status.cursor, server.headSeq());

  const check = createCore({ storeDir, host: 'cli', version: 'test', scrypt: TEST_SCRYPT });
  t.after(() => check.close());
  await value(check, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
  const expected = expectedState(await serverFeed(server));
  const stored = storedState(check);
  assert.deepEqual([...stored.revisions].sort(), [...expected.revisions].sort());
  assert.deepEqual(new Map([...stored.current].sort()), new Map([...expected.current].sort()));
  const { db } = check.unlockedStore();
  assert.deepEqual(db.prepare("SELECT state, count(*) AS n FROM attachments GROUP BY state").all(), [{ state: 'verified', n: 40 }]);
  assert.equal((db.prepare('SELECT count(*) AS n FROM quarantine').get() as { n: number }).n, 0);
});
