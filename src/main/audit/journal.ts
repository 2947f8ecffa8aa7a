/**
 * The journal as the audit screen reads it: searched by analyst, action,
 * report, case and period (newest first, paged by index), and exported as
 * CSV or JSON with each entry's chain fields, so that an exported journal can
 * be checked entry by entry against store/audit-chain-format.ts.
 */
import type { AuditAction, AuditEvent } from '../../shared/schemas.ts';
import type { AuditFilters, AuditSearchPage } from '../../shared/contract/audit.ts';
import type { Db } from '../store/database.ts';
import { auditHead, type AuditDetail } from './audit.ts';

interface Row {
  id: number;
  at: string;
  analyst_id: string | null;
  analyst_name: string | null;
  action: AuditAction;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** SQL conditions and their parameters for the filters; values are always bound, never spliced. */
function where(filters: AuditFilters): { sql: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (filters.analystId !== undefined) {
    clauses.push('e.analyst_id = ?');
    params.push(filters.analystId);
  }
  if (filters.action !== undefined) {
    clauses.push('e.action = ?');
    params.push(filters.action);
  }
  if (filters.reportId !== undefined) {
    clauses.push("json_extract(e.detail, '$.reportId') = ?");
    params.push(filters.reportId);
  }
  if (filters.caseRef !== undefined) {
    clauses.push("(json_extract(e.detail, '$.ref') = ? OR json_extract(e.detail, '$.caseRef') = ?)");
    params.push(filters.caseRef, filters.caseRef);
  }
  if (filters.from !== undefined) {
    clauses.push('e.at >= ?');
    params.push(`${filters.from}T00:00:00.000Z`);
  }
  if (filters.to !== undefined) {
    // Up to the end of that day: every timestamp of the day sorts below the next day's midnight.
    const next = new Date(`${filters.to}T00:00:00.000Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    clauses.push('e.at < ?');
    params.push(next.toISOString());
  }
  return { sql: clauses.length ? clauses.join(' AND ') : '1 = 1', params };
}

const SELECT = `SELECT e.id, e.at, e.analyst_id, a.name AS analyst_name, e.action, e.detail, e.prev_hash, e.hash
                  FROM audit_events e LEFT JOIN analysts a ON a.id = e.analyst_id`;

function event(row: Row): AuditEvent {
  return { id: row.id, at: row.at, analystId: row.analyst_id, analystName: row.analyst_name, action: row.action, detail: JSON.parse(row.detail) as AuditDetail };
}

export function searchAudit(db: Db, query: { filters: AuditFilters; before?: number | undefined; limit: number }): AuditSearchPage {
  const w = where(query.filters);
  const rows = db.prepare(`${SELECT} WHERE ${w.sql} AND e.id < ? ORDER BY e.id DESC LIMIT ?`).all(...w.params, query.before ?? Number.MAX_SAFE_INTEGER, query.limit) as Row[];
  const matching = db.prepare(`SELECT count(*) FROM audit_events e WHERE ${w.sql}`).pluck().get(...w.params) as number;
  const analysts = db
    .prepare('SELECT a.id, a.name FROM analysts a WHERE EXISTS (SELECT 1 FROM audit_events e WHERE e.analyst_id = a.id) ORDER BY a.name')
    .all() as { id: string; name: string }[];
  return { events: rows.map(event), matching, analysts };
}

/** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet (=, +, -, @, tab, CR). */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export interface AuditExport {
  fileName: string;
  mediaType: string;
  text: string;
  entries: number;
}

/** The matching entries, oldest first, as CSV (UTF-8 with BOM, for spreadsheets) or JSON. */
export function exportAudit(db: Db, format: 'csv' | 'json', filters: AuditFilters, at = new Date()): AuditExport {
  const w = where(filters);
  const rows = db.prepare(`${SELECT} WHERE ${w.sql} ORDER BY e.id`).all(...w.params) as Row[];
  const stamp = at.toISOString().slice(0, 19).replaceAll(':', '-');
  if (format === 'csv') {
    const header = ['index', 'at', 'analyst_id', 'analyst_name', 'action', 'detail', 'prev_hash', 'hash'];
    const lines = [header.join(','), ...rows.map((r) => [r.id, r.at, r.analyst_id, r.analyst_name, r.action, r.detail, r.prev_hash, r.hash].map(csvCell).join(','))];
    return { fileName: `audit-${stamp}.csv`, mediaType: 'text/csv;charset=utf-8', text: `\uFEFF${lines.join('\r\n')}\r\n`, entries: rows.length };
  }
  const head = auditHead(db);
  const body = {
    format: 'iblagh-audit-export',
    version: 1,
    exported_at: at.toISOString(),
    chain: { genesis: '0'.repeat(64), hash: 'SHA-256(prev_hash bytes || canonical entry JSON), store/audit-chain-format.ts', head: { index: head.index, hash: head.hash } },
    filters,
    entries: rows.map((r) => ({ index: r.id, at: r.at, analyst_id: r.analyst_id, analyst_name: r.analyst_name, action: r.action, detail: JSON.parse(r.detail) as unknown, prev_hash: r.prev_hash, hash: r.hash })),
  };
  return { fileName: `audit-${stamp}.json`, mediaType: 'application/json', text: `${JSON.stringify(body, null, 2)}\n`, entries: rows.length };
}
