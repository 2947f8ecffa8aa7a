/** A workstation process that syncs until caught up; the crash test kills it at random moments. */
import { createCore } from '../../src/main/core.ts';
import { TEST_SCRYPT } from '../../src/main/crypto/key-wrap.ts';
import { SUPERVISOR } from '../helpers/store.ts';

const [storeDir] = process.argv.slice(2);
const core = createCore({ storeDir: storeDir!, host: 'cli', version: 'crash-test', scrypt: TEST_SCRYPT, syncEngine: { pageLimit: 50, retry: { maxAttempts: 5, baseDelayMs: 5, maxDelayMs: 20 } } });
const state = await core.dispatch('session.state', undefined);
if (!state.ok || (state.value as { phase: string }).phase !== 'locked') throw new Error('expected a locked store');
const unlocked = await core.dispatch('session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
if (!unlocked.ok) throw new Error(unlocked.error.message);
const started = await core.dispatch('sync.start', undefined);
if (!started.ok) throw new Error(started.error.message);
await core.syncIdle();
const status = await core.dispatch('sync.status', undefined);
process.stdout.write(`${JSON.stringify(status)}\n`);
core.close();
