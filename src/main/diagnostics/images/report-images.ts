/**
 * What the report view shows of its attachments' analysis: sniffed and
 * declared types, dimensions, metadata, near duplicates in other reports,
 * hash-list matches; and the greyscale preview's pixels (never the file's
 * bytes, never for a category whose content is never shown). Reads the
 * report tables read-only, like evidence/ does.
 */
import { recordAudit } from '../../audit/audit.ts';
import { AppError } from '../../errors.ts';
import type { Unlocked } from '../../session/session.ts';
import type { Db } from '../../store/database.ts';
import { NO_VIEW_CATEGORIES } from '../../../shared/triage.ts';
import type { AttachmentAnalysis, HashMatch, ImageMetadata, PreviewPixels, ReportImageAnalysis } from '../../../shared/images.ts';
import { reportHashMatches } from './hash-lists.ts';
import { readPdqThreshold } from './pdq-store.ts';
import { similarImages } from './analysis.ts';

interface AnalysisRow {
  attachment_id: string;
  media_type_sniffed: string | null;
  declared_type: string;
  type_mismatch: number;
  decoded: number;
  width: number | null;
  height: number | null;
  metadata: string | null;
  pdq: Buffer | null;
  pdq_quality: number | null;
  md5: string;
  sha1: string;
  has_preview: number;
  error_code: string | null;
  error: string | null;
}

export function reportImageAnalysis(db: Db, reportId: string): ReportImageAnalysis {
  const report = db.prepare('SELECT attachment_ids FROM reports WHERE id = ?').pluck().get(reportId) as string | undefined;
  if (report === undefined) throw new AppError('NOT_FOUND', `No report ${reportId}.`);
  const ids = JSON.parse(report) as string[];
  const threshold = readPdqThreshold(db);
  const declared = db.prepare('SELECT media_type FROM attachments WHERE id = ?').pluck();
  const read = db.prepare(
    `SELECT attachment_id, media_type_sniffed, declared_type, type_mismatch, decoded, width, height, metadata, pdq, pdq_quality, md5, sha1,
       preview IS NOT NULL AS has_preview, error_code, error FROM attachment_analysis WHERE attachment_id = ?`,
  );
  const attachments: AttachmentAnalysis[] = ids.map((id) => {
    const row = read.get(id) as AnalysisRow | undefined;
    if (!row) {
      return {
        attachmentId: id,
        analysed: false,
        declaredType: (declared.get(id) as string | undefined) ?? '',
        sniffedType: null,
        typeMismatch: false,
        decoded: false,
        width: null,
        height: null,
        metadata: null,
        pdq: null,
        pdqQuality: null,
        md5: null,
        sha1: null,
        errorCode: null,
        error: null,
        similar: [],
        hasPreview: false,
      };
    }
    return {
      attachmentId: id,
      analysed: true,
      declaredType: row.declared_type,
      sniffedType: row.media_type_sniffed,
      typeMismatch: row.type_mismatch === 1,
      decoded: row.decoded === 1,
      width: row.width,
      height: row.height,
      metadata: row.metadata ? (JSON.parse(row.metadata) as ImageMetadata) : null,
      pdq: row.pdq ? row.pdq.toString('hex') : null,
      pdqQuality: row.pdq_quality,
      md5: row.md5,
      sha1: row.sha1,
      errorCode: row.error_code,
      error: row.error,
      similar: row.pdq ? similarImages(db, id, threshold).map(({ reportId: r, attachmentId, distance }) => ({ reportId: r, attachmentId, distance })) : [],
      hasPreview: row.has_preview === 1,
    };
  });
  const hashMatches: HashMatch[] = reportHashMatches(db, reportId);
  return { reportId, threshold, attachments, hashMatches };
}

/** The preview's greyscale pixels; FORBIDDEN for a category never shown. Recorded like opening the image. */
export function attachmentPreview({ db, analyst }: Unlocked, reportId: string, attachmentId: string): PreviewPixels {
  const row = db
    .prepare(
      `SELECT x.preview, x.preview_width, x.preview_height, r.category FROM attachments a JOIN reports r ON r.id = a.report_id
         LEFT JOIN attachment_analysis x ON x.attachment_id = a.id
        WHERE a.id = ? AND a.report_id = ? AND EXISTS (SELECT 1 FROM json_each(r.attachment_ids) j WHERE j.value = a.id)`,
    )
    .get(attachmentId, reportId) as { preview: Buffer | null; preview_width: number | null; preview_height: number | null; category: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `No attachment ${attachmentId} on report ${reportId}.`);
  if (NO_VIEW_CATEGORIES.includes(row.category)) throw new AppError('FORBIDDEN', 'Attachments of this category are never shown; only their hashes and metadata are.');
  if (!row.preview || !row.preview_width || !row.preview_height) throw new AppError('NOT_FOUND', 'This attachment has no preview (not analysed, not an image, or not decoded).');
  recordAudit(db, analyst.id, 'report.attachment_viewed', { reportId, attachmentId, as: 'greyscale_preview' });
  return { width: row.preview_width, height: row.preview_height, grey: row.preview.toString('base64') };
}

export function hashLists(db: Db) {
  return (
    db
      .prepare(
        `SELECT l.id, l.label, l.source, l.format, l.entries, l.imported_at, (SELECT count(DISTINCT m.report_id) FROM hash_list_matches m WHERE m.list_id = l.id) AS matched
           FROM hash_lists l ORDER BY l.id`,
      )
      .all() as { id: number; label: string; source: string; format: string; entries: number; imported_at: string; matched: number }[]
  ).map((l) => ({ id: l.id, label: l.label, source: l.source, format: l.format, entries: l.entries, importedAt: l.imported_at, matchedReports: l.matched }));
}
