/**
 * Child of key-memory.test.ts: unlocks a store, hands its database key to the
 * parent (raw bytes straight to stdout, never a string), then locks when told;
 * the parent reads this process's memory between the steps.
 */
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { migrationSteps } from '../../src/main/core.ts';
import { TEST_SCRYPT } from '../../src/main/crypto/key-wrap.ts';
import { Session } from '../../src/main/session/session.ts';
import { SUPERVISOR } from '../helpers/store.ts';

const [storeDir] = process.argv.slice(2);
const session = new Session({ migrationSteps, storeDir: storeDir!, scrypt: TEST_SCRYPT });
await session.setup(SUPERVISOR);
session.lock('manual');
await session.unlock({ name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
// Some work on the open store, as an analyst session would do.
session.unlocked().db.prepare('SELECT count(*) FROM audit_events').get();
const copy = session.databaseKeyCopy();
writeSync(1, copy);
copy.fill(0);

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line === 'lock') {
    session.lock('manual');
    for (let i = 0; i < 5; i += 1) globalThis.gc?.();
    writeSync(1, 'L');
  } else if (line === 'exit') {
    break;
  }
}
lines.close();
