/**
 * Applying one page of the change feed to the store, in one transaction with
 * the cursor that covers it: a crash at any instant leaves either the whole
 * page and its cursor, or neither.
 *
 * Every change is verified before it is parsed (Ed25519 over the exact UTF-8
 * bytes of `payload`), then checked against the schema, then applied
 * idempotently. A change that fails is quarantined with its raw bytes, seq and
 * reason, and the page goes on.
 */
import type { Db } from '../store/database.ts';
import type { Ed25519Verify } from '../crypto/ed25519.ts';
import { prepareReportIngest } from '../reports/ingest.ts';
import type { Verified } from './signature-verifier.ts';
import { ReportPayload, StatusPayload, type ReportPayload as Report, type StatusPayload as Status } from '../reports/payload.ts';
import { BASE64, type RawChange } from './change-page.ts';
import { createHash } from 'node:crypto';

export const MAX_PAYLOAD_BYTES = 262_144;

/** Of a quarantined payload over MAX_PAYLOAD_BYTES, only these first bytes are kept, with its size and SHA-256 in the reason. */
export const QUARANTINE_HEAD_BYTES = 4096;

/** `accepted_at` (contract 1.1) as the payload schema writes date-times: RFC 3339, UTC, four-digit year. */
const UTC_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/**
 * A status payload's `accepted_at`: absent (a 1.0 service) gives null; present, it must be an
 * RFC 3339 UTC date-time, and comes back normalised by `Date#toISOString` (fixed width, so
 * that the store orders it as text); anything else is a schema failure (undefined).
 */
export function acceptedAtOf(parsed: Record<string, unknown>): string | null | undefined {
  if (!Object.hasOwn(parsed, 'accepted_at')) return null;
  const value = parsed['accepted_at'];
  if (typeof value !== 'string' || !UTC_DATE_TIME.test(value)) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return undefined;
  const normalised = new Date(time).toISOString();
  // A day or time that does not exist (Date.parse reads 02-30 as March 2nd) is refused.
  return normalised.slice(0, 19) === value.slice(0, 19) ? normalised : undefined;
}

/**
 * What the quarantine keeps of a refused change: its bytes, or, over MAX_PAYLOAD_BYTES (a
 * hostile service could send a page of them), the first QUARANTINE_HEAD_BYTES with the full
 * size and SHA-256 added to the reason: enough to recognise and report it, without the store
 * growing by a quarter of a megabyte per refused change.
 */
export function quarantinedBytes(payload: string, reason: string): { bytes: Buffer; reason: string } {
  const bytes = Buffer.from(payload, 'utf8');
  if (bytes.length <= MAX_PAYLOAD_BYTES) return { bytes, reason };
  const digest = createHash('sha256').update(bytes).digest('hex');
  return {
    bytes: Buffer.from(bytes.subarray(0, QUARANTINE_HEAD_BYTES)),
    reason: `${reason} (${bytes.length} bytes, sha256 ${digest}; only the first ${QUARANTINE_HEAD_BYTES} bytes are kept)`,
  };
}

export interface PageInput {
  changes: unknown[];
  next_after: number;
  head_seq: number;
}

export interface PageOutcome {
  applied: number;
  quarantined: number;
  /** Changes at or below the cursor, delivered again (at-least-once delivery). */
  replayed: number;
  cursor: number;
  /** Reports this page added to the store. */
  inserted: number;
}

/** One transaction of a page: also the rowids it inserted or changed (the queue's index reads them again), and where the next one starts. */
type PartOutcome = PageOutcome & { touched: number[]; next: number };

/** Why a change was quarantined, for the UI to translate; `reason` carries the detail. */
export type QuarantineCode = 'malformed' | 'too_large' | 'signature' | 'not_json' | 'kind_mismatch' | 'schema' | 'unknown_kind';

type Verdict = { ok: true; kind: 'report'; seq: number; payload: string; sig: string; report: Report } | { ok: true; kind: 'status'; seq: number; payload: string; sig: string; status: Status; acceptedAt: string | null } | { ok: false; seq: number | null; kind: string; code: QuarantineCode; reason: string; payload: string; sig: string | null };

/**
 * Verifies and validates one change of a page, without touching the store.
 * `signatureVerifies` is the verdict of the verifier thread when it already
 * checked this exact payload and signature.
 */
export function judgeChange(raw: unknown, verifySignature: Ed25519Verify, signatureVerifies?: boolean): Verdict {
  // The envelope (RawChange), checked by hand: this runs for every change of every page.
  const loose = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const badField = !Number.isInteger(loose['seq']) || (loose['seq'] as number) < 1 ? 'seq' : typeof loose['kind'] !== 'string' ? 'kind' : typeof loose['payload'] !== 'string' ? 'payload' : typeof loose['sig'] !== 'string' ? 'sig' : null;
  if (badField !== null) {
    const seq = Number.isInteger(loose['seq']) ? (loose['seq'] as number) : null;
    const kind = typeof loose['kind'] === 'string' ? loose['kind'] : 'unknown';
    return { ok: false, seq, kind, code: 'malformed', reason: `malformed change: ${badField} is missing or of the wrong type`, payload: JSON.stringify(raw) ?? 'undefined', sig: null };
  }
  const { seq, kind, payload, sig } = loose as unknown as RawChange;
  const fail = (code: QuarantineCode, reason: string): Verdict => ({ ok: false, seq, kind, code, reason, payload, sig });
  // A UTF-16 unit never takes more than 3 bytes in UTF-8: short payloads need no exact count.
  if (payload.length * 3 > MAX_PAYLOAD_BYTES && Buffer.byteLength(payload, 'utf8') > MAX_PAYLOAD_BYTES) {
    return fail('too_large', `payload larger than ${MAX_PAYLOAD_BYTES} bytes`);
  }
  // The verifier thread checked the very same text and signature (form included): only a
  // refusal, or no verdict, needs the checks again here, for their precise reason.
  if (signatureVerifies !== true) {
    if (!BASE64.test(sig)) return fail('signature', 'signature is not standard base64');
    const signature = Buffer.from(sig, 'base64');
    if (signature.length !== 64) return fail('signature', 'signature is not 64 bytes');
    if (!verifySignature(Buffer.from(payload, 'utf8'), signature)) return fail('signature', 'signature does not verify with the intake public key');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return fail('not_json', 'payload is not valid JSON');
  }
  const innerKind = (parsed as { kind?: unknown } | null)?.kind;
  if (innerKind !== kind) return fail('kind_mismatch', `kind mismatch: change says "${kind}", payload says "${String(innerKind)}"`);
  if (kind === 'report') {
    const report = ReportPayload.safeParse(parsed);
    if (!report.success) return fail('schema', `schema: ${report.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return { ok: true, kind, seq, payload, sig, report: report.data };
  }
  if (kind === 'status') {
    const status = StatusPayload.safeParse(parsed);
    if (!status.success) return fail('schema', `schema: ${status.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const acceptedAt = acceptedAtOf(status.data);
    if (acceptedAt === undefined) return fail('schema', 'schema: accepted_at: must be an RFC 3339 UTC date-time');
    return { ok: true, kind, seq, payload, sig, status: status.data, acceptedAt };
  }
  return fail('unknown_kind', `unknown change kind "${kind}"`);
}

/** Prepared statements of the apply path, made once per connection: the reports' own writes come from reports/ingest.ts. */
export function prepareApply(db: Db) {
  return {
    reports: prepareReportIngest(db),
    quarantine: db.prepare('INSERT OR IGNORE INTO quarantine (seq, kind, reason_code, reason, payload, sig, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    setState: db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
  };
}
export type ApplyStatements = ReturnType<typeof prepareApply>;

export function readCursor(db: Db): number {
  const row = db.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").get() as { value: string } | undefined;
  return row ? Number(row.value) : 0;
}

/**
 * How long one write transaction of the sync may hold the store's write lock. The thread that
 * answers the renderer writes too (a status set, an audit event): it waits for the lock, so a
 * page of a thousand changes (~70 ms here) is applied in several transactions.
 */
export const TRANSACTION_BUDGET_MS = 20;

export interface ApplyOptions {
  demo: boolean;
  now?: Date;
  verified?: readonly Verified[];
  /** Default TRANSACTION_BUDGET_MS. */
  budgetMs?: number;
  /** After each transaction commits: rowids of the reports it inserted or changed. */
  onCommitted?: (touched: number[]) => void;
  /** Told when each write transaction begins and ends (the sync worker lets the main thread's requests pass). */
  gate?: { enter(): void; leave(): void };
}

/**
 * Applies a page, in as many transactions as the time budget asks, each with the cursor it
 * covers (the highest seq it applied); returns what it did and the new cursor (never lower
 * than the old one).
 */
export function applyPage(db: Db, s: ApplyStatements, page: PageInput, verifySignature: Ed25519Verify, options: ApplyOptions): PageOutcome {
  const receivedAt = (options.now ?? new Date()).toISOString();
  const total: PageOutcome = { applied: 0, quarantined: 0, replayed: 0, cursor: 0, inserted: 0 };
  let from = 0;
  do {
    let part: PartOutcome;
    options.gate?.enter();
    try {
      part = applyPart(db, s, page, from, verifySignature, options, receivedAt);
    } catch (error) {
      // Rolled back: cluster ids cached during the part may not exist.
      s.reports.reset();
      throw error;
    } finally {
      options.gate?.leave();
    }
    if (part.touched.length > 0) options.onCommitted?.(part.touched);
    total.applied += part.applied;
    total.quarantined += part.quarantined;
    total.replayed += part.replayed;
    total.inserted += part.inserted;
    total.cursor = part.cursor;
    from = part.next;
  } while (from < page.changes.length);
  return total;
}

/** One transaction: changes from index `from` until the budget is spent or the page ends. */
function applyPart(
  db: Db,
  s: ApplyStatements,
  page: PageInput,
  from: number,
  verifySignature: Ed25519Verify,
  options: ApplyOptions,
  receivedAt: string,
): PartOutcome {
  const budget = options.budgetMs ?? TRANSACTION_BUDGET_MS;
  return db.transaction((): PartOutcome => {
    const started = performance.now();
    const before = readCursor(db);
    let cursor = before;
    let applied = 0;
    let quarantined = 0;
    let replayed = 0;
    const touched: number[] = [];
    s.reports.inserted = 0;
    let index = from;
    for (; index < page.changes.length; index++) {
      if (index > from && performance.now() - started >= budget) break;
      const raw = page.changes[index];
      const seq = (raw as { seq?: unknown } | null)?.seq;
      if (typeof seq === 'number' && seq <= before) {
        replayed += 1;
        continue;
      }
      const verdict = judgeChange(raw, verifySignature, options.verified?.[index]?.signature);
      if (!verdict.ok) {
        const kept = quarantinedBytes(verdict.payload, verdict.reason);
        quarantined += s.quarantine.run(verdict.seq, verdict.kind, verdict.code, kept.reason, kept.bytes, verdict.sig, receivedAt).changes;
      } else if (verdict.kind === 'report') {
        s.reports.storeReport(verdict, receivedAt, options.demo, touched, options.verified?.[index]?.projection ?? null);
        applied += 1;
      } else {
        s.reports.storeStatus(verdict, receivedAt, touched);
        applied += 1;
      }
      if (verdict.seq !== null) cursor = Math.max(cursor, verdict.seq);
    }
    // The cursor moves only to seqs the page holds, never to its next_after: the contract makes
    // them equal (the client refuses a page where they are not: change-page.ts), and a next_after
    // beyond the last change would skip every change in between.
    if (index >= page.changes.length) s.setState.run('head_seq', String(page.head_seq));
    s.setState.run('cursor', String(cursor));
    s.reports.commit();
    return { applied, quarantined, replayed, cursor, touched, inserted: s.reports.inserted, next: index };
  }).immediate();
}
