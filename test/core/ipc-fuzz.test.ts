/**
 * IPC fuzzing: every channel of the contract called through the core's
 * dispatch, as the renderer would, with random, oversized (5 MB strings),
 * deeply nested (depth 10,000) and prototype-polluting inputs, while locked,
 * as an analyst and as a supervisor. Whatever comes in: no INTERNAL error, no
 * crash, no change to the store (a digest of every table but the audit
 * journal, which may only gain failures, and the store folder's file list),
 * and Object.prototype and Array.prototype untouched. Seeded, so a failure
 * comes back the same; the seed can be changed with IBLAGH_FUZZ_SEED.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { channelNames, channels, type ChannelName } from '../../src/shared/contract.ts';
import type { Core } from '../../src/main/core.ts';
import { ANALYST, SUPERVISOR, createProfile, setUpStore, testCore, unlockAs, value } from '../helpers/store.ts';
import { fixture } from '../sync/fixture.ts';

const SEED = Number(process.env['IBLAGH_FUZZ_SEED'] ?? 20261206);
/** Random inputs per channel and role, on top of the fixed hostile ones. */
const RANDOM_CASES = 12;

/** mulberry32: small, seeded, good enough to pick inputs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Nested `depth` levels deep without recursion (arrays, objects, or both). */
function nested(depth: number, kind: 'array' | 'object' | 'mixed'): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) {
    const asArray = kind === 'array' || (kind === 'mixed' && i % 2 === 0);
    value = asArray ? [value] : { a: value, filters: value, table: value };
  }
  return value;
}

const BIG = 'x'.repeat(5 * 1024 * 1024);
const BIG_ARABIC = 'ب'.repeat(2.5 * 1024 * 1024);

/** Inputs every channel gets, in every role. */
function hostileInputs(): { name: string; input: unknown }[] {
  const withProto = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}') as unknown;
  const deepProto = JSON.parse('{"filters": {"__proto__": {"polluted": "yes"}}, "state": {"constructor": {"prototype": {"polluted": "yes"}}}, "table": {"__proto__": {"polluted": "yes"}}}') as unknown;
  const nullProto = Object.assign(Object.create(null) as object, { id: 1, reportId: 'IBL-2026-0000001' });
  return [
    { name: 'null', input: null },
    { name: '5 MB string', input: BIG },
    { name: '5 MB of Arabic', input: BIG_ARABIC },
    { name: 'object of 5 MB strings', input: { id: BIG, reportId: BIG, name: BIG, passphrase: BIG, url: BIG, text: BIG, title: BIG, search: BIG } },
    { name: 'array of 200,000 items', input: Array.from({ length: 200_000 }, (_, i) => i) },
    { name: 'arrays 10,000 deep', input: nested(10_000, 'array') },
    { name: 'objects 10,000 deep', input: nested(10_000, 'object') },
    { name: 'mixed 10,000 deep', input: nested(10_000, 'mixed') },
    { name: '__proto__ and constructor.prototype', input: withProto },
    { name: '__proto__ inside known fields', input: deepProto },
    { name: 'null-prototype object', input: nullProto },
    { name: 'Map, Set, Date, typed array', input: { map: new Map([['__proto__', 1]]), set: new Set([1]), date: new Date(Number.NaN), bytes: new Uint8Array(8) } },
    { name: 'numbers at the edges', input: [Number.NaN, Infinity, -Infinity, -0, 2 ** 53 + 1, -1, 1e308] },
    { name: 'bigint', input: { id: 10n, limit: 10n, days: 10n } },
  ];
}

/** Names the contract's inputs use, so that random objects reach past "unrecognized key". */
function fieldNames(): string[] {
  const names = new Set<string>(['__proto__', 'constructor', 'prototype', 'toString']);
  const visit = (schema: unknown, depth: number): void => {
    if (depth > 4 || schema === null || typeof schema !== 'object') return;
    const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    const shape = def['shape'] as Record<string, unknown> | undefined;
    if (shape) for (const [key, child] of Object.entries(shape)) {
      names.add(key);
      visit(child, depth + 1);
    }
    for (const inner of ['innerType', 'element', 'in', 'out', 'valueType']) visit(def[inner], depth + 1);
    for (const option of (def['options'] as unknown[] | undefined) ?? []) visit(option, depth + 1);
  };
  for (const name of channelNames) visit(channels[name].input, 0);
  return [...names];
}

function randomValue(rand: () => number, keys: string[], strings: string[], depth = 0): unknown {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const kind = Math.floor(rand() * (depth > 3 ? 6 : 9));
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rand() < 0.5;
    case 2:
      return pick([0, 1, -1, 0.5, 42, 2 ** 31, -(2 ** 31), Number.MAX_SAFE_INTEGER, Number.NaN, 1e21]);
    case 3:
    case 4:
      return pick(strings);
    case 5:
      return String.fromCodePoint(...Array.from({ length: 1 + Math.floor(rand() * 40) }, () => Math.floor(rand() * 0x2ffff)));
    case 6:
    case 7: {
      const object: Record<string, unknown> = {};
      const count = Math.floor(rand() * 5);
      for (let i = 0; i < count; i++) Object.defineProperty(object, pick(keys), { value: randomValue(rand, keys, strings, depth + 1), enumerable: true, configurable: true, writable: true });
      return object;
    }
    default:
      return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, keys, strings, depth + 1));
  }
}

/** A digest of each table but the audit journal's, and the journal's last entry. */
function storeState(core: Core): { digest: string; lastAudit: number } {
  const { db } = core.unlockedStore();
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const digests: string[] = [];
  for (const table of tables) {
    // The audit journal gains failures (checked apart), and its anchoring at intake (audit_anchor_*)
    // follows the journal: a lock queues the chain's head.
    if (/^audit_/.test(table)) continue;
    const hash = createHash('sha256');
    for (const row of db.prepare(`SELECT * FROM "${table.replaceAll('"', '""')}"`).raw().iterate() as Iterable<unknown[]>) {
      hash.update(JSON.stringify(row, (_key, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? v.toString() : v)));
    }
    digests.push(`${table}:${hash.digest('hex').slice(0, 16)}`);
  }
  return { digest: digests.join('\n'), lastAudit: db.prepare('SELECT coalesce(max(id), 0) FROM audit_events').pluck().get() as number };
}

function prototypes(): string {
  return JSON.stringify([Object.getOwnPropertyNames(Object.prototype).sort(), Object.getOwnPropertyNames(Array.prototype).sort(), Object.getOwnPropertyNames(Function.prototype).sort()]);
}

test('every channel, every role: hostile inputs give no INTERNAL, no crash, no state change, no pollution', { timeout: 180_000 }, async (t) => {
  const started = Date.now();
  const f = await fixture(t, { seed: 5, count: 30, attachments: 2 });
  const core = f.core;
  await f.sync();
  await createProfile(core, ANALYST);
  const reportIds = core.unlockedStore().db.prepare('SELECT id FROM reports LIMIT 5').pluck().all() as string[];
  const strings = ['', ' ', 'a', 'IBL-2026-0000001', ...reportIds, 'DOS-2026-WSRABAT03-00001', 'EV-2026-WSRABAT03-000001', '../../../etc/passwd', 'C:\\Windows\\win.ini', '\u202e\u0000\u200b', '<script>alert(1)</script>', 'https://127.0.0.1:9/', 'javascript:alert(1)', '__proto__', 'constructor', 'toString', 'priority', 'desc', 'received', 'supervisor', 'FR', 'arabic', 'x'.repeat(10_001), '1'.repeat(400), '2026-13-45T99:99:99Z'];
  const keys = fieldNames();
  const rand = prng(SEED);
  const baseline = prototypes();
  const internal: string[] = [];
  const accepted: string[] = [];
  const failures: string[] = [];
  let calls = 0;

  const roles = [
    { role: 'locked', enter: () => value(core, 'session.lock') },
    { role: 'analyst', enter: () => unlockAs(core, ANALYST) },
    { role: 'supervisor', enter: () => unlockAs(core, SUPERVISOR) },
  ] as const;
  const isUnlocked = async (): Promise<boolean> => (await value(core, 'session.state')).phase === 'unlocked';
  for (const { role, enter } of roles) {
    if (await isUnlocked()) await value(core, 'session.lock');
    await enter();
    // The state is read unlocked; while locked, as the supervisor just before and after.
    const read = async (): Promise<{ digest: string; lastAudit: number }> => {
      if (role !== 'locked') return storeState(core);
      await unlockAs(core, SUPERVISOR);
      const state = storeState(core);
      await value(core, 'session.lock');
      return state;
    };
    const filesBefore = readdirSync(f.storeDir).sort().join();
    const before = await read();
    const unlocked = role !== 'locked';
    const lastAudit = (): number => (unlocked ? (core.unlockedStore().db.prepare('SELECT coalesce(max(id), 0) FROM audit_events').pluck().get() as number) : 0);
    /** Journal entries written by random calls that happened to be valid, which may record what they did. */
    const exempt: [number, number][] = [];
    let current = before.digest;
    const call = async (channel: ChannelName, name: string, input: unknown): Promise<boolean> => {
      calls += 1;
      let result;
      try {
        result = await core.dispatch(channel, input);
      } catch (error) {
        failures.push(`${role} ${channel} ${name}: dispatch threw ${(error as Error).message}`);
        return false;
      }
      if (!result.ok && result.error.code === 'INTERNAL') internal.push(`${role} ${channel} ${name}`);
      if (result.ok) accepted.push(`${role} ${channel} ${name}`);
      if (!result.ok && role === 'locked' && channels[channel].access !== 'locked') assert.equal(result.error.code, 'LOCKED', `${channel} ${name}`);
      if (!result.ok && role === 'analyst' && channels[channel].access === 'supervisor') assert.equal(result.error.code, 'FORBIDDEN', `${channel} ${name}`);
      if (prototypes() !== baseline || ({} as Record<string, unknown>)['polluted'] !== undefined || ([] as unknown as Record<string, unknown>)['polluted'] !== undefined) {
        failures.push(`${role} ${channel} ${name}: a prototype changed`);
      }
      return result.ok;
    };
    for (const channel of channelNames as ChannelName[]) {
      // The fixed hostile inputs: nothing they do may change the store.
      for (const { name, input } of hostileInputs()) await call(channel, name, input);
      if (unlocked) {
        const after = storeState(core).digest;
        if (after !== current) failures.push(`${role} ${channel}: the store changed under hostile inputs`);
        current = after;
      }
      // Random inputs: one may happen to be a valid call (an existing key with a fitting value), which may
      // change what it is meant to change; otherwise, nothing may change either.
      const mark = lastAudit();
      let anyAccepted = false;
      for (let k = 0; k < RANDOM_CASES; k++) anyAccepted = (await call(channel, `random #${k}`, randomValue(rand, keys, strings))) || anyAccepted;
      if (unlocked) {
        const after = storeState(core).digest;
        if (after !== current && !anyAccepted) failures.push(`${role} ${channel}: the store changed under random invalid inputs`);
        if (anyAccepted) exempt.push([mark, lastAudit()]);
        current = after;
      }
    }
    const after = await read();
    assert.equal(readdirSync(f.storeDir).sort().join(), filesBefore, `${role}: the store folder's files`);
    if (!unlocked) assert.equal(after.digest, before.digest, `${role}: the store changed`);
    // The journal may only have gained failures (and, while locked, the reads of this test's own unlocks).
    if (!(await isUnlocked())) await unlockAs(core, SUPERVISOR);
    const added = core.unlockedStore().db.prepare('SELECT id, action FROM audit_events WHERE id > ? ORDER BY id').all(before.lastAudit) as { id: number; action: string }[];
    const unexpected = added
      .filter(({ id }) => !exempt.some(([from, to]) => id > from && id <= to))
      .map(({ action }) => action)
      .filter((action) => !/fail|refus|denied|session\.(un)?locked/.test(action));
    assert.deepEqual(unexpected, [], `${role}: audit events other than failures`);
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(internal, [], `INTERNAL errors:\n${internal.join('\n')}`);
  // A few hostile inputs are valid calls (unknown keys are stripped: `{"__proto__": …}` to settings.update is
  // an empty update): allowed, as long as they changed nothing (checked above).
  t.diagnostic(`${calls} calls over ${channelNames.length} channels × 3 roles in ${Date.now() - started} ms (seed ${SEED}); accepted: ${accepted.join('; ') || 'none'}`);
});

test('a fresh workstation (setup phase) takes the same inputs without INTERNAL', async (t) => {
  const core = testCore(t);
  const internal: string[] = [];
  for (const channel of channelNames) {
    for (const { name, input } of hostileInputs()) {
      const result = await core.dispatch(channel, input);
      if (!result.ok && result.error.code === 'INTERNAL') internal.push(`${channel} ${name}`);
      assert.ok(!result.ok, `${channel} ${name} accepted before setup`);
    }
  }
  assert.deepEqual(internal, []);
  // And setup still works afterwards.
  await setUpStore(core);
});

/**
 * Channels left out of the shaped pass below: they reach the network or a
 * browser, read or write files at paths the input names, change who is
 * unlocked, or purge the store under the fuzzing. The hostile pass above
 * covers them.
 */
const SHAPED_SKIP = new Set<string>([
  'session.setup', 'session.unlock', 'session.changeInitialPassphrase', 'session.lock',
  'profiles.create', 'profiles.disable', 'profiles.enable', 'profiles.changePassphrase',
  'intake.update', 'intake.check', 'intake.test', 'intake.startDemo', 'sync.start',
  'diagnostics.online', 'diagnostics.onlineSettings', 'diagnostics.screenshotPreview',
  'dossiers.preview', 'dossiers.export', 'evidence.import', 'evidence.export', 'audit.export',
  'hashlists.import', 'signing.importPkcs12', 'audit.updateAnchorSettings', 'retention.apply',
]);

/** An input of the channel's own shape whose leaves are picked among hostile and plausible values. */
function shaped(schema: unknown, rand: () => number, strings: string[], keys: string[], depth = 0): unknown {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const def = (schema as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
  if (!def || depth > 12) return randomValue(rand, keys, strings, 4);
  const inner = (name: string) => shaped(def[name], rand, strings, keys, depth + 1);
  switch (def['type']) {
    case 'object': {
      const object: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(def['shape'] as Record<string, unknown>)) {
        if (rand() < 0.15) continue;
        Object.defineProperty(object, key, { value: shaped(child, rand, strings, keys, depth + 1), enumerable: true, configurable: true, writable: true });
      }
      if (rand() < 0.1) Object.defineProperty(object, pick(['__proto__', 'constructor']), { value: { polluted: 'yes' }, enumerable: true, configurable: true, writable: true });
      return object;
    }
    case 'string':
      return rand() < 0.9 ? pick(strings) : 'z'.repeat(Math.floor(rand() * 70_000));
    case 'number':
      return pick([0, 1, 2, 7, 30, 100, 500, -1, 0.5, 1e9, Number.MAX_SAFE_INTEGER]);
    case 'boolean':
      return rand() < 0.5;
    case 'enum':
      return pick(Object.values(def['entries'] as Record<string, unknown>));
    case 'literal':
      return pick(def['values'] as unknown[]);
    case 'array':
      return Array.from({ length: Math.floor(rand() * 4) }, () => inner('element'));
    case 'optional':
      return rand() < 0.25 ? undefined : inner('innerType');
    case 'nullable':
      return rand() < 0.2 ? null : inner('innerType');
    case 'default':
      return rand() < 0.2 ? undefined : inner('innerType');
    case 'union':
      return shaped(pick(def['options'] as unknown[]), rand, strings, keys, depth + 1);
    case 'record': {
      const record: Record<string, unknown> = {};
      const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', pick(strings).slice(0, 40)];
      for (const name of names) if (rand() < 0.6) Object.defineProperty(record, name, { value: inner('valueType'), enumerable: true, configurable: true, writable: true });
      return record;
    }
    case 'undefined':
      return undefined;
    default:
      return randomValue(rand, keys, strings, 2);
  }
}

test('inputs of each channel own shape, with hostile values, reach the handlers without INTERNAL or pollution', { timeout: 180_000 }, async (t) => {
  const started = Date.now();
  const f = await fixture(t, { seed: 6, count: 30, attachments: 2 });
  const core = f.core;
  await f.sync();
  await createProfile(core, ANALYST);
  const { db } = core.unlockedStore();
  const reportIds = db.prepare('SELECT id FROM reports LIMIT 8').pluck().all() as string[];
  const made = await value(core, 'cases.create', { title: 'Dossier de test', reportIds: reportIds.slice(0, 3) });
  const attachmentIds = db.prepare('SELECT id FROM attachments').pluck().all() as string[];
  const strings = [
    ...reportIds, ...reportIds, ...attachmentIds, made.ref, made.ref, 'DOS-2026-WSRABAT03-09999', 'IBL-2026-0000001',
    '', ' ', 'a', 'Réquisition n° 12/2026', 'نص عربي', '__proto__', 'constructor', 'toString', '\u202e\u0000\u200b',
    '<img src=x onerror=alert(1)>', '../../../etc/passwd', 'C:\\Windows\\win.ini', 'javascript:alert(1)',
    'https://example.invalid/x', 'http://127.0.0.1:9/', 'priority', 'submittedAt', 'desc', 'received', 'fraud', 'facebook',
    'MA-06', 'none', 'url', 'domain', 'ipv4', 'email', '2026-01-01', '2026-01-01T00:00:00Z', 'x'.repeat(5000),
  ];
  const keys = fieldNames();
  const rand = prng(SEED + 1);
  const baseline = prototypes();
  const internal: string[] = [];
  let calls = 0;
  let accepted = 0;
  for (const { role, who } of [{ role: 'analyst', who: ANALYST }, { role: 'supervisor', who: SUPERVISOR }] as const) {
    if ((await value(core, 'session.state')).phase === 'unlocked') await value(core, 'session.lock');
    await unlockAs(core, who);
    for (const channel of channelNames.filter((name) => !SHAPED_SKIP.has(name))) {
      for (let k = 0; k < 25; k++) {
        const input = shaped(channels[channel].input, rand, strings, keys);
        if (input === undefined && channel === 'session.activity') continue;
        calls += 1;
        const result = await core.dispatch(channel, input);
        if (result.ok) accepted += 1;
        else if (result.error.code === 'INTERNAL') internal.push(`${role} ${channel} ${JSON.stringify(input)?.slice(0, 300)}`);
        assert.equal(prototypes(), baseline, `${role} ${channel}`);
        assert.equal(({} as Record<string, unknown>)['polluted'], undefined, `${role} ${channel}`);
      }
      assert.equal((await value(core, 'session.state')).phase, 'unlocked', `${role} ${channel} left the session unlocked`);
    }
  }
  assert.deepEqual(internal, [], `INTERNAL errors:\n${internal.join('\n')}`);
  t.diagnostic(`${calls} shaped calls, ${accepted} accepted, in ${Date.now() - started} ms (seed ${SEED + 1})`);
});
