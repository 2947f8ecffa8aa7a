/**
 * Audit anchors (shared/intake-api.md, "Anchoring the audit journal", 1.1):
 * a workstation sends the head of its audit hash chain, the service keeps it
 * and answers a receipt signed with the same Ed25519 key as the changes.
 *
 * - `POST /audit-anchors` (Idempotency-Key): the same key with the same body
 *   gives the same answer again; a `head_index` not above the last one held
 *   for that workstation is refused (409), and the same `head_index` with
 *   another hash too (409). The same `head_index` and hash under a new key
 *   is answered with the receipt already given: that anchor is held.
 * - `GET /audit-anchors?workstation_id=`: every receipt of that workstation,
 *   in ascending `head_index`.
 *
 * The anchors live in the service's store (table `audit_anchors`, created
 * here when the store is opened).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { IDEMPOTENCY_KEY, isUtcDateTime, utcSeconds } from './contract.ts';
import type { IntakeStore } from './store.ts';

export const AUDIT_ANCHORS_SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_anchors (
  workstation_id TEXT NOT NULL,
  head_index INTEGER NOT NULL,
  head_hash TEXT NOT NULL,
  at TEXT NOT NULL,
  accepted_at TEXT NOT NULL,
  payload TEXT NOT NULL,
  sig TEXT NOT NULL,
  PRIMARY KEY (workstation_id, head_index)
) STRICT;
`;

/** Body of `POST /audit-anchors`. Strict, like the status push. */
export const AuditAnchorBody = z.strictObject({
  workstation_id: z.string().min(1).max(128),
  head_index: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  head_hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
  at: z.string().refine(isUtcDateTime, { message: 'must be an RFC 3339 UTC date-time' }),
});
export type AuditAnchorBody = z.infer<typeof AuditAnchorBody>;

/** A signed receipt as the contract shows it. */
export interface AnchorReceipt {
  payload: string;
  sig: string;
}

/** What an endpoint answers: a status and the JSON value of the body. */
export interface AnchorReply {
  status: number;
  value: unknown;
}

function refusal(status: number, code: string, message: string): AnchorReply {
  return { status, value: { error: { code, message } } };
}

/** The receipt's payload: the contract's fields in the contract's order. */
export function anchorReceiptPayload(body: AuditAnchorBody, acceptedAt: string): string {
  return JSON.stringify({ kind: 'audit_anchor', workstation_id: body.workstation_id, head_index: body.head_index, head_hash: body.head_hash, at: body.at, accepted_at: acceptedAt });
}

export interface AuditAnchorRoutes {
  post(input: { idempotencyKey: string | undefined; contentType: string | undefined; body: Buffer | 'too_large'; tokenWorkstationId: string; query: Map<string, string> }): AnchorReply;
  list(query: Map<string, string>): AnchorReply;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function createAuditAnchorRoutes(store: IntakeStore, now: () => number): AuditAnchorRoutes {
  const db = store.db;
  db.exec(AUDIT_ANCHORS_SCHEMA);
  const last = db.prepare('SELECT head_index, head_hash, payload, sig FROM audit_anchors WHERE workstation_id = ? ORDER BY head_index DESC LIMIT 1');
  const atIndex = db.prepare('SELECT head_hash, payload, sig FROM audit_anchors WHERE workstation_id = ? AND head_index = ?');
  const insert = db.prepare('INSERT INTO audit_anchors (workstation_id, head_index, head_hash, at, accepted_at, payload, sig) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const all = db.prepare('SELECT payload, sig FROM audit_anchors WHERE workstation_id = ? ORDER BY head_index');

  return {
    post({ idempotencyKey, contentType, body: raw, tokenWorkstationId, query }) {
      if (query.size > 0) return refusal(400, 'unknown_parameter', 'This endpoint takes no query parameter.');
      if (idempotencyKey === undefined || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
        return refusal(400, 'bad_idempotency_key', 'An Idempotency-Key header holding a UUID is required.');
      }
      if ((contentType ?? '').split(';')[0]?.trim().toLowerCase() !== 'application/json') return refusal(422, 'unsupported_media_type', 'The body must be application/json.');
      if (raw === 'too_large') return refusal(422, 'body_too_large', 'The body is too large.');
      let parsed: unknown;
      try {
        parsed = JSON.parse(utf8.decode(raw));
      } catch {
        return refusal(422, 'invalid_json', 'The body is not valid UTF-8 JSON.');
      }
      const body = AuditAnchorBody.safeParse(parsed);
      if (!body.success) {
        return refusal(422, 'invalid_body', body.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '));
      }
      const anchor = body.data;
      const requestHash = createHash('sha256')
        .update(`audit-anchors\n${anchor.workstation_id}\n${anchor.head_index}\n${anchor.head_hash}\n${anchor.at}`)
        .digest('hex');
      const key = idempotencyKey.toLowerCase();
      return store.transaction((): AnchorReply => {
        const earlier = store.idempotentAnswer(tokenWorkstationId, key);
        if (earlier) {
          if (earlier.requestHash !== requestHash) return refusal(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request.');
          return { status: earlier.status, value: JSON.parse(earlier.body) as unknown };
        }
        const held = atIndex.get(anchor.workstation_id, anchor.head_index) as { head_hash: string; payload: string; sig: string } | undefined;
        if (held) {
          if (held.head_hash !== anchor.head_hash) return refusal(409, 'anchor_conflict', `Head ${anchor.head_index} is already anchored with another hash.`);
          const again = { receipt: { payload: held.payload, sig: held.sig } };
          store.rememberAnswer(tokenWorkstationId, key, { requestHash, status: 200, body: JSON.stringify(again) });
          return { status: 200, value: again };
        }
        const latest = last.get(anchor.workstation_id) as { head_index: number } | undefined;
        if (latest && anchor.head_index <= latest.head_index) {
          return refusal(409, 'anchor_not_above_last', `Head ${anchor.head_index} is not above the last anchored head, ${latest.head_index}.`);
        }
        const acceptedAt = utcSeconds(now());
        const payload = anchorReceiptPayload(anchor, acceptedAt);
        const sig = store.signingKey.sign(payload);
        insert.run(anchor.workstation_id, anchor.head_index, anchor.head_hash, anchor.at, acceptedAt, payload, sig);
        const answer = { receipt: { payload, sig } };
        store.rememberAnswer(tokenWorkstationId, key, { requestHash, status: 200, body: JSON.stringify(answer) });
        return { status: 200, value: answer };
      });
    },

    list(query) {
      for (const name of query.keys()) if (name !== 'workstation_id') return refusal(400, 'unknown_parameter', `Unknown query parameter "${name}".`);
      const workstationId = query.get('workstation_id');
      if (workstationId === undefined || workstationId.length < 1 || workstationId.length > 128) {
        return refusal(400, 'bad_workstation_id', '"workstation_id" is required (1 to 128 characters).');
      }
      const anchors = (all.all(workstationId) as { payload: string; sig: string }[]).map((row) => ({ payload: row.payload, sig: row.sig }));
      return { status: 200, value: { anchors } };
    },
  };
}
