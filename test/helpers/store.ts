/** Real encrypted stores in temporary folders, for tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { ChannelName, ChannelOutput, Result } from '../../src/shared/contract.ts';
import { createCore, type Core } from '../../src/main/core.ts';
import { TEST_SCRYPT } from '../../src/main/crypto/key-wrap.ts';

export const SUPERVISOR = { name: 'Karima Benali', service: 'BNPJ Rabat', passphrase: 'orange tapis falaise 42 nuage', locale: 'fr' } as const;
export const ANALYST = { name: 'Youssef Idrissi', service: 'Cellule Iblagh Casablanca', role: 'analyst', locale: 'ar', passphrase: 'citron bleu montagne 77 vent' } as const;

export function tempDir(t: TestContext, prefix = 'iblagh-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function testCore(t: TestContext, storeDir = tempDir(t), extra: { now?: () => number } = {}): Core {
  const core = createCore({ storeDir, host: 'cli', version: 'test', scrypt: TEST_SCRYPT, ...extra });
  t.after(() => core.close());
  return core;
}

/** A store set up by the supervisor in demo mode, its demo feed synced. */
export async function demoCore(t: TestContext): Promise<Core> {
  const core = testCore(t);
  await value(core, 'session.setup', SUPERVISOR);
  await value(core, 'intake.startDemo');
  await core.syncIdle();
  return core;
}

/** Calls a channel and returns its value, failing the test with the error otherwise. */
export async function value<K extends ChannelName>(core: Core, channel: K, input?: unknown): Promise<ChannelOutput<K>> {
  const result = (await core.dispatch(channel, input)) as Result<ChannelOutput<K>>;
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Calls a channel that must fail and returns its error. */
export async function failure(core: Core, channel: ChannelName | string, input?: unknown): Promise<{ code: string; message: string; retryAfterMs?: number }> {
  const result = await core.dispatch(channel, input);
  if (result.ok) throw new Error(`${channel} succeeded but was expected to fail`);
  return result.error;
}

export async function setUpStore(core: Core): Promise<ChannelOutput<'session.setup'>> {
  return value(core, 'session.setup', SUPERVISOR);
}

/** Unlocks as `who`, by login name and passphrase (the lock screen names nobody). */
export async function unlockAs(core: Core, who: { name: string; passphrase: string }): Promise<ChannelOutput<'session.unlock'>> {
  return value(core, 'session.unlock', { name: who.name, passphrase: who.passphrase });
}

/**
 * A supervisor creates `input`'s profile, which has then already replaced the
 * passphrase the supervisor gave by `input.passphrase` (its first unlock would
 * ask for that: test/core/rotation.test.ts tests it); most tests start there.
 */
export async function createProfile(core: Core, input: Parameters<typeof value<'profiles.create'>>[2]): Promise<ChannelOutput<'profiles.create'>> {
  const profile = await value(core, 'profiles.create', input);
  core.unlockedStore().db.prepare('UPDATE analysts SET must_change_passphrase = 0 WHERE id = ?').run(profile.id);
  return profile;
}
