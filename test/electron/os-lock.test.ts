/**
 * The OS screen lock on Linux (src/main/shell/os-lock.ts), under plain Node:
 * the parsing of logind's signals as `gdbus monitor` prints them, the watcher
 * fed by a fake monitor process and a fake powerMonitor, and the shell's
 * lifecycle wired to the recording stand-in for 'electron' (fake-electron.ts).
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { registerHooks } from 'node:module';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { OS_LOCK_POLL_MS, parseLogindLine, sessionObjectPath, watchLinuxScreenLock, type MonitorProcess } from '../../src/main/shell/os-lock.ts';
import type * as FakeElectron from './fake-electron.ts';

const OURS = '/org/freedesktop/login1/session/_32';

test('logind session paths are encoded like sd_bus_path_encode', () => {
  assert.equal(sessionObjectPath('2'), OURS);
  assert.equal(sessionObjectPath('c1'), '/org/freedesktop/login1/session/c1');
  assert.equal(sessionObjectPath('12'), '/org/freedesktop/login1/session/_312');
  assert.equal(sessionObjectPath('a-b'), '/org/freedesktop/login1/session/a_2db');
});

test("gdbus monitor lines: Lock, Unlock and LockedHint of this session; nothing else", () => {
  const lock = `${OURS}: org.freedesktop.login1.Session.Lock ()`;
  assert.equal(parseLogindLine(lock, OURS), 'lock');
  assert.equal(parseLogindLine(`${lock}\r`, OURS), 'lock');
  assert.equal(parseLogindLine(`${OURS}: org.freedesktop.login1.Session.Unlock ()`, OURS), 'unlock');
  assert.equal(parseLogindLine(`${OURS}: org.freedesktop.DBus.Properties.PropertiesChanged ('org.freedesktop.login1.Session', {'LockedHint': <true>}, @as [])`, OURS), 'lock');
  assert.equal(parseLogindLine(`${OURS}: org.freedesktop.DBus.Properties.PropertiesChanged ('org.freedesktop.login1.Session', {'IdleHint': <false>, 'LockedHint': <false>}, @as [])`, OURS), 'unlock');
  // Another session's lock: not this desktop (unless the session is unknown).
  const other = '/org/freedesktop/login1/session/c7: org.freedesktop.login1.Session.Lock ()';
  assert.equal(parseLogindLine(other, OURS), null);
  assert.equal(parseLogindLine(other, null), 'lock');
  for (const line of [
    'Monitoring signals on object /org/freedesktop/login1 owned by org.freedesktop.login1',
    'The name org.freedesktop.login1 is owned by :1.3',
    `${OURS}: org.freedesktop.DBus.Properties.PropertiesChanged ('org.freedesktop.login1.Session', {'IdleHint': <true>}, @as [])`,
    `${OURS}: org.freedesktop.DBus.Properties.PropertiesChanged ('org.freedesktop.login1.User', {'LockedHint': <true>}, @as [])`,
    "/org/freedesktop/login1: org.freedesktop.login1.Manager.PrepareForSleep (true,)",
    "/org/freedesktop/login1: org.freedesktop.login1.Manager.SessionNew ('3', objectpath '/org/freedesktop/login1/session/_33')",
    `${OURS}: org.freedesktop.login1.Session.LockX ()`,
    `x${OURS}: org.freedesktop.login1.Session.Lock ()`,
    '',
    'garbage: Lock',
  ]) {
    assert.equal(parseLogindLine(line, OURS), null, line);
  }
});

class FakeMonitor extends EventEmitter implements MonitorProcess {
  readonly stdout = new PassThrough();
  killed = false;
  kill(): void {
    this.killed = true;
    this.stdout.end();
  }
  unref(): void {}
}

function idle(initial: 'active' | 'idle' | 'locked' | 'unknown' = 'active') {
  return {
    state: initial,
    asked: [] as number[],
    getSystemIdleState(threshold: number) {
      this.asked.push(threshold);
      return this.state;
    },
  };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

test('the logind watcher locks on this session Lock signal and stops with its monitor', async () => {
  const monitor = new FakeMonitor();
  const started: string[][] = [];
  let locks = 0;
  const stop = watchLinuxScreenLock({
    idleState: idle(),
    onLock: () => (locks += 1),
    sessionId: '2',
    spawn: (command, args) => {
      started.push([command, ...args]);
      return monitor;
    },
    log: () => {},
  });
  assert.deepEqual(started, [['gdbus', 'monitor', '--system', '--dest', 'org.freedesktop.login1']]);
  monitor.stdout.write('Monitoring signals on object /org/freedesktop/login1 owned by org.freedesktop.login1\n');
  monitor.stdout.write('/org/freedesktop/login1/session/c7: org.freedesktop.login1.Session.Lock ()\n');
  await tick();
  assert.equal(locks, 0);
  // Split across chunks, as a pipe may deliver it.
  monitor.stdout.write(`${OURS}: org.freedesktop.login1.Ses`);
  monitor.stdout.write('sion.Lock ()\n');
  await tick();
  assert.equal(locks, 1);
  monitor.stdout.write(`${OURS}: org.freedesktop.DBus.Properties.PropertiesChanged ('org.freedesktop.login1.Session', {'LockedHint': <true>}, @as [])\n`);
  await tick();
  assert.equal(locks, 2);
  stop();
  assert.equal(monitor.killed, true);
  stop();
});

test('the idle-state poll locks when the state turns locked, once per OS lock', (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const source = idle();
  const monitor = new FakeMonitor();
  const logs: string[] = [];
  let locks = 0;
  const stop = watchLinuxScreenLock({ idleState: source, onLock: () => (locks += 1), sessionId: null, spawn: () => monitor, log: (m) => logs.push(m) });
  // No gdbus, or no system bus: said once, and the polling goes on.
  monitor.emit('error', Object.assign(new Error('spawn gdbus ENOENT'), { code: 'ENOENT' }));
  assert.match(logs.join('\n'), /polling only/);
  t.mock.timers.tick(OS_LOCK_POLL_MS);
  assert.equal(locks, 0);
  assert.ok(source.asked.every((threshold) => Number.isInteger(threshold) && threshold > 0));
  source.state = 'locked';
  t.mock.timers.tick(OS_LOCK_POLL_MS);
  assert.equal(locks, 1);
  // Still locked: not again (the analyst may unlock the store while a stuck state says locked).
  t.mock.timers.tick(OS_LOCK_POLL_MS * 3);
  assert.equal(locks, 1);
  source.state = 'active';
  t.mock.timers.tick(OS_LOCK_POLL_MS);
  source.state = 'locked';
  t.mock.timers.tick(OS_LOCK_POLL_MS);
  assert.equal(locks, 2);
  stop();
  source.state = 'active';
  t.mock.timers.tick(OS_LOCK_POLL_MS);
  source.state = 'locked';
  t.mock.timers.tick(OS_LOCK_POLL_MS);
  assert.equal(locks, 2, 'nothing after stop');
});

test('the real gdbus, present or not, with or without a system bus, never throws', async () => {
  const logs: string[] = [];
  const stop = watchLinuxScreenLock({ idleState: idle(), onLock: () => assert.fail('no lock expected'), sessionId: 'h4-none', log: (m) => logs.push(m) });
  await new Promise((resolve) => setTimeout(resolve, 300));
  stop();
});

test('the shell locks the store with reason os-lock when the Linux screen locks', { skip: process.platform !== 'linux' ? 'Linux only' : false }, async (t) => {
  const fakeUrl = new URL('./fake-electron.ts', import.meta.url).href;
  registerHooks({
    resolve: (specifier, context, nextResolve) => (specifier === 'electron' ? { url: fakeUrl, shortCircuit: true } : nextResolve(specifier, context)),
  });
  const fake = (await import(fakeUrl)) as typeof FakeElectron;
  const { bindLifecycle } = await import('../../src/main/shell/lifecycle.ts');
  fake.fireReady();
  t.mock.timers.enable({ apis: ['setInterval'] });
  const reasons: string[] = [];
  const core = { lock: (reason: string) => reasons.push(reason), close: () => reasons.push('close') };
  bindLifecycle(core as unknown as Parameters<typeof bindLifecycle>[0]);
  t.mock.timers.tick(OS_LOCK_POLL_MS);
  assert.deepEqual(reasons, []);
  fake.powerMonitor.idleState = 'locked';
  t.mock.timers.tick(OS_LOCK_POLL_MS);
  assert.deepEqual(reasons, ['os-lock']);
  // Quitting stops the watchers.
  fake.app.emit('will-quit', { preventDefault() {} });
  fake.powerMonitor.idleState = 'active';
  t.mock.timers.tick(OS_LOCK_POLL_MS);
  fake.powerMonitor.idleState = 'locked';
  t.mock.timers.tick(OS_LOCK_POLL_MS);
  assert.deepEqual(reasons, ['os-lock', 'close']);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
});
