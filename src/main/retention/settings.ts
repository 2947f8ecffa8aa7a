/**
 * The supervisor's retention rules (law 09-08), kept in the `settings` table
 * under one key. Off by default: with no rule set, nothing is ever removed.
 */
import { RETENTION_OFF, RetentionSettings } from '../../shared/retention.ts';
import type { Db } from '../store/database.ts';

const KEY = 'retention';

export function readRetentionSettings(db: Db): RetentionSettings {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (row === undefined) return RETENTION_OFF;
  let stored: unknown;
  try {
    stored = JSON.parse(row.value);
  } catch {
    return RETENTION_OFF;
  }
  // A stored value that no longer validates removes nothing: off, never a guess.
  const parsed = RetentionSettings.safeParse(stored);
  return parsed.success ? parsed.data : RETENTION_OFF;
}

export function writeRetentionSettings(db: Db, settings: RetentionSettings, analystId: string, at: Date): RetentionSettings {
  const checked = RetentionSettings.parse(settings);
  db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(KEY, JSON.stringify(checked), at.toISOString(), analystId);
  return checked;
}
