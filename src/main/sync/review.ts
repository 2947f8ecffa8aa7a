/** What the sync screen lists for review: quarantined items and the status outbox. */
import type { OutboxEntry, QuarantineItem } from '../../shared/schemas.ts';
import type { Db } from '../store/database.ts';

interface QuarantineRow {
  id: number;
  seq: number | null;
  kind: string;
  reason_code: string;
  reason: string;
  received_at: string;
  attachment_id: string | null;
  report_id: string | null;
  bytes: number | null;
}

const QUARANTINE_SELECT = 'SELECT id, seq, kind, reason_code, reason, received_at, attachment_id, report_id, length(payload) AS bytes FROM quarantine';

function toQuarantineItem(r: QuarantineRow): QuarantineItem {
  return { id: r.id, seq: r.seq, kind: r.kind, reasonCode: r.reason_code, reason: r.reason, receivedAt: r.received_at, attachmentId: r.attachment_id, reportId: r.report_id, bytes: r.bytes ?? 0 };
}

/** Newest first, a page at a time (the sync screen). */
export function listQuarantine(db: Db, page: { limit: number; offset: number }): { total: number; items: QuarantineItem[] } {
  const rows = db.prepare(`${QUARANTINE_SELECT} ORDER BY id DESC LIMIT ? OFFSET ?`).all(page.limit, page.offset) as QuarantineRow[];
  const total = (db.prepare('SELECT count(*) AS n FROM quarantine').get() as { n: number }).n;
  return { total, items: rows.map(toQuarantineItem) };
}

/** Every item, oldest first, streamed (the command line). */
export function* iterateQuarantine(db: Db): Generator<QuarantineItem> {
  for (const row of db.prepare(`${QUARANTINE_SELECT} ORDER BY id`).iterate() as IterableIterator<QuarantineRow>) yield toQuarantineItem(row);
}

export function listOutbox(db: Db, page: { limit: number; offset: number }): { total: number; entries: OutboxEntry[] } {
  const rows = db
    .prepare('SELECT id, report_id, status, at, state, attempts, last_error, acked_seq FROM outbox ORDER BY id DESC LIMIT ? OFFSET ?')
    .all(page.limit, page.offset) as { id: number; report_id: string; status: string; at: string; state: OutboxEntry['state']; attempts: number; last_error: string | null; acked_seq: number | null }[];
  const total = (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
  return {
    total,
    entries: rows.map((r) => ({ id: r.id, reportId: r.report_id, status: r.status, at: r.at, state: r.state, attempts: r.attempts, lastError: r.last_error, ackedSeq: r.acked_seq })),
  };
}
