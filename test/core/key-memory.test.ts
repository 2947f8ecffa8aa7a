/**
 * Key material is wiped on lock: the whole memory of a process that unlocked
 * a store and locked it again is read (/proc/PID/mem, Linux) and holds no copy
 * of the database key: neither its raw bytes nor its hex (as the keying pragma
 * x'…' once made it). While unlocked the same scan finds it, so the scan works.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { once } from 'node:events';
import { test } from 'node:test';
import { tempDir } from '../helpers/store.ts';

const CHILD = new URL('./key-memory-child.ts', import.meta.url).pathname;

/** Where in the process's writable memory each pattern occurs. */
function scan(pid: number, patterns: Buffer[]): number[] {
  const found = patterns.map(() => 0);
  const maps = readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n');
  const mem = openSync(`/proc/${pid}/mem`, 'r');
  const chunk = Buffer.alloc(1 << 20);
  const overlap = 128;
  try {
    for (const line of maps) {
      const match = /^([0-9a-f]+)-([0-9a-f]+) (r.-.)/.exec(line);
      if (!match || line.includes('[vvar]') || line.includes('[vsyscall]')) continue;
      const start = Number.parseInt(match[1]!, 16);
      const end = Number.parseInt(match[2]!, 16);
      for (let at = start; at < end; at += chunk.length - overlap) {
        let read: number;
        try {
          read = readSync(mem, chunk, 0, Math.min(chunk.length, end - at), at);
        } catch {
          break;
        }
        const view = chunk.subarray(0, read);
        patterns.forEach((pattern, index) => {
          for (let from = view.indexOf(pattern); from !== -1; from = view.indexOf(pattern, from + 1)) {
            // A match inside the overlap is counted by the next chunk.
            if (from + pattern.length <= read - overlap || at + read >= end) found[index]! += 1;
          }
        });
        if (read < Math.min(chunk.length, end - at)) break;
      }
    }
  } finally {
    closeSync(mem);
  }
  return found;
}

test('no copy of the database key survives a lock in the process memory', { skip: process.platform !== 'linux' ? '/proc/PID/mem is Linux' : false, timeout: 120_000 }, async (t) => {
  const store = tempDir(t);
  const child = spawn(process.execPath, ['--expose-gc', CHILD, store], { stdio: ['pipe', 'pipe', 'inherit'] });
  t.after(() => child.kill());
  const received: Buffer[] = [];
  const waitFor = async (length: number): Promise<Buffer> => {
    while (Buffer.concat(received).length < length) await once(child.stdout, 'data').then(([data]) => received.push(data as Buffer));
    return Buffer.concat(received);
  };
  const key = Buffer.from((await waitFor(32)).subarray(0, 32));
  assert.equal(key.length, 32);
  const hex = Buffer.from(key.toString('hex'), 'latin1');
  const patterns = [key, hex, Buffer.from(key.toString('hex').toUpperCase(), 'latin1'), Buffer.from(key.toString('base64'), 'latin1')];

  const unlocked = scan(child.pid!, patterns);
  assert.ok(unlocked[0]! > 0, 'while unlocked, the scan finds the raw key (the scan works)');

  child.stdin.write('lock\n');
  await waitFor(33);
  assert.deepEqual(scan(child.pid!, patterns), [0, 0, 0, 0], 'raw, hex, HEX, base64 copies after lock');
  child.stdin.write('exit\n');
  await once(child, 'exit');
});
