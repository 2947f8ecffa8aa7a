/**
 * A store found damaged at unlock is never deleted or overwritten: the unlock
 * answers STORE_CORRUPT, opens nothing, and every file of the store keeps its
 * bytes (the database, and no WAL or journal is left behind).
 */
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { createCore } from '../../src/main/core.ts';
import { TEST_SCRYPT } from '../../src/main/crypto/key-wrap.ts';
import { DATABASE_FILE } from '../../src/main/store/database.ts';
import { failure, SUPERVISOR, tempDir, value } from '../helpers/store.ts';
import { sha256Of } from './helpers.ts';

async function closedStore(storeDir: string): Promise<void> {
  const core = createCore({ storeDir, host: 'cli', version: 'test', scrypt: TEST_SCRYPT });
  try {
    await value(core, 'session.setup', SUPERVISOR);
    const { db } = core.unlockedStore();
    // Enough pages that a flipped byte lands in a table's page, not only in the header.
    const insert = db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 400; i++) insert.run(`test_padding_${i}`, 'x'.repeat(200), new Date().toISOString());
    })();
    await value(core, 'session.lock');
  } finally {
    core.close();
  }
}

function snapshot(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).filter((name) => statSync(join(dir, name)).isFile() && name !== 'keyring.json' && name !== 'keyring.lock').map((name) => [name, sha256Of(join(dir, name))]));
}

/**
 * Every file keeps its bytes. The read-only connection of the check may leave an empty WAL and the WAL's
 * shared-memory index (it may not remove them: another process could be opening the store); nothing else is added.
 */
function assertUnchanged(dir: string, before: Map<string, string>): void {
  const after = snapshot(dir);
  for (const [name, hash] of before) assert.equal(after.get(name), hash, `${name} keeps its bytes`);
  for (const name of after.keys()) {
    if (before.has(name)) continue;
    assert.ok(name === `${DATABASE_FILE}-shm` || (name === `${DATABASE_FILE}-wal` && statSync(join(dir, name)).size === 0), `${name} was added`);
  }
}

for (const where of ['a page in the middle', 'the first page']) {
  test(`bytes flipped in ${where} of store.db: STORE_CORRUPT, nothing opened, the file untouched`, async (t) => {
    const storeDir = tempDir(t);
    await closedStore(storeDir);
    const file = join(storeDir, DATABASE_FILE);
    const bytes = readFileSync(file);
    const at = where === 'the first page' ? 100 : Math.floor(bytes.length / 2) + 100;
    for (let i = 0; i < 16; i++) bytes[at + i] = (bytes[at + i] ?? 0) ^ 0xa5;
    writeFileSync(file, bytes);
    const before = snapshot(storeDir);

    const core = createCore({ storeDir, host: 'cli', version: 'test', scrypt: TEST_SCRYPT });
    t.after(() => core.close());
    const error = await failure(core, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
    assert.equal(error.code, 'STORE_CORRUPT', error.message);
    assert.equal((await value(core, 'session.state')).phase, 'locked', 'nothing was opened');
    assert.equal((await failure(core, 'store.status')).code, 'LOCKED');
    // A second attempt, then closing the core: still the same bytes, and no file added (no WAL, no journal).
    assert.equal((await failure(core, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase })).code, 'STORE_CORRUPT');
    core.close();
    assertUnchanged(storeDir, before);
  });
}

test('a damaged store with a WAL left by a crash: STORE_CORRUPT, and neither the file nor its WAL is written, merged or removed', async (t) => {
  const live = tempDir(t);
  const storeDir = tempDir(t);
  const core = createCore({ storeDir: live, host: 'cli', version: 'test', scrypt: TEST_SCRYPT });
  t.after(() => core.close());
  await value(core, 'session.setup', SUPERVISOR);
  const { db } = core.unlockedStore();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const insert = db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < 300; i++) insert.run(`test_padding_${i}`, 'x'.repeat(200), new Date().toISOString());
  })();
  // The files as a crash leaves them: committed pages still in the WAL.
  for (const name of readdirSync(live)) copyFileSync(join(live, name), join(storeDir, name));
  assert.ok(readdirSync(storeDir).includes(`${DATABASE_FILE}-wal`));
  const file = join(storeDir, DATABASE_FILE);
  const bytes = readFileSync(file);
  for (let i = 0; i < 16; i++) bytes[bytes.length - 3000 + i] = (bytes[bytes.length - 3000 + i] ?? 0) ^ 0xa5;
  writeFileSync(file, bytes);
  const before = snapshot(storeDir);

  const damaged = createCore({ storeDir, host: 'cli', version: 'test', scrypt: TEST_SCRYPT });
  t.after(() => damaged.close());
  const error = await failure(damaged, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
  assert.equal(error.code, 'STORE_CORRUPT', error.message);
  damaged.close();
  const after = snapshot(storeDir);
  assert.equal(after.get(DATABASE_FILE), before.get(DATABASE_FILE), 'store.db keeps its bytes');
  assert.equal(after.get(`${DATABASE_FILE}-wal`), before.get(`${DATABASE_FILE}-wal`), 'the WAL is kept as it was');
});
