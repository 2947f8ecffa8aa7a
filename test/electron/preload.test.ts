/**
 * The built preload (out/preload/index.cjs) run in a bare VM context with a
 * recording stand-in for contextBridge and ipcRenderer: what it exposes, what
 * it sends, and what listeners receive.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import type { IblaghBridge } from '../../src/shared/contract.ts';

const PRELOAD = join(resolve(import.meta.dirname, '../..'), 'out/preload/index.cjs');
const skip = existsSync(PRELOAD) ? false : 'out/preload/index.cjs not built (npx electron-vite build)';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** Objects made inside the VM have the VM's prototypes: compare their plain copies. */
const plain = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

function loadPreload(invokeAnswer: (...args: unknown[]) => Promise<unknown>) {
  const exposed = new Map<string, unknown>();
  const invoked: unknown[][] = [];
  const listeners = new Map<string, IpcListener[]>();
  const electron = {
    contextBridge: {
      exposeInMainWorld(name: string, api: unknown) {
        exposed.set(name, api);
      },
    },
    ipcRenderer: {
      invoke(...args: unknown[]) {
        invoked.push(args);
        return invokeAnswer(...args);
      },
      on(channel: string, listener: IpcListener) {
        listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      },
    },
  };
  const required: string[] = [];
  const sandboxRequire = (name: string): unknown => {
    required.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return electron;
  };
  const errors: unknown[] = [];
  runInNewContext(readFileSync(PRELOAD, 'utf8'), {
    require: sandboxRequire,
    module: { exports: {} },
    exports: {},
    console: { error: (...args: unknown[]) => errors.push(args), log() {}, warn() {} },
  });
  const emit = (...args: unknown[]): void => {
    for (const listener of listeners.get('iblagh:event') ?? []) listener({ sender: 'IpcRendererEvent' }, ...args);
  };
  return { exposed, invoked, listeners, required, errors, emit };
}

test('the preload exposes only the bridge, as window.iblagh', { skip }, () => {
  const { exposed, required, listeners } = loadPreload(async () => null);
  assert.deepEqual([...exposed.keys()], ['iblagh']);
  const bridge = exposed.get('iblagh') as Record<string, unknown>;
  assert.deepEqual(Object.keys(bridge).sort(), ['host', 'invoke', 'on']);
  assert.equal(bridge.host, 'electron');
  assert.deepEqual([...new Set(required)], ['electron']);
  assert.equal(listeners.size, 0, 'no IPC listener until someone subscribes');
});

test('invoke: known channels go to the one IPC channel, unknown ones never leave', { skip }, async () => {
  const { exposed, invoked } = loadPreload(async () => ({ ok: true, value: { host: 'electron', version: '1' } }));
  const bridge = exposed.get('iblagh') as IblaghBridge;
  assert.deepEqual(plain(await bridge.invoke('app.info', undefined)), { ok: true, value: { host: 'electron', version: '1' } });
  assert.deepEqual(invoked, [['iblagh:invoke', 'app.info', undefined]]);

  for (const channel of ['no.such.channel', 'toString', '__proto__', 42, null]) {
    const result = await bridge.invoke(channel as never, {});
    assert.deepEqual(plain(result), { ok: false, error: { code: 'INVALID_INPUT', message: 'unknown channel' } }, String(channel));
  }
  assert.equal(invoked.length, 1);
});

test('invoke: a transport failure is answered as data, never thrown', { skip }, async () => {
  const { exposed } = loadPreload(async () => {
    throw new Error('An object could not be cloned.');
  });
  const bridge = exposed.get('iblagh') as IblaghBridge;
  assert.deepEqual(plain(await bridge.invoke('session.state', undefined)), {
    ok: false,
    error: { code: 'INTERNAL', message: 'IPC failure' },
  });
});

test('on: listeners get the payload only, for known events, until they unsubscribe', { skip }, () => {
  const { exposed, listeners, emit, errors } = loadPreload(async () => null);
  const bridge = exposed.get('iblagh') as IblaghBridge;
  const first: unknown[][] = [];
  const second: unknown[][] = [];
  const stopFirst = bridge.on('session.changed', (...args: unknown[]) => first.push(args));
  bridge.on('session.changed', (...args: unknown[]) => second.push(args));
  bridge.on('no.such.event' as never, () => assert.fail('unknown events are not subscribed'));
  assert.equal(listeners.get('iblagh:event')?.length, 1, 'one IPC listener, shared');

  emit('session.changed', { reason: 'idle' });
  emit('no.such.event', { leak: true });
  emit('__proto__', {});
  assert.deepEqual(first, [[{ reason: 'idle' }]]);
  assert.deepEqual(second, [[{ reason: 'idle' }]]);

  stopFirst();
  emit('session.changed', { reason: 'os-lock' });
  assert.equal(first.length, 1);
  assert.equal(second.length, 2);

  // A throwing listener is reported and does not starve the others.
  bridge.on('session.changed', () => {
    throw new Error('boom');
  });
  emit('session.changed', { reason: 'suspend' });
  assert.equal(second.length, 3);
  assert.equal(errors.length, 1);
});
