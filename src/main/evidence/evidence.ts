/**
 * Evidence as analysts reach it: a case's or a report's items, one item with
 * its custody log (the opening is logged), files imported into a case or a
 * report, exports of an item's exact bytes, and verification of every item.
 *
 * Need to know: an item of a restricted case is seen only by those who see the
 * case, and otherwise answers exactly like an item that does not exist. Items
 * of a report follow the report's rules (every analyst sees reports); the bytes
 * of attachments and files of a category whose content is never shown
 * (child sexual exploitation) never leave the store: their hashes and
 * metadata do.
 */
import { basename } from 'node:path';
import { MAX_IMPORT_BYTES, type CustodyEntry, type EvidenceDetail, type EvidenceItem, type EvidencePage, type EvidenceTarget, type ExportedEvidence, type VerifyMismatch, type VerifyResult } from '../../shared/evidence.ts';
import type { Profile } from '../../shared/schemas.ts';
import { NO_VIEW_CATEGORIES } from '../../shared/triage.ts';
import { recordAudit } from '../audit/audit.ts';
import { VISIBLE_CASE, visibilityParams, visibleCase } from '../cases/access.ts';
import { AppError } from '../errors.ts';
import { reportExists } from '../reports/report-rows.ts';
import { readIntakeConfig } from '../settings/intake-config.ts';
import type { Db } from '../store/database.ts';
import { sha256 } from './hashes.ts';
import { checkSignature, pemFingerprint } from './signature.ts';
import { itemBytes, originalErasedAt, registerReportEvidence } from './sources.ts';
import { appendCustody, storeEvidence } from './store.ts';

export interface Actor {
  db: Db;
  analyst: Profile;
}

interface ItemRow {
  id: string;
  kind: EvidenceItem['kind'];
  report_id: string | null;
  case_id: number | null;
  case_ref: string | null;
  source_ref: string | null;
  label: string | null;
  sha256: string;
  sha1: string;
  md5: string;
  size: number;
  media_type: string;
  declared_type: string | null;
  acquired_at: string;
  clock: string;
  acquired_by: string | null;
  acquired_by_name: string | null;
  workstation_id: string | null;
  tool: string;
  tool_version: string;
  method: string;
  registered_at: string;
  demo: number;
  no_view: number;
}

/** Items the analyst may see (alias `e`): those of no case, or of a case they see. Bind `@analyst`, `@supervisor`. */
const VISIBLE_ITEM = `(e.case_id IS NULL OR EXISTS (SELECT 1 FROM cases c WHERE c.id = e.case_id AND ${VISIBLE_CASE}))`;

/** Whether the item's content may never be shown: its report's category, or any report of its case. */
const NO_VIEW = `(CASE WHEN e.report_id IS NOT NULL
    THEN EXISTS (SELECT 1 FROM reports r WHERE r.id = e.report_id AND r.category IN (SELECT value FROM json_each(@noView)))
    ELSE EXISTS (SELECT 1 FROM case_reports cr JOIN reports r ON r.id = cr.report_id
                  WHERE cr.case_id = e.case_id AND cr.removed_at IS NULL AND r.category IN (SELECT value FROM json_each(@noView))) END)`;

const SELECT_ITEM = `SELECT e.*, ce.ref AS case_ref, a.name AS acquired_by_name, ${NO_VIEW} AS no_view
  FROM evidence_items e LEFT JOIN cases ce ON ce.id = e.case_id LEFT JOIN analysts a ON a.id = e.acquired_by`;

function params(analyst: Profile): Record<string, unknown> {
  return { ...visibilityParams(analyst), noView: JSON.stringify(NO_VIEW_CATEGORIES) };
}

function toItem(db: Db, row: ItemRow, configuredPem: string | null): EvidenceItem {
  const method = JSON.parse(row.method) as Record<string, unknown>;
  let signature: EvidenceItem['signature'] = null;
  if (row.kind === 'intake_original') {
    const bytes = itemBytes(db, row);
    const keyPem = typeof method['intakeKeyPem'] === 'string' ? method['intakeKeyPem'] : null;
    const sig = typeof method['signature'] === 'string' ? method['signature'] : '';
    const erasedAt = bytes === null && row.source_ref !== null ? originalErasedAt(db, row.source_ref) : null;
    if (erasedAt !== null) signature = { verified: false, keyFingerprint: pemFingerprint(keyPem), currentKey: pemFingerprint(keyPem) === pemFingerprint(configuredPem), erasedAt };
    else signature = bytes ? checkSignature(bytes, sig, keyPem, configuredPem) : { verified: false, keyFingerprint: null, currentKey: false };
  }
  return {
    id: row.id,
    kind: row.kind,
    reportId: row.report_id,
    caseRef: row.case_ref,
    sourceRef: row.source_ref,
    label: row.label,
    sha256: row.sha256,
    sha1: row.sha1,
    md5: row.md5,
    size: row.size,
    mediaType: row.media_type,
    declaredType: row.declared_type,
    acquiredAt: row.acquired_at,
    clock: row.clock,
    acquiredBy: row.acquired_by,
    acquiredByName: row.acquired_by_name,
    workstationId: row.workstation_id,
    tool: row.tool,
    toolVersion: row.tool_version,
    method,
    registeredAt: row.registered_at,
    signature,
    exportable: !(row.no_view === 1 && row.kind !== 'intake_original'),
    demo: row.demo === 1,
  };
}

function notFound(): AppError {
  return new AppError('NOT_FOUND', 'No such evidence item.');
}

/** The item if the analyst may see it; NOT_FOUND otherwise, whether it exists or not. */
function visibleItem(db: Db, analyst: Profile, id: string): ItemRow {
  const row = db.prepare(`${SELECT_ITEM} WHERE e.id = @id AND ${VISIBLE_ITEM}`).get({ id, ...params(analyst) }) as ItemRow | undefined;
  if (!row) throw notFound();
  return row;
}

/** The reports and case a target covers, registering their sync-held evidence first. */
function resolveTarget({ db, analyst }: Actor, target: EvidenceTarget | undefined, now: Date): { where: string; bind: Record<string, unknown> } {
  if (target === undefined) return { where: '1 = 1', bind: {} };
  if ('caseRef' in target) {
    const row = visibleCase(db, analyst, target.caseRef);
    const reportIds = db.prepare('SELECT report_id FROM case_reports WHERE case_id = ? AND removed_at IS NULL ORDER BY report_id').pluck().all(row.id) as string[];
    registerReportEvidence(db, reportIds, analyst.id, now);
    return {
      where: '(e.case_id = @caseId OR e.report_id IN (SELECT report_id FROM case_reports WHERE case_id = @caseId AND removed_at IS NULL))',
      bind: { caseId: row.id },
    };
  }
  if (!reportExists(db, target.reportId)) throw new AppError('NOT_FOUND', `No report ${target.reportId}.`);
  registerReportEvidence(db, [target.reportId], analyst.id, now);
  return { where: 'e.report_id = @reportId', bind: { reportId: target.reportId } };
}

const KIND_ORDER = `CASE e.kind WHEN 'intake_original' THEN 0 WHEN 'attachment' THEN 1 WHEN 'imported_file' THEN 2 ELSE 3 END`;

/** A page of a case's or a report's items: by report, originals first, then attachments, files, captures; oldest first. */
export function listEvidence(actor: Actor, target: EvidenceTarget | undefined, page: { offset: number; limit: number }, now = new Date()): EvidencePage {
  const { db, analyst } = actor;
  const { where, bind } = resolveTarget(actor, target, now);
  const all = { ...bind, ...params(analyst) };
  const total = db.prepare(`SELECT count(*) FROM evidence_items e WHERE ${where} AND ${VISIBLE_ITEM}`).pluck().get(all) as number;
  const rows = db
    .prepare(`${SELECT_ITEM} WHERE ${where} AND ${VISIBLE_ITEM} ORDER BY e.report_id IS NULL, e.report_id, ${KIND_ORDER}, e.acquired_at, e.id LIMIT @limit OFFSET @offset`)
    .all({ ...all, limit: page.limit, offset: page.offset }) as ItemRow[];
  const configuredPem = readIntakeConfig(db)?.publicKeyPem ?? null;
  return { items: rows.map((row) => toItem(db, row, configuredPem)), total };
}

function custodyLog(db: Db, id: string): CustodyEntry[] {
  const rows = db
    .prepare('SELECT k.id, k.at, k.analyst_id, a.name AS analyst_name, k.action, k.detail FROM evidence_custody k LEFT JOIN analysts a ON a.id = k.analyst_id WHERE k.item_id = ? ORDER BY k.id')
    .all(id) as { id: number; at: string; analyst_id: string | null; analyst_name: string | null; action: CustodyEntry['action']; detail: string }[];
  return rows.map((r) => ({ id: r.id, at: r.at, analystId: r.analyst_id, analystName: r.analyst_name, action: r.action, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

/** One item and its custody log; the opening is logged (`viewed`) first, so the log shows it. */
export function openEvidence({ db, analyst }: Actor, id: string, now = new Date()): EvidenceDetail {
  return db.transaction(() => {
    const row = visibleItem(db, analyst, id);
    appendCustody(db, id, 'viewed', analyst.id, {}, now);
    return { item: toItem(db, row, readIntakeConfig(db)?.publicKeyPem ?? null), custody: custodyLog(db, id) };
  })();
}

/** The custody log without logging a view (the CLI's list, dossiers). */
export function custodyOf({ db, analyst }: Actor, id: string): CustodyEntry[] {
  visibleItem(db, analyst, id);
  return custodyLog(db, id);
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** An analyst's file into a case or a report, its bytes kept in the evidence store. */
export function importEvidence(
  { db, analyst }: Actor,
  input: { target: EvidenceTarget; fileName: string; declaredType?: string | undefined; base64: string; via: 'window' | 'cli' },
  now = new Date(),
): EvidenceItem {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.base64) || input.base64.length % 4 !== 0) throw new AppError('INVALID_INPUT', 'The file’s bytes must be standard base64.');
  const bytes = Buffer.from(input.base64, 'base64');
  if (bytes.length > MAX_IMPORT_BYTES) throw new AppError('INVALID_INPUT', `The file is ${mib(bytes.length)}: evidence imports are limited to ${mib(MAX_IMPORT_BYTES)}.`);
  if (bytes.length === 0) throw new AppError('INVALID_INPUT', 'The file is empty.');
  const id = db.transaction(() => {
    let caseId: number | null = null;
    let reportId: string | null = null;
    let demo: boolean;
    if ('caseRef' in input.target) {
      caseId = visibleCase(db, analyst, input.target.caseRef).id;
      demo = readIntakeConfig(db)?.demo ?? false;
    } else {
      reportId = input.target.reportId;
      const row = db.prepare('SELECT demo FROM reports WHERE id = ?').get(reportId) as { demo: number } | undefined;
      if (!row) throw new AppError('NOT_FOUND', `No report ${reportId}.`);
      demo = row.demo === 1;
    }
    const fileName = basename(input.fileName.replace(/\\/g, '/'));
    const itemId = storeEvidence(
      db,
      {
        kind: 'imported_file',
        bytes,
        reportId,
        caseId,
        label: fileName,
        declaredType: input.declaredType ?? null,
        acquiredBy: analyst.id,
        method: { how: 'analyst_import', via: input.via, fileName, declaredType: input.declaredType ?? null },
        demo,
        custodyDetail: { fileName },
      },
      now,
    );
    const target = 'caseRef' in input.target ? input.target.caseRef : input.target.reportId;
    recordAudit(db, analyst.id, 'evidence.imported', { id: itemId, target, fileName, size: bytes.length }, now);
    return itemId;
  })();
  const row = visibleItem(db, analyst, id);
  return toItem(db, row, readIntakeConfig(db)?.publicKeyPem ?? null);
}

/** The item's exact bytes for a file; refused for content never shown, and when the bytes no longer match. Logged. */
export function exportEvidence({ db, analyst }: Actor, id: string, fileName: string, now = new Date()): ExportedEvidence {
  return db.transaction(() => {
    const row = visibleItem(db, analyst, id);
    const item = toItem(db, row, null);
    if (!item.exportable) throw new AppError('FORBIDDEN', 'The content of this category is never shown or exported; its hashes and metadata are.');
    const bytes = itemBytes(db, row);
    if (!bytes) throw new AppError('NOT_FOUND', `The bytes of ${id} are no longer in the store: run evidence verify.`);
    const digest = sha256(bytes);
    if (digest !== row.sha256) throw new AppError('CONFLICT', `The bytes of ${id} no longer match their SHA-256: run evidence verify.`);
    const file = basename(fileName.replace(/\\/g, '/'));
    appendCustody(db, id, 'exported', analyst.id, { file, sha256: digest, size: bytes.length }, now);
    recordAudit(db, analyst.id, 'evidence.exported', { id, file, sha256: digest }, now);
    return { id, fileName: file, sha256: digest, size: bytes.length, mediaType: row.media_type, base64: bytes.toString('base64') };
  })();
}

/**
 * A page screenshot's bytes for its on-screen preview (the decoder process reads them; the renderer only ever
 * gets pixels). FORBIDDEN for content never shown, refused when the bytes no longer match; logged as viewed.
 */
export function screenshotBytes({ db, analyst }: Actor, id: string, now = new Date()): Buffer {
  return db.transaction(() => {
    const row = visibleItem(db, analyst, id);
    if (row.kind !== 'screenshot') throw new AppError('INVALID_INPUT', `${id} is not a page screenshot.`);
    if (row.no_view === 1) throw new AppError('FORBIDDEN', 'The content of this category is never shown; its hashes and metadata are.');
    const bytes = itemBytes(db, row);
    if (!bytes) throw new AppError('NOT_FOUND', `The bytes of ${id} are no longer in the store: run evidence verify.`);
    if (sha256(bytes) !== row.sha256) throw new AppError('CONFLICT', `The bytes of ${id} no longer match their SHA-256: run evidence verify.`);
    appendCustody(db, id, 'viewed', analyst.id, { as: 'greyscale_preview' }, now);
    recordAudit(db, analyst.id, 'evidence.viewed', { id, as: 'greyscale_preview' }, now);
    return bytes;
  })();
}

/** The analyst removed the blur from a page screenshot's preview: logged in its custody and the audit journal before it is shown. */
export function screenshotUnblurred({ db, analyst }: Actor, id: string, now = new Date()): void {
  db.transaction(() => {
    const row = visibleItem(db, analyst, id);
    if (row.kind !== 'screenshot') throw new AppError('INVALID_INPUT', `${id} is not a page screenshot.`);
    if (row.no_view === 1) throw new AppError('FORBIDDEN', 'The content of this category is never shown; its hashes and metadata are.');
    appendCustody(db, id, 'viewed', analyst.id, { as: 'unblurred' }, now);
    recordAudit(db, analyst.id, 'evidence.unblurred', { id }, now);
  })();
}

/** Hashes again every item the analyst may see (every item, for a supervisor); logs each result in its custody. */
export function verifyEvidence({ db, analyst }: Actor, now = new Date()): VerifyResult {
  const mismatches: VerifyMismatch[] = [];
  let checked = 0;
  const configuredPem = readIntakeConfig(db)?.publicKeyPem ?? null;
  const page = db.prepare(`${SELECT_ITEM} WHERE e.id > @after AND ${VISIBLE_ITEM} ORDER BY e.id LIMIT 500`);
  let after = '';
  for (;;) {
    const rows = page.all({ after, ...params(analyst) }) as ItemRow[];
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    db.transaction(() => {
      for (const row of rows) {
        const bytes = itemBytes(db, row);
        // An original erased under retention has nothing left to check: its item says when (its signature's erasedAt).
        if (bytes === null && row.kind === 'intake_original' && row.source_ref !== null && originalErasedAt(db, row.source_ref) !== null) continue;
        checked += 1;
        const actual = bytes ? sha256(bytes) : null;
        let reason: VerifyMismatch['reason'] | null = null;
        if (!bytes) reason = 'bytes_missing';
        else if (actual !== row.sha256 || bytes.length !== row.size) reason = 'hash_mismatch';
        else if (row.kind === 'intake_original' && !toItem(db, row, configuredPem).signature?.verified) reason = 'signature_invalid';
        if (reason === null) {
          appendCustody(db, row.id, 'verified', analyst.id, { sha256: row.sha256 }, now);
        } else {
          appendCustody(db, row.id, 'verify_failed', analyst.id, { reason, expectedSha256: row.sha256, actualSha256: actual }, now);
          mismatches.push({ id: row.id, kind: row.kind, reportId: row.report_id, caseRef: row.case_ref, reason, expectedSha256: row.sha256, actualSha256: actual });
        }
      }
    })();
  }
  recordAudit(db, analyst.id, 'evidence.verified', { checked, mismatches: mismatches.length }, now);
  return { checked, matched: checked - mismatches.length, mismatches };
}
