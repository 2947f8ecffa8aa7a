/**
 * The intake connection as analysts manage it: view (never the token),
 * update (supervisors), test (GET /health with the saved settings).
 */
import type { IntakeHealth, IntakeSettingsInput, IntakeSettingsView } from '../../shared/schemas.ts';
import { recordAudit } from '../audit/audit.ts';
import { purgeDemoReports } from '../reports/purge.ts';
import { AppError } from '../errors.ts';
import type { Db } from '../store/database.ts';
import { checkIntakeUrl, IntakeAuthError, IntakeClient, IntakeProtocolError, IntakeRefusedError, IntakeUnreachableError, type RetryPolicy } from './intake-client.ts';
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

/** Checks and saves new settings; a missing token or key keeps the saved one. */
export function updateIntake(
  db: Db,
  input: IntakeSettingsInput,
  analystId: string,
  options: { demo?: boolean; /** In the same transaction, when the demo's reports go: what features built on them goes too (cases). */ onDemoPurged?: (db: Db) => void } = {},
): IntakeConfig {
  const current = readIntakeConfig(db);
  try {
    checkIntakeUrl(input.url);
  } catch (error) {
    throw new AppError('INTAKE_INVALID_CONFIG', (error as Error).message);
  }
  const token = input.token ?? current?.token;
  if (!token) throw new AppError('INTAKE_INVALID_CONFIG', 'A workstation token is required.');
  if (/\s/.test(token)) throw new AppError('INTAKE_INVALID_CONFIG', 'The token must not contain spaces.');
  const publicKeyPem = input.publicKeyPem ?? current?.publicKeyPem;
  if (!publicKeyPem) throw new AppError('INTAKE_INVALID_CONFIG', 'The intake service public key (PEM) is required: without it nothing can be verified.');
  try {
    parseIntakeKey(publicKeyPem);
  } catch (error) {
    if (error instanceof IntakeKeyError) throw new AppError('INTAKE_INVALID_CONFIG', error.message);
    throw error;
  }
  const config: IntakeConfig = {
    url: input.url,
    token,
    publicKeyPem,
    workstationId: input.workstationId,
    syncIntervalMinutes: input.syncIntervalMinutes,
    demo: options.demo ?? false,
  };
  const leavingDemo = current?.demo === true && !config.demo;
  // Another signing key is another service (or the demo restarted): its seqs number another feed.
  const anotherFeed = current !== null && current.publicKeyPem.trim() !== publicKeyPem.trim();
  db.transaction(() => {
    if (leavingDemo) {
      const purged = purgeDemoReports(db);
      options.onDemoPurged?.(db);
      // Only the demo feed ever ran on this workstation (demo mode is refused once a real service is set).
      db.prepare('DELETE FROM quarantine').run();
      recordAudit(db, analystId, 'intake.demo_purged', { reports: purged });
    }
    if (leavingDemo || anotherFeed) db.prepare("DELETE FROM sync_state WHERE key IN ('cursor', 'head_seq')").run();
    writeIntakeConfig(db, config, analystId);
    recordAudit(db, analystId, 'intake.updated', {
      url: config.url,
      workstationId: config.workstationId,
      tokenChanged: input.token !== undefined,
      keyChanged: input.publicKeyPem !== undefined,
      demo: config.demo,
    });
  })();
  return config;
}

/** Maps intake failures to contract error codes. */
export function intakeFailure(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof IntakeAuthError) return new AppError('INTAKE_AUTH', error.message);
  if (error instanceof IntakeUnreachableError) return new AppError('INTAKE_UNREACHABLE', error.message);
  if (error instanceof IntakeRefusedError) return new AppError('INTAKE_REFUSED', error.message);
  // Answers that break the contract (a body over its cap, say): not an acceptable answer to the request.
  if (error instanceof IntakeProtocolError) return new AppError('INTAKE_REFUSED', error.message);
  if (error instanceof IntakeKeyError) return new AppError('INTAKE_INVALID_CONFIG', error.message);
  throw error;
}

export async function testIntake(db: Db, retry: Partial<RetryPolicy> = { maxAttempts: 2, timeoutMs: 10_000, baseDelayMs: 300 }): Promise<IntakeHealth> {
  const config = readIntakeConfig(db);
  if (!config) throw new AppError('INTAKE_NOT_CONFIGURED', 'No intake service is configured.');
  const started = performance.now();
  try {
    const client = new IntakeClient({ baseUrl: config.url, token: config.token, retry });
    const health = await client.health();
    return { headSeq: health.head_seq, serverTime: health.server_time, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    throw intakeFailure(error);
  }
}
