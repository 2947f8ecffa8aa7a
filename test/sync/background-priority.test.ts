/** The sync's verifier runs below the thread that answers the renderer; the sync worker, which holds the write lock, does not (sync/background-priority.ts). */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { test } from 'node:test';
import { value } from '../helpers/store.ts';
import { BACKGROUND_PRIORITY, runInBackground } from '../../src/main/sync/background-priority.ts';
import { fixture } from './fixture.ts';

const linux = process.platform === 'linux';

/** Each thread of this process with the given name, and its nice value (field 19 of its stat line). */
function niceOf(name: string): number[] {
  const found: number[] = [];
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      if (readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim() !== name) continue;
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      found.push(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return found;
}

test('the main thread is never lowered', () => {
  const before = getPriority();
  assert.equal(runInBackground(), false);
  assert.equal(getPriority(), before);
});

test('during a sync, the signature verifier runs at the lowest priority; the sync worker and the main thread do not', { skip: linux ? false : 'per-thread priority exists on Linux only' }, async (t) => {
  const mainBefore = niceOf('MainThread');
  const f = await fixture(t, { count: 600, attachments: 0 });
  const seen = new Map<string, number>();
  const look = (): void => {
    for (const name of ['iblagh-sync', 'iblagh-verify']) for (const nice of niceOf(name)) seen.set(name, Math.max(seen.get(name) ?? -20, nice));
  };
  const watching = setInterval(look, 1);
  await value(f.core, 'sync.start');
  await f.core.syncIdle();
  clearInterval(watching);
  assert.equal((await value(f.core, 'sync.status')).lastError, null);
  assert.equal(seen.get('iblagh-sync'), niceOf('MainThread')[0], 'the sync worker (it holds the write lock) keeps the priority of the main thread');
  assert.equal(seen.get('iblagh-verify'), BACKGROUND_PRIORITY, 'the verifier was seen at the lowest priority');
  assert.deepEqual(niceOf('MainThread'), mainBefore, "the main thread's priority is unchanged");
});
