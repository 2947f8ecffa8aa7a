/**
 * The reference tables a supervisor may replace (legal qualifications, the
 * competent jurisdiction): shipped in resources/, a replacement kept in the
 * store's settings under its own key, validated by the table's own parser
 * both when saved and when read (a table that no longer validates, written by
 * another version, gives way to the shipped one).
 */
import type { AuditAction } from '../../shared/schemas.ts';
import type { AuditDetail } from '../audit/audit.ts';
import { recordAudit } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import type { Db } from '../store/database.ts';

export interface TableKind<T> {
  /** Settings key of the replacement. */
  key: string;
  parse(raw: unknown): T;
  shipped(): T;
}

const parsed = new Map<string, { stored: string; table: unknown }>();

/** The table in force, and whether it is a supervisor's. */
export function tableInForce<T>(db: Db, kind: TableKind<T>): { table: T; edited: boolean } {
  const stored = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(kind.key) as string | undefined;
  if (stored === undefined) return { table: kind.shipped(), edited: false };
  const cached = parsed.get(kind.key);
  if (cached && cached.stored === stored) return { table: cached.table as T, edited: true };
  try {
    const table = kind.parse(JSON.parse(stored));
    parsed.set(kind.key, { stored, table });
    return { table, edited: true };
  } catch {
    return { table: kind.shipped(), edited: false };
  }
}

/** Validates a table (INVALID_INPUT naming the first problems), saves it and records it; null restores the shipped one. */
export function replaceTable<T>(db: Db, kind: TableKind<T>, raw: unknown, analystId: string, audit: { action: AuditAction; detail: (table: T | null) => AuditDetail }, now = new Date()): T | null {
  let table: T | null = null;
  if (raw !== null) {
    try {
      table = kind.parse(raw);
    } catch (error) {
      const issues = (error as { issues?: { path: (string | number)[]; message: string }[] }).issues ?? [];
      throw new AppError('INVALID_INPUT', issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') || 'The table is not valid.');
    }
  }
  db.transaction(() => {
    if (table === null) db.prepare('DELETE FROM settings WHERE key = ?').run(kind.key);
    else
      db.prepare(
        `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      ).run(kind.key, JSON.stringify(table), now.toISOString(), analystId);
    recordAudit(db, analystId, audit.action, audit.detail(table));
  })();
  return table;
}
