import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LATEST_VERSION } from '../../src/main/store/migrations/index.ts';
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
  assert.match(wrong.stderr, /Wrong passphrase\. \(WRONG_PASSPHRASE\)/);
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
      const s = await core.dispatch('session.state');
      await core.dispatch('session.unlock', { profileId: s.value.profiles[0].id, passphrase: ${JSON.stringify(PASS)} });
      const r = await core.dispatch('profiles.create', { name: 'Youssef Idrissi', service: 'Cellule Iblagh', role: 'analyst', locale: 'ar', passphrase: 'citron bleu montagne 77 vent' });
      if (!r.ok) { console.error(r.error); process.exit(1); }
      core.close();`],
    { encoding: 'utf8' },
  );
  assert.equal(add.status, 0, add.stderr);
  const ambiguous = cli(['status', '--store', store], { IBLAGH_PASSPHRASE: PASS });
  assert.equal(ambiguous.status, 2);
  assert.match(ambiguous.stderr, /several profiles \(Karima Benali, Youssef Idrissi\)/);
  const picked = cli(['status', '--store', store, '--analyst', 'Youssef Idrissi', '--json'], { IBLAGH_PASSPHRASE: 'citron bleu montagne 77 vent' });
  assert.equal(picked.status, 0, picked.stderr);
});
