/**
 * A store found damaged at unlock is never deleted or overwritten: the unlock
 * answers STORE_CORRUPT, opens nothing, and every file of the store keeps its
 * bytes (the database, and no WAL or journal is left behind).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
    assert.deepEqual(snapshot(storeDir), before);
  });
}
