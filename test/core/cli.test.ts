import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { startIntakeServer } from '../../src/intake/server.ts';
import { createCore } from '../../src/main/core.ts';
import { LATEST_VERSION } from '../../src/main/store/migrations/index.ts';
import { cliAsync, initSyncedStore } from '../helpers/cli.ts';
import { tempDir } from '../helpers/store.ts';

const BIN = new URL('../../bin/iblagh-ws.js', import.meta.url).pathname;
const PASS = 'orange tapis falaise 42 nuage';

function cli(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const base = { ...process.env };
  delete base['IBLAGH_PASSPHRASE'];
  const result = spawnSync(process.execPath, [BIN, ...args], { env: { ...base, ...env }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('init then status, with the passphrase from a file or the environment', (t) => {
  const dir = tempDir(t);
  const store = join(dir, 'store');
  const passFile = join(dir, 'pass.txt');
  writeFileSync(passFile, `${PASS}\n`, { mode: 0o600 });

  const init = cli(['init', '--store', store, '--analyst', 'Karima Benali', '--service', 'BNPJ Rabat', '--passphrase-file', passFile]);
  assert.equal(init.status, 0, init.stderr);
  assert.match(init.stdout, /Created an encrypted store/);

  const status = cli(['status', '--store', store, '--json'], { IBLAGH_PASSPHRASE: PASS });
  assert.equal(status.status, 0, status.stderr);
  const parsed = JSON.parse(status.stdout) as { schemaVersion: number; counts: { profiles: number }; profiles: { name: string; role: string }[] };
  assert.equal(parsed.schemaVersion, LATEST_VERSION);
  assert.equal(parsed.counts.profiles, 1);
  assert.deepEqual(parsed.profiles.map((p) => [p.name, p.role]), [['Karima Benali', 'supervisor']]);

  const text = cli(['status', '--store', store, '--analyst', 'karima benali'], { IBLAGH_PASSPHRASE: PASS });
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, new RegExp(`Schema version: +${LATEST_VERSION} `));
  assert.match(text.stdout, /Karima Benali \| supervisor \| BNPJ Rabat/);
});

test('errors go to stderr with a non-zero exit code', (t) => {
  const store = join(tempDir(t), 'store');
  const noPass = cli(['init', '--store', store, '--analyst', 'Karima Benali']);
  assert.equal(noPass.status, 2);
  assert.match(noPass.stderr, /No passphrase/);
  assert.equal(noPass.stdout, '');

  const onCommandLine = cli(['init', '--store', store, '--analyst', 'Karima Benali', '--passphrase', PASS]);
  assert.equal(onCommandLine.status, 2);
  assert.match(onCommandLine.stderr, /--passphrase is not accepted/);

  const weak = cli(['init', '--store', store, '--analyst', 'Karima Benali'], { IBLAGH_PASSPHRASE: 'azerty123' });
  assert.equal(weak.status, 1);
  assert.match(weak.stderr, /WEAK_PASSPHRASE/);

  assert.equal(cli(['status', '--store', store], { IBLAGH_PASSPHRASE: PASS }).status, 1);
  assert.equal(cli(['frobnicate', '--store', store]).status, 2);
  assert.equal(cli(['status']).status, 2);

  assert.equal(cli(['init', '--store', store, '--analyst', 'Karima Benali'], { IBLAGH_PASSPHRASE: PASS }).status, 0);
  const wrong = cli(['status', '--store', store], { IBLAGH_PASSPHRASE: 'not the passphrase' });
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /Wrong login name or passphrase\. \(WRONG_PASSPHRASE\)/);
});

test('with several profiles, status asks which one', (t) => {
  const store = join(tempDir(t), 'store');
  assert.equal(cli(['init', '--store', store, '--analyst', 'Karima Benali'], { IBLAGH_PASSPHRASE: PASS }).status, 0);
  // A second profile through the core, as a supervisor would add it in the app.
  const add = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `
      import { createCore } from ${JSON.stringify(new URL('../../src/main/core.ts', import.meta.url).href)};
      const core = createCore({ storeDir: ${JSON.stringify(store)}, host: 'cli', version: 't' });
      await core.dispatch('session.unlock', { name: 'Karima Benali', passphrase: ${JSON.stringify(PASS)} });
      const r = await core.dispatch('profiles.create', { name: 'Youssef Idrissi', service: 'Cellule Iblagh', role: 'analyst', locale: 'ar', passphrase: 'citron bleu montagne 77 vent' });
      if (!r.ok) { console.error(r.error); process.exit(1); }
      core.close();`],
    { encoding: 'utf8' },
  );
  assert.equal(add.status, 0, add.stderr);
  const ambiguous = cli(['status', '--store', store], { IBLAGH_PASSPHRASE: PASS });
  assert.equal(ambiguous.status, 2);
  assert.match(ambiguous.stderr, /several profiles: give your login name with --analyst NAME/);
  // Neither name is printed: the keyring names nobody.
  assert.doesNotMatch(ambiguous.stderr, /Karima|Youssef/);
  // A profile a supervisor created must first replace the passphrase it was given: the CLI says so.
  const first = cli(['status', '--store', store, '--analyst', 'youssef  IDRISSI'], { IBLAGH_PASSPHRASE: 'citron bleu montagne 77 vent' });
  assert.equal(first.status, 1);
  assert.match(first.stderr, /must first replace the passphrase a supervisor gave it/);
  const change = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `
      import { createCore } from ${JSON.stringify(new URL('../../src/main/core.ts', import.meta.url).href)};
      const core = createCore({ storeDir: ${JSON.stringify(store)}, host: 'cli', version: 't' });
      const u = await core.dispatch('session.unlock', { name: 'Youssef Idrissi', passphrase: 'citron bleu montagne 77 vent' });
      if (!u.ok || u.value.phase !== 'passphrase-change') { console.error(u); process.exit(1); }
      const r = await core.dispatch('session.changeInitialPassphrase', { next: 'figue rouge colline 19 pluie' });
      if (!r.ok || r.value.phase !== 'unlocked') { console.error(r); process.exit(1); }
      core.close();`],
    { encoding: 'utf8' },
  );
  assert.equal(change.status, 0, change.stderr);
  const picked = cli(['status', '--store', store, '--analyst', 'Youssef Idrissi', '--json'], { IBLAGH_PASSPHRASE: 'figue rouge colline 19 pluie' });
  assert.equal(picked.status, 0, picked.stderr);
});

test('a passphrase file that other users can read is refused (POSIX modes)', { skip: process.platform === 'win32' ? 'Windows has no mode bits: access is by ACL' : false }, (t) => {
  const dir = tempDir(t);
  const store = join(dir, 'store');
  const passFile = join(dir, 'pass.txt');
  writeFileSync(passFile, `${PASS}\n`, { mode: 0o600 });
  for (const mode of [0o644, 0o640, 0o604, 0o660]) {
    chmodSync(passFile, mode);
    const refused = cli(['init', '--store', store, '--analyst', 'Karima Benali', '--passphrase-file', passFile]);
    assert.equal(refused.status, 1, mode.toString(8));
    assert.match(refused.stderr, /can be read by other users \(mode 0\d{3}\).*chmod 600/);
    assert.ok(!existsSync(join(store, 'keyring.json')), 'nothing was created');
  }
  chmodSync(passFile, 0o400);
  assert.equal(cli(['init', '--store', store, '--analyst', 'Karima Benali', '--passphrase-file', passFile]).status, 0);
});

test('the store folder is made private again when found open, and its files owner-only', { skip: process.platform === 'win32' ? 'POSIX modes' : false }, (t) => {
  const dir = tempDir(t);
  const store = join(dir, 'store');
  // An existing, group-readable folder (made by hand or by an older version): setup makes it private.
  mkdirSync(store, { mode: 0o755 });
  chmodSync(store, 0o755);
  assert.equal(cli(['init', '--store', store, '--analyst', 'Karima Benali'], { IBLAGH_PASSPHRASE: PASS }).status, 0);
  assert.equal(statSync(store).mode & 0o777, 0o700);
  // Loosened afterwards (a copy, a careless chmod -R): the next unlock closes it again.
  chmodSync(store, 0o775);
  for (const name of readdirSync(store)) chmodSync(join(store, name), 0o644);
  assert.equal(cli(['status', '--store', store], { IBLAGH_PASSPHRASE: PASS }).status, 0);
  assert.equal(statSync(store).mode & 0o777, 0o700);
  const files = readdirSync(store, { withFileTypes: true }).filter((e) => e.isFile());
  assert.ok(files.length >= 2, files.map((f) => f.name).join());
  for (const file of files) assert.equal(statSync(join(store, file.name)).mode & 0o077, 0, file.name);
});

/** A store synced with a few reports of the reference service, one with an identified reporter. */
async function syncedStore(t: TestContext): Promise<{ store: string; identified: string; identity: Record<string, unknown> }> {
  const server = await startIntakeServer({ seed: 13, count: 150, attachments: 0 });
  t.after(() => server.close());
  const store = await initSyncedStore(tempDir(t), server);
  const list = await cliAsync(['reports', 'list', '--store', store, '--json']);
  const lines = list.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; reporter_mode: string });
  const identified = lines.find((l) => l.reporter_mode === 'identified');
  assert.ok(identified, 'the feed has an identified reporter');
  const row = server.store.db.prepare("SELECT payload FROM changes WHERE kind = 'report' AND payload LIKE ? ORDER BY seq DESC LIMIT 1").pluck().get(`%"id":"${identified.id}"%`) as string;
  return { store, identified: identified.id, identity: (JSON.parse(row) as { reporter: Record<string, unknown> }).reporter };
}

test('reports show hides the reporter like the window; --reveal-reporter needs a reason and is journaled', async (t) => {
  const { store, identified, identity } = await syncedStore(t);
  const secrets = ['full_name', 'national_id', 'email', 'phone'].map((k) => identity[k]).filter((v): v is string => typeof v === 'string' && v.length > 3);
  assert.ok(secrets.length >= 1, 'the reporter gave an identity');

  const shown = await cliAsync(['reports', 'show', identified, '--store', store, '--json']);
  assert.equal(shown.status, 0, shown.stderr);
  const view = JSON.parse(shown.stdout) as { id: string; reporter: unknown; revisions: unknown[]; statusHistory: unknown[] };
  assert.equal(view.id, identified);
  assert.equal((view.reporter as { mode: string }).mode, 'identified');
  assert.equal((view.reporter as { identified: boolean }).identified, true);
  for (const secret of secrets) assert.ok(!shown.stdout.includes(secret), `the identity stays hidden (${secret.length} chars)`);

  for (const args of [['--reveal-reporter'], ['--reveal-reporter', '--reason', 'ok'], ['--reason', 'réquisition n° 12/2026'], ['--reveal-reporter', '--reason', 'a b c d e', '--reason', 'twice']]) {
    const refused = await cliAsync(['reports', 'show', identified, '--store', store, '--json', ...args]);
    assert.equal(refused.status, 2, args.join(' '));
    assert.equal(refused.stdout, '');
    assert.match(refused.stderr, /--reason|--reveal-reporter/);
  }
  const reason = 'Réquisition du parquet n° 12/2026';
  const revealed = await cliAsync(['reports', 'show', identified, '--store', store, '--json', '--reveal-reporter', '--reason', reason]);
  assert.equal(revealed.status, 0, revealed.stderr);
  const withIdentity = JSON.parse(revealed.stdout) as { reporter_identity: { mode: string; fullName: string | null; nationalId: string | null; email: string | null; phone: string | null } };
  assert.equal(withIdentity.reporter_identity.mode, 'identified');
  assert.equal(withIdentity.reporter_identity.fullName, identity['full_name'] ?? null);
  assert.equal(withIdentity.reporter_identity.nationalId, identity['national_id'] ?? null);

  // Journaled like a reveal in the window, once (the refused attempts left nothing), with the reason.
  const core = createCore({ storeDir: store, host: 'cli', version: 'test' });
  t.after(() => core.close());
  await core.dispatch('session.unlock', { passphrase: PASS });
  const audit = (await core.dispatch('audit.list', { limit: 500 })) as { ok: true; value: { events: { action: string; detail: Record<string, unknown> }[] } };
  const reveals = audit.value.events.filter((e) => e.action === 'report.reporter_revealed');
  assert.equal(reveals.length, 1);
  assert.equal(reveals[0]!.detail['reportId'], identified);
  assert.equal(reveals[0]!.detail['reason'], reason);

  assert.equal((await cliAsync(['reports', 'show', 'IBL-2026-9999999', '--store', store, '--json', '--reveal-reporter', '--reason', reason])).status, 1);
});

test('reports list | head ends quietly: EPIPE on stdout is not a failure', async (t) => {
  const { store } = await syncedStore(t);
  for (const args of [['reports', 'list', '--store', store, '--json'], ['help']]) {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, IBLAGH_PASSPHRASE: PASS }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // The reader reads one chunk, like `head -c`, and goes away while the command is still writing.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
    assert.equal(signal, null, args[0]);
    assert.equal(code, 0, `${args[0]}: ${stderr}`);
    assert.equal(stderr, '', args[0]);
  }
});
