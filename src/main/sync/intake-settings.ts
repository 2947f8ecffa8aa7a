/**
 * The intake connection as analysts manage it: view (never the token),
 * check (the connection test of new settings and what saving them would
 * delete), update (supervisors: tested first, and what leaving demo mode
 * deletes confirmed), test (GET /health with the saved settings).
 */
import { verify } from 'node:crypto';
import type { IntakeHealth, IntakeSettingsInput, IntakeSettingsView } from '../../shared/schemas.ts';
import type { DemoDeletion, IntakeTestOutcome } from '../../shared/contract/sync.ts';
import { recordAudit } from '../audit/audit.ts';
import { countDemoReports, purgeDemoReports } from '../reports/purge.ts';
import { AppError } from '../errors.ts';
import type { Db } from '../store/database.ts';
import { checkIntakeUrl, IntakeAuthError, IntakeClient, IntakeProtocolError, IntakeRefusedError, IntakeUnreachableError, type RetryPolicy } from './intake-client.ts';
import type { Exchange } from './http-exchange.ts';
import { DEFAULT_SYNC_INTERVAL_MINUTES, readIntakeConfig, writeIntakeConfig, type IntakeConfig } from '../settings/intake-config.ts';
import { IntakeKeyError, keyFingerprint, parseIntakeKey } from '../crypto/intake-key.ts';

export function intakeView(db: Db): IntakeSettingsView {
  const config = readIntakeConfig(db);
  if (!config) {
    return { configured: false, url: null, workstationId: null, syncIntervalMinutes: DEFAULT_SYNC_INTERVAL_MINUTES, tokenSet: false, keyFingerprint: null, demo: false };
  }
  let fingerprint: string | null;
  try {
    fingerprint = keyFingerprint(parseIntakeKey(config.publicKeyPem));
  } catch {
    fingerprint = null;
  }
  return {
    configured: true,
    url: config.url,
    workstationId: config.workstationId,
    syncIntervalMinutes: config.syncIntervalMinutes,
    tokenSet: config.token.length > 0,
    keyFingerprint: fingerprint,
    demo: config.demo,
  };
}

/**
 * The settings that `input` would save, checked: a missing token or key keeps the saved one.
 * Each refusal is a code the UI translates (the message, in English, is for the command line and logs).
 */
export function resolveIntakeSettings(db: Db, input: IntakeSettingsInput, demo = false): IntakeConfig {
  const current = readIntakeConfig(db);
  try {
    checkIntakeUrl(input.url);
  } catch (error) {
    throw new AppError('INTAKE_BAD_URL', (error as Error).message);
  }
  const token = input.token ?? current?.token;
  if (!token) throw new AppError('INTAKE_BAD_TOKEN', 'A workstation token is required.');
  if (/\s/.test(token)) throw new AppError('INTAKE_BAD_TOKEN', 'The token must not contain spaces.');
  const publicKeyPem = input.publicKeyPem ?? current?.publicKeyPem;
  if (!publicKeyPem) throw new AppError('INTAKE_BAD_KEY', 'The intake service public key (PEM) is required: without it nothing can be verified.');
  try {
    parseIntakeKey(publicKeyPem);
  } catch (error) {
    if (error instanceof IntakeKeyError) throw new AppError('INTAKE_BAD_KEY', error.message);
    throw error;
  }
  return { url: input.url, token, publicKeyPem, workstationId: input.workstationId, syncIntervalMinutes: input.syncIntervalMinutes, demo };
}

/** What saving `next` over `current` changes beyond the settings themselves. */
export interface IntakeChange {
  /** The demo's data goes (demo mode to a real service). */
  leavingDemo: boolean;
  /** Another service: another address, another signing key, or demo to real (or back). Its sync state starts afresh. */
  anotherService: boolean;
  /** The change feed is read again from its start: another signing key numbers another feed, and the demo's feed is gone. */
  feedRestarts: boolean;
  /** Address, token or key changed: the last error described the old ones. */
  credentialsChanged: boolean;
}

export function intakeChange(current: IntakeConfig | null, next: IntakeConfig): IntakeChange {
  const leavingDemo = current?.demo === true && !next.demo;
  const anotherKey = current !== null && current.publicKeyPem.trim() !== next.publicKeyPem.trim();
  const anotherService = current !== null && (anotherKey || current.url !== next.url || current.demo !== next.demo);
  return {
    leavingDemo,
    anotherService,
    feedRestarts: leavingDemo || anotherKey,
    credentialsChanged: anotherService || (current !== null && current.token !== next.token),
  };
}

/** Work built on demo reports, counted by the features that own it (cases, notes, evidence). */
export type DemoWorkCount = Pick<DemoDeletion, 'cases' | 'notes' | 'evidence'>;

/** What leaving demo mode deletes, counted from the store as `updateIntake` would delete it. */
export function demoDeletion(db: Db, countWork: (db: Db) => DemoWorkCount): DemoDeletion {
  const reports = countDemoReports(db);
  const quarantined = (db.prepare('SELECT count(*) FROM quarantine').pluck().get() as number) ?? 0;
  return { ...reports, quarantined, ...countWork(db) };
}

export function deletesAnything(deletion: DemoDeletion): boolean {
  return Object.values(deletion).some((n) => n > 0);
}

export interface UpdateIntakeOptions {
  demo?: boolean;
  /** In the same transaction, when the demo's reports go: what features built on them goes too (cases). */
  onDemoPurged?: (db: Db) => void;
  /** Counts the work leaving demo mode deletes (to refuse an unconfirmed deletion). */
  countDemoWork?: (db: Db) => DemoWorkCount;
  /** The supervisor saw what leaving demo mode deletes and confirmed it. */
  confirmDeletion?: boolean;
  /** Saved without a passing connection test, and why (journaled). */
  untested?: { reason: string };
}

/**
 * Saves checked settings. Leaving demo mode deletes the demo's data, only when confirmed
 * (CONFLICT otherwise, nothing saved); another service's sync state (last success, last
 * attempt, last error, cursor) is not carried over to it.
 */
export function updateIntake(db: Db, input: IntakeSettingsInput, analystId: string, options: UpdateIntakeOptions = {}): { config: IntakeConfig; change: IntakeChange } {
  const current = readIntakeConfig(db);
  const config = resolveIntakeSettings(db, input, options.demo ?? false);
  const change = intakeChange(current, config);
  db.transaction(() => {
    if (change.leavingDemo) {
      const deletion = options.countDemoWork ? demoDeletion(db, options.countDemoWork) : null;
      if (!options.confirmDeletion && deletion && deletesAnything(deletion)) {
        throw new AppError('CONFLICT', `This store is in demo mode: saving a real service deletes its ${deletion.reports} demo reports and the work done on them (${deletion.cases} cases, ${deletion.statusesSetHere} statuses set here); confirm it in Settings, which says what goes. Nothing was saved.`);
      }
      const purged = purgeDemoReports(db);
      options.onDemoPurged?.(db);
      // Only the demo feed ever ran on this workstation (demo mode is refused once a real service brought data).
      db.prepare('DELETE FROM quarantine').run();
      recordAudit(db, analystId, 'intake.demo_purged', { reports: purged });
    }
    if (change.feedRestarts) db.prepare("DELETE FROM sync_state WHERE key IN ('cursor', 'head_seq')").run();
    // The sync state describes the service it was measured on.
    if (change.anotherService) db.prepare("DELETE FROM sync_state WHERE key IN ('last_success_at', 'last_attempt_at', 'last_error')").run();
    else if (change.credentialsChanged) db.prepare("DELETE FROM sync_state WHERE key = 'last_error'").run();
    writeIntakeConfig(db, config, analystId);
    recordAudit(db, analystId, 'intake.updated', {
      url: config.url,
      workstationId: config.workstationId,
      tokenChanged: input.token !== undefined,
      keyChanged: input.publicKeyPem !== undefined,
      demo: config.demo,
      ...(options.untested ? { untested: true, untestedReason: options.untested.reason } : {}),
    });
  })();
  return { config, change };
}

/** Maps intake failures to contract error codes. */
export function intakeFailure(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof IntakeAuthError) return new AppError('INTAKE_AUTH', error.message);
  if (error instanceof IntakeUnreachableError) return new AppError('INTAKE_UNREACHABLE', error.message);
  if (error instanceof IntakeRefusedError) return new AppError('INTAKE_REFUSED', error.message);
  // Answers that break the contract (a body over its cap, say): not an acceptable answer to the request.
  if (error instanceof IntakeProtocolError) return new AppError('INTAKE_REFUSED', error.message);
  if (error instanceof IntakeKeyError) return new AppError('INTAKE_BAD_KEY', error.message);
  throw error;
}

const TEST_RETRY: Partial<RetryPolicy> = { maxAttempts: 2, timeoutMs: 10_000, baseDelayMs: 300 };

export interface IntakeTestOptions {
  retry?: Partial<RetryPolicy>;
  /** The HTTP exchange (tests replace it to answer as a remote service would, without a packet sent). */
  exchange?: Exchange;
}

/**
 * The connection test of settings before they are saved: GET /health with their address and
 * token, then the newest change of the feed (GET /changes is authenticated on every service,
 * where /health may not be), whose signature must verify with their key. Failures come back as
 * an outcome with the contract's code, and the error (English message) for logs and the CLI.
 */
export async function testIntakeSettings(config: Pick<IntakeConfig, 'url' | 'token' | 'publicKeyPem'>, options: IntakeTestOptions = {}): Promise<{ outcome: IntakeTestOutcome; error: AppError | null }> {
  const started = performance.now();
  try {
    const client = new IntakeClient({ baseUrl: config.url, token: config.token, retry: options.retry ?? TEST_RETRY, ...(options.exchange ? { exchange: options.exchange } : {}) });
    const health = await client.health();
    const latencyMs = Math.round(performance.now() - started);
    const page = await client.changes(Math.max(0, health.head_seq - 1), 1);
    const newest = signedChange(page.changes.at(-1));
    if (newest && !signedBy(config.publicKeyPem, newest)) {
      const error = new AppError('INTAKE_KEY_MISMATCH', `The intake service's newest change is not signed by this key (fingerprint ${keyFingerprint(parseIntakeKey(config.publicKeyPem))}): it is another service's key.`);
      return { outcome: { ok: false, code: error.code, httpStatus: null }, error };
    }
    const result: IntakeHealth = { headSeq: health.head_seq, serverTime: health.server_time, latencyMs };
    // A malformed change (the sync quarantines it) or an empty feed leaves the key unchecked, not refused.
    return { outcome: { ok: true, health: result, keyChecked: newest !== null }, error: null };
  } catch (error) {
    const failure = intakeFailure(error);
    const httpStatus = error instanceof IntakeAuthError || error instanceof IntakeRefusedError ? error.status : null;
    return { outcome: { ok: false, code: failure.code, httpStatus }, error: failure };
  }
}

function signedChange(change: unknown): { payload: string; sig: string } | null {
  const c = change as { payload?: unknown; sig?: unknown } | null | undefined;
  return typeof c?.payload === 'string' && typeof c.sig === 'string' ? { payload: c.payload, sig: c.sig } : null;
}

function signedBy(publicKeyPem: string, change: { payload: string; sig: string }): boolean {
  try {
    return verify(null, Buffer.from(change.payload, 'utf8'), parseIntakeKey(publicKeyPem), Buffer.from(change.sig, 'base64'));
  } catch {
    return false;
  }
}

/** "Test the connection" with the saved settings: the same test as before saving (token and key included). */
export async function testIntake(db: Db, options: IntakeTestOptions = {}): Promise<IntakeHealth> {
  const config = readIntakeConfig(db);
  if (!config) throw new AppError('INTAKE_NOT_CONFIGURED', 'No intake service is configured.');
  const { outcome, error } = await testIntakeSettings(config, options);
  if (error || !outcome.ok) throw error ?? new AppError('INTAKE_REFUSED', 'The connection test failed.');
  return outcome.health;
}
