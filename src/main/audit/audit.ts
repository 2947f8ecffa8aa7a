/**
 * The audit trail: who did what, when. Written in the same transaction as the
 * action it records wherever there is one. Details are small flat objects and
 * never hold passphrases, keys or reporter data.
 */
import type { AuditAction, AuditEvent, AuditPage } from '../../shared/schemas.ts';
import type { Db } from '../store/database.ts';

export type AuditDetail = Record<string, string | number | boolean | null>;

export function recordAudit(db: Db, analystId: string | null, action: AuditAction, detail: AuditDetail = {}, at = new Date()): void {
  db.prepare('INSERT INTO audit_events (at, analyst_id, action, detail) VALUES (?, ?, ?, ?)').run(
    at.toISOString(),
    analystId,
    action,
    JSON.stringify(detail),
  );
}

interface AuditRow {
  id: number;
  at: string;
  analyst_id: string | null;
  analyst_name: string | null;
  action: AuditAction;
  detail: string;
}

export function listAudit(db: Db, query: { before?: number | undefined; limit: number }): AuditPage {
  const rows = db
    .prepare(
      `SELECT e.id, e.at, e.analyst_id, a.name AS analyst_name, e.action, e.detail
         FROM audit_events e LEFT JOIN analysts a ON a.id = e.analyst_id
        WHERE e.id < ?
        ORDER BY e.id DESC
        LIMIT ?`,
    )
    .all(query.before ?? Number.MAX_SAFE_INTEGER, query.limit) as AuditRow[];
  const total = (db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
  const events: AuditEvent[] = rows.map((row) => ({
    id: row.id,
    at: row.at,
    analystId: row.analyst_id,
    analystName: row.analyst_name,
    action: row.action,
    detail: JSON.parse(row.detail) as AuditDetail,
  }));
  return { events, total };
}
