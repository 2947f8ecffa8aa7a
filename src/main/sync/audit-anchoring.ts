/**
 * Anchoring the audit chain at the intake service, the sync's part: at every
 * run the current head is queued (audit/anchors.ts), then the queue is sent
 * in order, each anchor with its own Idempotency-Key, and each receipt is kept
 * once its signature (the intake key) and its fields check out.
 *
 * A refusal (409: the service holds a higher head, or this index with another
 * hash; 404 from a 1.0 service; 422) is final for that anchor and recorded on
 * it; `audit verify --online` says what the service holds. A receipt that
 * does not verify is kept out and its anchor marked rejected. Anything
 * transient stops the flush: the rest stays queued for the next run.
 */
import { auditHead } from '../audit/audit.ts';
import { checkReceipt, intakePublicKey, keepReceipt, pendingAnchors, queueAnchor } from '../audit/anchors.ts';
import type { IntakeConfig } from '../settings/intake-config.ts';
import type { Db } from '../store/database.ts';
import { IntakeClient, IntakeRefusedError, type AnchorReceiptData, type RetryPolicy } from './intake-client.ts';

export interface AnchorFlush {
  sent: number;
  rejected: number;
}

export async function anchorAuditHead(db: Db, client: IntakeClient, config: IntakeConfig, now: () => Date = () => new Date()): Promise<AnchorFlush> {
  queueAnchor(db, auditHead(db), 'sync', now());
  const key = intakePublicKey(config.publicKeyPem);
  const sent = db.prepare("UPDATE audit_anchor_queue SET state = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?");
  const rejected = db.prepare("UPDATE audit_anchor_queue SET state = 'rejected', attempts = attempts + 1, last_error = ? WHERE id = ?");
  const failed = db.prepare('UPDATE audit_anchor_queue SET attempts = attempts + 1, last_error = ? WHERE id = ?');
  const result: AnchorFlush = { sent: 0, rejected: 0 };
  for (const anchor of pendingAnchors(db)) {
    const body = { workstation_id: config.workstationId, head_index: anchor.head_index, head_hash: anchor.head_hash, at: anchor.at };
    let receipt;
    try {
      receipt = await client.anchorAudit(anchor.idempotency_key, body);
    } catch (error) {
      if (error instanceof IntakeRefusedError) {
        rejected.run(error.message.slice(0, 500), anchor.id);
        result.rejected += 1;
        continue;
      }
      failed.run((error as Error).message.slice(0, 500), anchor.id);
      throw error;
    }
    const check = checkReceipt(receipt, key, config.workstationId);
    const same = check.ok && check.anchor.head_index === body.head_index && check.anchor.head_hash === body.head_hash && check.anchor.at === body.at;
    if (!check.ok || !same) {
      rejected.run(check.ok ? 'the receipt does not name the anchor sent' : `the receipt is not valid (${check.reason})`, anchor.id);
      result.rejected += 1;
      continue;
    }
    db.transaction(() => {
      keepReceipt(db, receipt, check.anchor, now());
      sent.run(now().toISOString(), anchor.id);
    })();
    result.sent += 1;
  }
  return result;
}

/** The anchors the service holds for this workstation (GET /audit-anchors), as received; for `audit verify --online`. */
export async function fetchServiceAnchors(config: IntakeConfig, retry: Partial<RetryPolicy> = { maxAttempts: 2, timeoutMs: 15_000, baseDelayMs: 300 }): Promise<AnchorReceiptData[]> {
  const client = new IntakeClient({ baseUrl: config.url, token: config.token, retry });
  return client.auditAnchors(config.workstationId);
}
