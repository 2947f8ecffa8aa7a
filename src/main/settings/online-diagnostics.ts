/**
 * A supervisor's settings for online URL diagnostics (issue #11), kept in the
 * `settings` table under one key. Off by default; no proxy, no direct path,
 * no private destinations until a supervisor says so.
 */
import { DEFAULT_ONLINE_SETTINGS, OnlineSettings, type OnlineSettingsInput } from '../../shared/diagnostics-online.ts';
import type { Db } from '../store/database.ts';

const KEY = 'online_diagnostics';

export function readOnlineSettings(db: Db): OnlineSettings {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (row === undefined) return DEFAULT_ONLINE_SETTINGS;
  const parsed = OnlineSettings.safeParse({ ...DEFAULT_ONLINE_SETTINGS, ...(JSON.parse(row.value) as object) });
  return parsed.success ? parsed.data : DEFAULT_ONLINE_SETTINGS;
}

export function writeOnlineSettings(db: Db, changes: OnlineSettingsInput, analystId: string, at = new Date()): OnlineSettings {
  const merged = OnlineSettings.parse({ ...readOnlineSettings(db), ...changes });
  db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(KEY, JSON.stringify(merged), at.toISOString(), analystId);
  return merged;
}
