/**
 * A demo session that dies (SIGKILL, crash, power cut) must not leave the demo
 * service's plaintext database in the temporary folder: the service keeps it
 * in memory, and what an earlier version left there (iblagh-demo-intake-*)
 * is removed at the next start, and only that.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { removeDemoLeftovers } from '../../src/main/sync/demo-intake.ts';
import { tempDir } from '../helpers/store.ts';

const DEMO = new URL('../../src/main/sync/demo-intake.ts', import.meta.url).href;

/** What an earlier version left: its folder and the service's database files. */
function plantLegacy(tmp: string, suffix: string): string {
  const dir = join(tmp, `iblagh-demo-intake-${suffix}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'intake.db'), 'SQLite format 3\u0000 {"reporter":{"full_name":"Canary Reporter"}}');
  writeFileSync(join(dir, 'intake.db-wal'), '');
  return dir;
}

test('a demo killed mid-session leaves nothing in the temporary folder; earlier leftovers go at the next start, only ours', { timeout: 120_000 }, async (t) => {
  const tmp = tempDir(t, 'iblagh-demo-tmp-');
  plantLegacy(tmp, 'AbC123');
  // Not ours, or not certainly: kept.
  const withOther = plantLegacy(tmp, 'XyZ789');
  writeFileSync(join(withOther, 'notes.txt'), 'someone else put this here');
  mkdirSync(join(tmp, 'iblagh-demo-intake-old-copy'));
  writeFileSync(join(tmp, 'iblagh-demo-intake-old-copy', 'intake.db'), 'x');
  mkdirSync(join(tmp, 'elsewhere'));
  writeFileSync(join(tmp, 'elsewhere', 'intake.db'), 'x');
  symlinkSync(join(tmp, 'elsewhere'), join(tmp, 'iblagh-demo-intake-Lnk456'));
  const before = new Set(readdirSync(tmp));

  // A workstation starts (its core makes a DemoIntake), runs the demo, and is killed while it runs.
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', `
      const { DemoIntake } = await import(${JSON.stringify(DEMO)});
      const demo = new DemoIntake();
      const running = await demo.start(new Date().toISOString());
      const answer = await fetch(running.url + '/changes?after=0&limit=1', { headers: { Authorization: 'Bearer ' + running.token } });
      process.stdout.write('running ' + answer.status + '\\n');
      setInterval(() => {}, 1000);`],
    { env: { ...process.env, TMPDIR: tmp, TEMP: tmp, TMP: tmp }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  t.after(() => child.kill('SIGKILL'));
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  while (!out.includes('\n')) await once(child.stdout, 'data');
  assert.equal(out.trim(), 'running 200');

  const during = readdirSync(tmp);
  assert.ok(!during.includes('iblagh-demo-intake-AbC123'), 'the earlier leftover went at start');
  for (const kept of ['iblagh-demo-intake-XyZ789', 'iblagh-demo-intake-old-copy', 'iblagh-demo-intake-Lnk456', 'elsewhere']) assert.ok(during.includes(kept), kept);
  assert.deepEqual(during.filter((name) => !before.has(name)), [], 'the running demo wrote nothing to the temporary folder');

  child.kill('SIGKILL');
  await once(child, 'exit');
  assert.deepEqual(readdirSync(tmp).filter((name) => !before.has(name)), [], 'nothing left behind by the killed demo');
  assert.deepEqual(readdirSync(withOther).sort(), ['intake.db', 'intake.db-wal', 'notes.txt']);

  // And the next start removes another leftover of the kind, still only that.
  const again = plantLegacy(tmp, 'Qwe987');
  assert.deepEqual(removeDemoLeftovers(tmp), [again]);
  assert.deepEqual(readdirSync(tmp).sort(), [...before].filter((name) => name !== 'iblagh-demo-intake-AbC123').sort());
});
