/** `iblagh-ws backup …` as a user runs it: recovery key, create, verify (--json), restore, and what is refused. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { initStore } from '../helpers/cli.ts';
import { tempDir } from '../helpers/store.ts';

const BIN = new URL('../../bin/iblagh-ws.js', import.meta.url).pathname;
const PASS = 'orange tapis falaise 42 nuage';
const NEW_PASS = 'grenade sable horizon 58 phare';

function cli(args: string[], passphrase: string | null = PASS): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env['IBLAGH_PASSPHRASE'];
  if (passphrase !== null) env['IBLAGH_PASSPHRASE'] = passphrase;
  const result = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// The store is made with the tests' cheap key derivation (initStore); a restore derives a real one (192 MiB of scrypt): the refusals that need one are tested in backup.test.ts.
test('backup recovery-key, create, verify and restore through the command line', async (t) => {
  const dir = tempDir(t);
  const store = join(dir, 'store');
  await initStore(store);
  const file = join(dir, 'poste.iblagh-backup');

  const generated = cli(['backup', 'recovery-key', '--store', store, '--json']);
  assert.equal(generated.status, 0, generated.stderr);
  const { recovery_key: recoveryKey, fingerprint } = JSON.parse(generated.stdout) as { recovery_key: string; fingerprint: string };
  assert.match(recoveryKey, /^([A-Z2-7]{4}-){13}[A-Z2-7]{4}$/);

  const made = cli(['backup', 'create', '--store', store, '--out', file, '--json']);
  assert.equal(made.status, 0, made.stderr);
  const summary = JSON.parse(made.stdout) as { sha256: string; recovery_key: string; profiles: number };
  assert.equal(summary.recovery_key, fingerprint);
  assert.equal(summary.profiles, 1);

  const verified = cli(['backup', 'verify', file, '--json']);
  assert.equal(verified.status, 0, verified.stderr);
  const report = JSON.parse(verified.stdout) as { ok: boolean; sha256: string; opened_with: string; counts: { profiles: number; auditEvents: number } };
  assert.equal(report.ok, true);
  assert.equal(report.sha256, summary.sha256);
  assert.equal(report.opened_with, 'passphrase');
  assert.equal(report.counts.profiles, 1);

  const keyFile = join(dir, 'recovery.txt');
  writeFileSync(keyFile, `${recoveryKey}\n`, { mode: 0o644 });
  const exposed = cli(['backup', 'verify', file, '--recovery-key-file', keyFile], null);
  assert.equal(exposed.status, 1);
  assert.match(exposed.stderr, /readable by other users/);
  chmodSync(keyFile, 0o600);
  const byRecovery = cli(['backup', 'verify', file, '--recovery-key-file', keyFile], null);
  assert.equal(byRecovery.status, 0, byRecovery.stderr);
  assert.match(byRecovery.stdout, /sound/);

  const busy = cli(['backup', 'restore', file, '--store', store]);
  assert.equal(busy.status, 1);
  assert.match(busy.stderr, /not empty/);

  const restored = join(dir, 'restored');
  const done = cli(['backup', 'restore', file, '--store', restored, '--json']);
  assert.equal(done.status, 0, done.stderr);
  assert.equal((JSON.parse(done.stdout) as { opened_with: string }).opened_with, 'passphrase');

  const recovered = join(dir, 'recovered');
  assert.equal(cli(['backup', 'restore', file, '--store', recovered, '--recovery-key-file', keyFile], NEW_PASS).status, 2, '--analyst NEW-NAME is required');
  const viaKey = cli(['backup', 'restore', file, '--store', recovered, '--recovery-key-file', keyFile, '--analyst', 'Samira Ouazzani', '--json'], NEW_PASS);
  assert.equal(viaKey.status, 0, viaKey.stderr);
  const newStatus = cli(['status', '--store', recovered, '--analyst', 'Samira Ouazzani', '--json'], NEW_PASS);
  assert.equal(newStatus.status, 0, newStatus.stderr);
  assert.ok((JSON.parse(newStatus.stdout) as { profiles: { name: string; role: string }[] }).profiles.some((p) => p.name === 'Samira Ouazzani' && p.role === 'supervisor'));

  assert.equal(cli(['backup', 'frobnicate']).status, 2);
  assert.deepEqual(readdirSync(dir).sort(), ['poste.iblagh-backup', 'recovered', 'recovery.txt', 'restored', 'store']);
});
