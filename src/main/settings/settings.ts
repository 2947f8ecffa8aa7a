/** Workstation-wide settings, kept in the encrypted store. */
import { IDLE_LOCK_DEFAULT, WorkstationSettings } from '../../shared/schemas.ts';
import type { Db } from '../store/database.ts';

const DEFAULTS: WorkstationSettings = { idleLockMinutes: IDLE_LOCK_DEFAULT };

const COLUMN: Record<keyof WorkstationSettings, string> = { idleLockMinutes: 'idle_lock_minutes' };

export function readSettings(db: Db): WorkstationSettings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored = Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
  const merged = { ...DEFAULTS };
  for (const [field, key] of Object.entries(COLUMN) as [keyof WorkstationSettings, string][]) {
    if (key in stored) merged[field] = stored[key] as number;
  }
  // A value outside today's bounds (edited by hand, or from an older policy) falls back to the default.
  const checked = WorkstationSettings.safeParse(merged);
  return checked.success ? checked.data : DEFAULTS;
}

export function writeSettings(db: Db, changes: Partial<WorkstationSettings>, analystId: string, at = new Date()): WorkstationSettings {
  const statement = db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
  for (const [field, value] of Object.entries(changes) as [keyof WorkstationSettings, number | undefined][]) {
    if (value !== undefined) statement.run(COLUMN[field], JSON.stringify(value), at.toISOString(), analystId);
  }
  return readSettings(db);
}
