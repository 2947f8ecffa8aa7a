/**
 * The ingest step: how a verified report revision or status change from the
 * intake service is stored. Sync verifies, validates and orders the changes
 * and owns the transaction and the cursor; it hands each accepted change to
 * these writers, which own every statement on `reports`, `report_revisions`,
 * `attachments` (as announced) and `status_changes`, and the report's
 * projection (cluster, first URL, search entry: projection.ts).
 */
import type { Db } from '../store/database.ts';
import type { ReportPayload, StatusPayload } from './payload.ts';
import { parseObservableIds, prepareObservableLinks } from '../observables/observable-rows.ts';
import { prepareProjectionWrites, projectReport, type ReportProjection } from './projection.ts';

/** A report revision whose signature verified and whose payload matched the schema. */
export interface SignedReport {
  seq: number;
  /** The payload exactly as signed (kept verbatim). */
  payload: string;
  sig: string;
  report: ReportPayload;
}

/** A status change whose signature verified and whose payload matched the schema. */
export interface SignedStatus {
  seq: number;
  payload: string;
  sig: string;
  status: StatusPayload;
  /** The payload's `accepted_at` (contract 1.1), checked and normalised (`Date#toISOString`); null from a 1.0 service. */
  acceptedAt: string | null;
}

/** Prepared statements of the ingest step, made once per connection. */
export function prepareReportIngest(db: Db) {
  const s = {
    /**
     * Whether a report has status changes in the store: a report arriving after its status (rare) must
     * pick it up, and this spares every other report the status update. One seek in
     * status_changes_by_report. Not a set of every such report id loaded at the sync's start, as
     * before: at a million reports that took 1.6-2.0 s of each sync and 50 MiB of the sync thread's
     * heap, which every major collection marked on V8's helper threads, taking cores from the thread
     * that answers the renderer (docs/benchmarks.md, issue 14).
     */
    hasStatus: db.prepare('SELECT 1 FROM status_changes WHERE report_id = ? LIMIT 1').pluck(),
    insertRevision: db.prepare('INSERT OR IGNORE INTO report_revisions (report_id, revision, seq, payload, sig, received_at) VALUES (?, ?, ?, ?, ?, ?)'),
    currentRevision: db.prepare('SELECT rowid, revision, observable_ids FROM reports WHERE id = ?'),
    insertReport: db.prepare(`
      INSERT INTO reports (id, revision, revision_seq, submitted_at, updated_at, channel, locale, category, platform, imminent_danger,
                           reporter_mode, country, region, account_handle, attachment_ids, demo, cluster_id, first_url, observable_ids)
      VALUES (@id, @revision, @seq, @submitted_at, @updated_at, @channel, @locale, @category, @platform, @imminent_danger,
              @reporter_mode, @country, @region, @account_handle, @attachment_ids, @demo, @cluster_id, @first_url, @observable_ids)`),
    updateReport: db.prepare(`
      UPDATE reports SET
        revision = @revision, revision_seq = @seq, submitted_at = @submitted_at, updated_at = @updated_at, channel = @channel,
        locale = @locale, category = @category, platform = @platform, imminent_danger = @imminent_danger,
        reporter_mode = @reporter_mode, country = @country, region = @region, account_handle = @account_handle,
        attachment_ids = @attachment_ids, cluster_id = @cluster_id, first_url = @first_url, observable_ids = @observable_ids
      WHERE rowid = @rowid`),
    projection: prepareProjectionWrites(db),
    observables: prepareObservableLinks(db),
    markPending: db.prepare('INSERT OR IGNORE INTO observables_pending (report_rowid) VALUES (?)'),
    insertAttachment: db.prepare('INSERT OR IGNORE INTO attachments (id, report_id, filename, media_type, size, sha256) VALUES (?, ?, ?, ?, ?, ?)'),
    insertStatus: db.prepare('INSERT OR IGNORE INTO status_changes (seq, report_id, status, at, workstation_id, reference, payload, sig, received_at, accepted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    /**
     * The current status is the change the service accepted last (contract 1.1: the signed
     * `accepted_at`, normalised so that text order is time order), ties broken by the higher
     * seq. A 1.0 change (no accepted_at, NULL: last in a descending order) is ordered by seq
     * alone, below every 1.1 change: seq is outside the signature, so a replayed old status
     * given a new seq cannot hide a status the service accepted later. Served by the index
     * status_changes_by_report (report_id, accepted_at, seq), read backwards.
     */
    applyLatestStatus: db.prepare(`
      UPDATE reports SET status = s.status, status_seq = s.seq, status_at = s.at, status_workstation = s.workstation_id, status_reference = s.reference
        FROM (SELECT seq, status, at, workstation_id, reference FROM status_changes WHERE report_id = @id ORDER BY accepted_at DESC, seq DESC LIMIT 1) AS s
       WHERE reports.id = @id AND reports.status_seq IS NOT s.seq
         -- A status set here and not sent yet is the newest word on this report: the service relays it later.
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.report_id = @id AND o.state = 'pending')
      RETURNING reports.rowid`).pluck(),
  };

  return {
    /** Reports inserted since the counter was last reset (the caller resets it per transaction). */
    inserted: 0,

    /**
     * Stores a revision (idempotently); when it is the newest, it becomes the report's current
     * row. `touched` receives the rowid of a report inserted or changed. `projected` is the
     * projection computed elsewhere (the verifier thread) from the same payload, when known.
     */
    storeReport(signed: SignedReport, receivedAt: string, demo: boolean, touched: number[], projected: ReportProjection | null): void {
      const r = signed.report;
      const added = s.insertRevision.run(r.id, r.revision, signed.seq, signed.payload, signed.sig, receivedAt).changes;
      if (added === 0) return; // this revision is already kept: applying it again changes nothing
      const existing = s.currentRevision.get(r.id) as { rowid: number; revision: number; observable_ids: string | null } | undefined;
      if (existing && existing.revision >= r.revision) {
        // An older revision arriving late is kept, but the current one stays.
        for (const a of r.attachments) s.insertAttachment.run(a.id, r.id, a.filename, a.media_type, a.size, a.sha256);
        return;
      }
      const projection = projected ?? projectReport(r);
      const row = {
        id: r.id,
        revision: r.revision,
        seq: signed.seq,
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
        cluster_id: s.projection.clusterId(projection.clusterKey),
        first_url: projection.firstUrl,
        // Not indexed yet: the observables of this revision are extracted after the feed.
        observable_ids: null,
      };
      if (existing) {
        s.updateReport.run({ ...row, rowid: existing.rowid });
        s.projection.index(existing.rowid, projection.searchBody, true);
        // The links of the revision it replaces go now: they no longer describe the report.
        s.observables.link(existing.rowid, [], parseObservableIds(existing.observable_ids) ?? []);
        s.markPending.run(existing.rowid);
        touched.push(existing.rowid);
      } else {
        const rowid = s.insertReport.run({ ...row, demo: demo ? 1 : 0 }).lastInsertRowid;
        this.inserted += 1;
        s.projection.index(rowid, projection.searchBody, false);
        s.markPending.run(rowid);
        touched.push(Number(rowid));
      }
      for (const a of r.attachments) s.insertAttachment.run(a.id, r.id, a.filename, a.media_type, a.size, a.sha256);
      // A status may have arrived before its report.
      if (s.hasStatus.get(r.id) !== undefined) s.applyLatestStatus.get({ id: r.id });
    },

    /** Stores a status change; the report shows the one accepted last (unless a status set here waits in the outbox). */
    storeStatus(signed: SignedStatus, receivedAt: string, touched: number[]): void {
      const st = signed.status;
      s.insertStatus.run(signed.seq, st.report_id, st.status, st.at, st.workstation_id, st.reference ?? null, signed.payload, signed.sig, receivedAt, signed.acceptedAt);
      const rowid = s.applyLatestStatus.get({ id: st.report_id }) as number | undefined;
      if (rowid !== undefined) touched.push(rowid);
    },

    /** Writes what waits for the end of the transaction (search entries, cluster counter): inside it. */
    commit(): void {
      s.projection.commit();
      s.observables.commit();
    },

    /** After a rollback: what was cached or queued during it may not exist. */
    reset(): void {
      s.projection.reset();
      s.observables.reset();
    },
  };
}
export type ReportIngest = ReturnType<typeof prepareReportIngest>;
