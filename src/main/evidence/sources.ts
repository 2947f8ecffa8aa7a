/**
 * Evidence whose bytes the sync already keeps: each report's signed originals
 * (every revision's payload, verbatim as signed, with its signature) and its
 * verified attachments. They become items when first asked for (a report's or
 * a case's evidence listed), never during the sync, whose rate is measured:
 * acquired when the sync received or verified them, by the sync (no analyst),
 * the custody saying they were registered later. Reads the report tables
 * read-only, like cases/ does, because one join per report is what it takes.
 */
import type { Db } from '../store/database.ts';
import { readIntakeConfig } from '../settings/intake-config.ts';
import { pemFingerprint } from './signature.ts';
import { storeEvidence } from './store.ts';

/** `IBL-2026-0000001#2`: the report and revision whose payload an intake original is. */
export function originalRef(reportId: string, revision: number): string {
  return `${reportId}#${revision}`;
}

export function parseOriginalRef(ref: string): { reportId: string; revision: number } | null {
  const m = /^(.+)#(\d+)$/.exec(ref);
  return m ? { reportId: m[1]!, revision: Number(m[2]) } : null;
}

interface RevisionRow {
  report_id: string;
  revision: number;
  seq: number;
  payload: string;
  sig: string;
  received_at: string;
  demo: number;
}

interface AttachmentRow {
  id: string;
  report_id: string;
  filename: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  verified_at: string | null;
  demo: number;
}

/** Registers the intake originals and verified attachments of these reports that are not items yet (idempotent). */
export function registerReportEvidence(db: Db, reportIds: readonly string[], registeredBy: string, now = new Date()): number {
  if (reportIds.length === 0) return 0;
  const revisions = db.prepare(
    `SELECT v.report_id, v.revision, v.seq, v.payload, v.sig, v.received_at, r.demo FROM report_revisions v JOIN reports r ON r.id = v.report_id
      WHERE v.report_id = ? AND NOT EXISTS (SELECT 1 FROM evidence_items e WHERE e.kind = 'intake_original' AND e.source_ref = v.report_id || '#' || v.revision)
      ORDER BY v.revision`,
  );
  const attachments = db.prepare(
    `SELECT a.id, a.report_id, a.filename, a.media_type, a.size, a.sha256, a.content, a.verified_at, r.demo FROM attachments a JOIN reports r ON r.id = a.report_id
      WHERE a.report_id = ? AND a.state = 'verified' AND a.content IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM evidence_items e WHERE e.kind = 'attachment' AND e.source_ref = a.id)
      ORDER BY a.id`,
  );
  const config = readIntakeConfig(db);
  const keyPem = config?.publicKeyPem ?? null;
  const keyFingerprint = pemFingerprint(keyPem);
  const workstationId = config?.workstationId ?? null;
  const later = { registeredAt: now.toISOString(), registeredBy, note: 'acquired by the sync, registered as evidence when first asked for' };
  let added = 0;
  db.transaction(() => {
    for (const reportId of new Set(reportIds)) {
      for (const row of revisions.all(reportId) as RevisionRow[]) {
        storeEvidence(
          db,
          {
            kind: 'intake_original',
            bytes: Buffer.from(row.payload, 'utf8'),
            reportId: row.report_id,
            sourceRef: originalRef(row.report_id, row.revision),
            label: `${row.report_id} rev. ${row.revision}`,
            declaredType: 'application/json',
            acquiredAt: row.received_at,
            acquiredBy: null,
            method: {
              how: 'intake_sync',
              description: 'Signed change received from the intake service; its Ed25519 signature was verified over the exact payload bytes before it was stored.',
              intakeUrl: config?.url ?? null,
              changeSeq: row.seq,
              revision: row.revision,
              signatureAlgorithm: 'Ed25519',
              signature: row.sig,
              intakeKeyFingerprint: keyFingerprint,
              intakeKeyPem: keyPem,
              receivedAt: row.received_at,
            },
            demo: row.demo === 1,
            custodyDetail: { by: 'sync', ...later },
            workstationId,
          },
          now,
        );
        added += 1;
      }
      for (const row of attachments.all(reportId) as AttachmentRow[]) {
        storeEvidence(
          db,
          {
            kind: 'attachment',
            bytes: row.content,
            reportId: row.report_id,
            sourceRef: row.id,
            label: row.filename,
            declaredType: row.media_type,
            acquiredAt: row.verified_at ?? now.toISOString(),
            acquiredBy: null,
            method: {
              how: 'intake_attachment',
              description: 'Downloaded from the intake service and kept once its size and SHA-256 matched those the signed report declares.',
              intakeUrl: config?.url ?? null,
              attachmentId: row.id,
              declaredSize: row.size,
              declaredSha256: row.sha256,
              verifiedAt: row.verified_at,
            },
            demo: row.demo === 1,
            custodyDetail: { by: 'sync', ...later },
            workstationId,
          },
          now,
        );
        added += 1;
      }
    }
  })();
  return added;
}

/** The bytes of an item, from wherever they live; null when they are gone. */
export function itemBytes(db: Db, item: { id: string; kind: string; source_ref: string | null }): Buffer | null {
  if (item.kind === 'intake_original' && item.source_ref !== null) {
    const ref = parseOriginalRef(item.source_ref);
    if (!ref) return null;
    // An original whose reporter identity was erased under retention is no longer the signed bytes: none to give.
    const payload = db.prepare('SELECT payload FROM report_revisions WHERE report_id = ? AND revision = ? AND erased_at IS NULL').pluck().get(ref.reportId, ref.revision) as
      | string
      | undefined;
    return payload === undefined ? null : Buffer.from(payload, 'utf8');
  }
  if (item.kind === 'attachment' && item.source_ref !== null) {
    const content = db.prepare("SELECT content FROM attachments WHERE id = ? AND state = 'verified'").pluck().get(item.source_ref) as Buffer | null | undefined;
    return content ?? null;
  }
  return (db.prepare('SELECT content FROM evidence_blobs WHERE item_id = ?').pluck().get(item.id) as Buffer | undefined) ?? null;
}

/** When an intake original's reporter identity was erased under retention (law 09-08), or null. */
export function originalErasedAt(db: Db, sourceRef: string): string | null {
  const ref = parseOriginalRef(sourceRef);
  if (!ref) return null;
  return (db.prepare('SELECT erased_at FROM report_revisions WHERE report_id = ? AND revision = ?').pluck().get(ref.reportId, ref.revision) as string | null | undefined) ?? null;
}

/** The signature kept with an intake original (the change's `sig`, as stored). */
export function originalSignature(db: Db, sourceRef: string): string | null {
  const ref = parseOriginalRef(sourceRef);
  if (!ref) return null;
  return (db.prepare('SELECT sig FROM report_revisions WHERE report_id = ? AND revision = ?').pluck().get(ref.reportId, ref.revision) as string | undefined) ?? null;
}
