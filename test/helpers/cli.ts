/** Runs `iblagh-ws` in a child process, as a user would. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../src/main/core.ts';
import { TEST_SCRYPT } from '../../src/main/crypto/key-wrap.ts';
import { makeFolders } from '../../src/main/store/folder.ts';
import { value } from './store.ts';

const BIN = new URL('../../bin/iblagh-ws.js', import.meta.url).pathname;
/** The passphrase the CLI tests' stores are made with (given through IBLAGH_PASSPHRASE). */
export const CLI_PASSPHRASE = 'orange tapis falaise 42 nuage';

/** Asynchronous, so that an intake service in the test's process keeps answering. */
export function cliAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, IBLAGH_PASSPHRASE: CLI_PASSPHRASE } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * The store `iblagh-ws init --store STORE --analyst NAME [--service S]` makes, made in this process with the
 * tests' cheap key derivation (TEST_SCRYPT): each later command unlocks it in milliseconds, where the product's
 * derivation costs about a second on purpose (a second per command, hundreds of commands in the suite). `init`
 * itself is tested as a command in test/core/cli.test.ts.
 */
export async function initStore(store: string, options: { analyst?: string; service?: string } = {}): Promise<void> {
  makeFolders(store);
  const core = createCore({ storeDir: store, host: 'cli', version: 'test', scrypt: TEST_SCRYPT });
  try {
    await value(core, 'session.setup', { name: options.analyst ?? 'Karima Benali', service: options.service ?? 'Iblagh', passphrase: CLI_PASSPHRASE, locale: 'fr' });
    await value(core, 'session.lock');
  } finally {
    core.close();
  }
}

/**
 * What a user does first: a store in `dir/store` (as `iblagh-ws init` makes it: initStore), then `iblagh-ws sync`
 * from `server` with the token and key written beside it (`dir/token.txt`, `dir/key.pem`). Returns the store's folder.
 */
export async function initSyncedStore(dir: string, server: { url: string; token: string; publicKeyPem: string }): Promise<string> {
  const store = join(dir, 'store');
  writeFileSync(join(dir, 'token.txt'), `${server.token}\n`);
  writeFileSync(join(dir, 'key.pem'), server.publicKeyPem);
  await initStore(store);
  const sync = await cliAsync(['sync', '--store', store, '--intake', server.url, '--token-file', join(dir, 'token.txt'), '--intake-key', join(dir, 'key.pem'), '--workstation-id', 'ws-rabat-03']);
  assert.equal(sync.status, 0, sync.stderr);
  return store;
}
