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
import type { Ed25519Verify } from './ed25519.ts';
import { prepareTriageIngest, triageProjection, type TriageProjection } from '../triage/ingest.ts';
import type { Verified } from './signature-verifier.ts';
import { ReportPayload, StatusPayload, type RawChange, type ReportPayload as Report, type StatusPayload as Status } from './payload.ts';

export const MAX_PAYLOAD_BYTES = 262_144;
/** Standard base64 with padding, as the contract requires of `sig`. */
export const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

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

type Verdict = { ok: true; kind: 'report'; seq: number; payload: string; sig: string; report: Report } | { ok: true; kind: 'status'; seq: number; payload: string; sig: string; status: Status } | { ok: false; seq: number | null; kind: string; code: QuarantineCode; reason: string; payload: string; sig: string | null };

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
    return { ok: true, kind, seq, payload, sig, status: status.data };
  }
  return fail('unknown_kind', `unknown change kind "${kind}"`);
}

/** Prepared statements of the apply path, made once per connection. */
export function prepareApply(db: Db) {
  return {
    /**
     * Reports that have status changes in the store. A report arriving after its status
     * (rare) must pick it up; checking this set spares every other report that lookup.
     * Only the sync writes status changes, so the set stays exact for the run.
     */
    reportsWithStatus: new Set((db.prepare('SELECT DISTINCT report_id FROM status_changes').pluck().all() as string[])),
    insertRevision: db.prepare('INSERT OR IGNORE INTO report_revisions (report_id, revision, seq, payload, sig, received_at) VALUES (?, ?, ?, ?, ?, ?)'),
    currentRevision: db.prepare('SELECT rowid, revision FROM reports WHERE id = ?'),
    insertReport: db.prepare(`
      INSERT INTO reports (id, revision, revision_seq, submitted_at, updated_at, channel, locale, category, platform, imminent_danger,
                           reporter_mode, country, region, account_handle, attachment_ids, demo, cluster_id, first_url)
      VALUES (@id, @revision, @seq, @submitted_at, @updated_at, @channel, @locale, @category, @platform, @imminent_danger,
              @reporter_mode, @country, @region, @account_handle, @attachment_ids, @demo, @cluster_id, @first_url)`),
    updateReport: db.prepare(`
      UPDATE reports SET
        revision = @revision, revision_seq = @seq, submitted_at = @submitted_at, updated_at = @updated_at, channel = @channel,
        locale = @locale, category = @category, platform = @platform, imminent_danger = @imminent_danger,
        reporter_mode = @reporter_mode, country = @country, region = @region, account_handle = @account_handle,
        attachment_ids = @attachment_ids, cluster_id = @cluster_id, first_url = @first_url
      WHERE rowid = @rowid`),
    triage: prepareTriageIngest(db),
    /** Reports inserted since the counter was last read (see applyPage). */
    inserted: 0,
    insertAttachment: db.prepare('INSERT OR IGNORE INTO attachments (id, report_id, filename, media_type, size, sha256) VALUES (?, ?, ?, ?, ?, ?)'),
    insertStatus: db.prepare('INSERT OR IGNORE INTO status_changes (seq, report_id, status, at, workstation_id, reference, payload, sig, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    applyLatestStatus: db.prepare(`
      UPDATE reports SET status = s.status, status_seq = s.seq, status_at = s.at, status_workstation = s.workstation_id, status_reference = s.reference
        FROM (SELECT seq, status, at, workstation_id, reference FROM status_changes WHERE report_id = @id ORDER BY seq DESC LIMIT 1) AS s
       WHERE reports.id = @id AND (reports.status_seq IS NULL OR reports.status_seq < s.seq)
         -- A status set here and not sent yet is the newest word on this report: the service relays it later.
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.report_id = @id AND o.state = 'pending')
      RETURNING reports.rowid`).pluck(),
    quarantine: db.prepare('INSERT OR IGNORE INTO quarantine (seq, kind, reason_code, reason, payload, sig, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    setState: db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
  };
}
export type ApplyStatements = ReturnType<typeof prepareApply>;

export function readCursor(db: Db): number {
  const row = db.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").get() as { value: string } | undefined;
  return row ? Number(row.value) : 0;
}

function applyReport(
  s: ApplyStatements,
  verdict: Extract<Verdict, { kind: 'report'; ok: true }>,
  receivedAt: string,
  demo: boolean,
  touched: number[],
  projected: TriageProjection | null,
): void {
  const r = verdict.report;
  const added = s.insertRevision.run(r.id, r.revision, verdict.seq, verdict.payload, verdict.sig, receivedAt).changes;
  if (added === 0) return; // this revision is already kept: applying it again changes nothing
  const existing = s.currentRevision.get(r.id) as { rowid: number; revision: number } | undefined;
  if (existing && existing.revision >= r.revision) {
    // An older revision arriving late is kept, but the current one stays.
    for (const a of r.attachments) s.insertAttachment.run(a.id, r.id, a.filename, a.media_type, a.size, a.sha256);
    return;
  }
  // Computed by the verifier thread from the same payload text, when it could.
  const projection = projected ?? triageProjection(r);
  const row = {
    id: r.id,
    revision: r.revision,
    seq: verdict.seq,
    submitted_at: r.submitted_at,
    updated_at: r.updated_at,
    channel: r.channel,
    locale: r.locale,
    category: r.category,
    platform: r.content.platform,
    imminent_danger: r.imminent_danger ? 1 : 0,
    reporter_mode: r.reporter.mode,
    country: r.reporter_location.country,
    region: r.reporter_location.region ?? null,
    account_handle: r.content.account_handle ?? null,
    attachment_ids: JSON.stringify(r.attachments.map((a) => a.id)),
    cluster_id: s.triage.clusterId(projection.clusterKey),
    first_url: projection.firstUrl,
  };
  if (existing) {
    s.updateReport.run({ ...row, rowid: existing.rowid });
    s.triage.index(existing.rowid, projection.searchBody, true);
    touched.push(existing.rowid);
  } else {
    const rowid = s.insertReport.run({ ...row, demo: demo ? 1 : 0 }).lastInsertRowid;
    s.inserted += 1;
    s.triage.index(rowid, projection.searchBody, false);
    touched.push(Number(rowid));
  }
  for (const a of r.attachments) s.insertAttachment.run(a.id, r.id, a.filename, a.media_type, a.size, a.sha256);
  // A status may have arrived before its report.
  if (s.reportsWithStatus.has(r.id)) s.applyLatestStatus.get({ id: r.id });
}

function applyStatus(s: ApplyStatements, verdict: Extract<Verdict, { kind: 'status'; ok: true }>, receivedAt: string, touched: number[]): void {
  const st = verdict.status;
  s.insertStatus.run(verdict.seq, st.report_id, st.status, st.at, st.workstation_id, st.reference ?? null, verdict.payload, verdict.sig, receivedAt);
  s.reportsWithStatus.add(st.report_id);
  const rowid = s.applyLatestStatus.get({ id: st.report_id }) as number | undefined;
  if (rowid !== undefined) touched.push(rowid);
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
 * covers (the page's `next_after` with its last part); returns what it did and the new cursor
 * (never lower than the old one).
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
      s.triage.reset();
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
    s.inserted = 0;
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
        quarantined += s.quarantine.run(verdict.seq, verdict.kind, verdict.code, verdict.reason, Buffer.from(verdict.payload, 'utf8'), verdict.sig, receivedAt).changes;
      } else if (verdict.kind === 'report') {
        applyReport(s, verdict, receivedAt, options.demo, touched, options.verified?.[index]?.projection ?? null);
        applied += 1;
      } else {
        applyStatus(s, verdict, receivedAt, touched);
        applied += 1;
      }
      if (verdict.seq !== null) cursor = Math.max(cursor, verdict.seq);
    }
    // The page's next_after covers its gaps, once every change of it is applied.
    if (index >= page.changes.length) {
      cursor = Math.max(cursor, page.next_after);
      s.setState.run('head_seq', String(page.head_seq));
    }
    s.setState.run('cursor', String(cursor));
    s.triage.commit();
    return { applied, quarantined, replayed, cursor, touched, inserted: s.inserted, next: index };
  }).immediate();
}
