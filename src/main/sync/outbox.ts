/**
 * Status push-back: what this workstation says about a report is written to a
 * durable outbox first (reports/status.ts, so it survives restarts and offline
 * periods), then sent from here in order, each with its own Idempotency-Key,
 * until acknowledged.
 */
import type { Db } from '../store/database.ts';
import { IntakeRefusedError, type IntakeClient } from './intake-client.ts';

export interface OutboxCounts {
  pending: number;
  sent: number;
  rejected: number;
}

export function outboxCounts(db: Db): OutboxCounts {
  const counts: OutboxCounts = { pending: 0, sent: 0, rejected: 0 };
  for (const row of db.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state').all() as { state: keyof OutboxCounts; n: number }[]) {
    counts[row.state] = row.n;
  }
  return counts;
}

interface OutboxRow {
  id: number;
  report_id: string;
  status: string;
  at: string;
  workstation_id: string;
  reference: string | null;
  idempotency_key: string;
}

/**
 * Sends pending entries oldest first. Stops at the first one that cannot be
 * delivered now, so that the service always receives them in order; a
 * refusal (404, 422) is final for that entry and does not block the rest.
 */
export async function flushOutbox(db: Db, client: IntakeClient): Promise<{ sent: number; rejected: number }> {
  const rows = db.prepare("SELECT id, report_id, status, at, workstation_id, reference, idempotency_key FROM outbox WHERE state = 'pending' ORDER BY id").all() as OutboxRow[];
  const sent = db.prepare("UPDATE outbox SET state = 'sent', acked_seq = ?, sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?");
  const rejected = db.prepare("UPDATE outbox SET state = 'rejected', attempts = attempts + 1, last_error = ? WHERE id = ?");
  const failed = db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?');
  const result = { sent: 0, rejected: 0 };
  for (const row of rows) {
    const body: Record<string, string> = { status: row.status, at: row.at, workstation_id: row.workstation_id };
    if (row.reference !== null) body['reference'] = row.reference;
    try {
      const { seq } = await client.pushStatus(row.report_id, row.idempotency_key, body);
      sent.run(seq, new Date().toISOString(), row.id);
      result.sent += 1;
    } catch (error) {
      if (error instanceof IntakeRefusedError) {
        rejected.run(error.message, row.id);
        result.rejected += 1;
        continue;
      }
      failed.run((error as Error).message, row.id);
      throw error;
    }
  }
  return result;
}
