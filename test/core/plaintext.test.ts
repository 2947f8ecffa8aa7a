import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ANALYST, SUPERVISOR, setUpStore, tempDir, testCore, value, createProfile } from '../helpers/store.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('nothing written to the store appears in plaintext in any file of the data folder', async (t) => {
  const dir = tempDir(t);
  const core = testCore(t, dir);
  const marker = 'MARQUEUR-SENSIBLE-7f3a9c';
  await value(core, 'session.setup', { ...SUPERVISOR, service: `Service ${marker}` });
  await createProfile(core, { ...ANALYST, service: `Unité ${marker} مكتب` });
  await value(core, 'settings.update', { idleLockMinutes: 7 });
  // While unlocked (WAL not yet checkpointed) and after lock (checkpointed, closed).
  for (const phase of ['unlocked', 'locked']) {
    if (phase === 'locked') await value(core, 'session.lock');
    const files = filesUnder(dir);
    assert.ok(files.some((f) => f.endsWith('store.db')));
    if (phase === 'unlocked') assert.ok(files.some((f) => f.endsWith('store.db-wal')), 'the WAL is checked too');
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const needle of [marker, 'BNPJ Rabat', 'Cellule Iblagh', 'citron bleu', SUPERVISOR.passphrase]) {
        for (const encoding of ['utf8', 'utf16le'] as const) {
          assert.equal(bytes.includes(Buffer.from(needle, encoding)), false, `${needle} (${encoding}) found in ${file} while ${phase}`);
        }
      }
    }
  }
});

test('store files are readable by their owner only', async (t) => {
  const dir = tempDir(t);
  const core = testCore(t, dir);
  await setUpStore(core);
  for (const file of filesUnder(dir)) assert.equal(statSync(file).mode & 0o077, 0, `${file} is open to others`);
  assert.equal(statSync(dir).mode & 0o077, 0);
});
