/**
 * The million-report store that bench:queue and bench:cases measure: built
 * once through the real ingest path (the reference intake service in its own
 * process, synced over loopback by the app's sync worker), then kept in
 * .bench-cache/ (ignored by git); a schema change migrates it when it is
 * unlocked, as it does an analyst's store.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createCore } from '../src/main/core.ts';
import { TEST_SCRYPT } from '../src/main/crypto/key-wrap.ts';
import { startIntakeProcess } from './intake-process.ts';

/** The store's one analyst (a supervisor), by name as the lock screen asks. */
export const BENCH_ANALYST = 'Bench Analyst';

export function queueStorePaths(count: number): { CACHE: string; STORE: string; PASSPHRASE: string } {
  // Kept across schema changes: unlocking migrates it like any analyst's store (--rebuild starts again).
  const CACHE = resolve(import.meta.dirname, '../.bench-cache', `queue-${count}`);
  return { CACHE, STORE: join(CACHE, 'store'), PASSPHRASE: 'bench phrase for the queue run 2026' };
}

/** Builds the store unless a complete one is cached (or `rebuild`). */
export async function ensureQueueStore(count: number, rebuild: boolean, log: (line: string) => void): Promise<void> {
  const { CACHE, STORE, PASSPHRASE } = queueStorePaths(count);
  if (!rebuild && existsSync(join(CACHE, 'complete'))) {
    log(`reusing the store in ${CACHE} (--rebuild to build it again)`);
    return;
  }
  rmSync(CACHE, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  const started = performance.now();
  log(`building a store of ${count} reports through the real ingest path (reference service + sync worker)...`);
  mkdirSync(join(CACHE, 'intake'), { recursive: true });
  const service = await startIntakeProcess(['--count', String(count), '--attachment-fraction', '0.002', '--db', join(CACHE, 'intake', 'intake.db')], join(CACHE, 'intake'));
  try {
    const core = createCore({ storeDir: STORE, host: 'cli', version: 'bench', scrypt: TEST_SCRYPT });
    const call = async (channel: string, input?: unknown): Promise<unknown> => {
      const result = await core.dispatch(channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value;
    };
    await call('session.setup', { name: BENCH_ANALYST, service: 'Benchmark unit', passphrase: PASSPHRASE, locale: 'fr' });
    await call('intake.update', { url: service.url, token: service.token, publicKeyPem: service.keyPem, workstationId: 'ws-bench', syncIntervalMinutes: 0 });
    const syncStarted = performance.now();
    await call('sync.start');
    await core.syncIdle();
    const status = (await call('sync.status')) as { reports: number; lastError: string | null };
    if (status.lastError) throw new Error(`sync failed: ${status.lastError}`);
    log(`  synced ${status.reports} reports in ${((performance.now() - syncStarted) / 1000).toFixed(0)} s (${Math.round(status.reports / ((performance.now() - syncStarted) / 1000))} reports/s)`);
    core.close();
  } finally {
    service.stop();
  }
  rmSync(join(CACHE, 'intake'), { recursive: true, force: true });
  writeFileSync(join(CACHE, 'complete'), new Date().toISOString());
  log(`  store built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
