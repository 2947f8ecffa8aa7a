/**
 * Unlock throttling holds across processes: six `iblagh-ws status` runs
 * started together with a wrong passphrase get three guesses between them
 * (FREE_ATTEMPTS), the others are refused before any derivation, and the
 * failure counter loses no update (the keyring lock, store/keyring.ts).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { migrationSteps } from '../../src/main/core.ts';
import { Session } from '../../src/main/session/session.ts';
import { FREE_ATTEMPTS, readKeyringFile, type Keyring } from '../../src/main/store/keyring.ts';
import { SUPERVISOR, tempDir } from '../helpers/store.ts';

const BIN = new URL('../../bin/iblagh-ws.js', import.meta.url).pathname;

function status(store: string, passphrase: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'status', '--store', store, '--analyst', SUPERVISOR.name], { env: { ...process.env, IBLAGH_PASSPHRASE: passphrase } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

test('six parallel CLI runs with a wrong passphrase: three derivations, six counted', async (t) => {
  const store = tempDir(t);
  // A derivation of 32 MiB (a few hundred milliseconds here): long enough for the runs to overlap.
  const session = new Session({ migrationSteps, storeDir: store, scrypt: { N: 2 ** 15, r: 8, p: 1 } });
  await session.setup(SUPERVISOR);
  session.close();

  const runs = await Promise.all(Array.from({ length: 6 }, () => status(store, 'pas du tout la bonne phrase')));
  const codes = runs.map((run) => /\((WRONG_PASSPHRASE|THROTTLED)\)/.exec(run.stderr)?.[1] ?? run.stderr);
  assert.deepEqual(runs.map((run) => run.code), [1, 1, 1, 1, 1, 1]);
  assert.equal(codes.filter((code) => code === 'WRONG_PASSPHRASE').length, FREE_ATTEMPTS, codes.join('\n'));
  assert.equal(codes.filter((code) => code === 'THROTTLED').length, 6 - FREE_ATTEMPTS, codes.join('\n'));
  const keyring = readKeyringFile(store) as Keyring;
  assert.equal(keyring.entries[0]?.failures, 6);
});
