/**
 * How this workstation reaches its intake service: URL, token, the service's
 * public key, the workstation id and the sync interval. Kept in the encrypted
 * store; the token never goes back to the renderer.
 */
import { z } from 'zod';
import type { Db } from '../store/database.ts';

export const IntakeConfig = z.object({
  url: z.string(),
  token: z.string(),
  publicKeyPem: z.string(),
  workstationId: z.string().min(1).max(128),
  syncIntervalMinutes: z.number().int().min(0).max(1440),
  /** The embedded reference service with generated reports: marked as demo data everywhere. */
  demo: z.boolean(),
});
export type IntakeConfig = z.infer<typeof IntakeConfig>;

export const DEFAULT_SYNC_INTERVAL_MINUTES = 5;

const KEY = 'intake';

export function readIntakeConfig(db: Db): IntakeConfig | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return null;
  const parsed = IntakeConfig.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : null;
}

export function writeIntakeConfig(db: Db, config: IntakeConfig, analystId: string | null, at = new Date()): void {
  db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(KEY, JSON.stringify(IntakeConfig.parse(config)), at.toISOString(), analystId);
}
