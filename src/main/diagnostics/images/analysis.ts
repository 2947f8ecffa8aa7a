/**
 * Attachments analysed after they are verified, in the core: the bytes go to
 * the decoder process (image-decoder.ts), what comes back is stored in
 * `attachment_analysis` (migration 8) with MD5 and SHA-1 computed here
 * (hashing reads bytes, it decodes nothing), then matched against the
 * known-hash lists (hash-lists.ts).
 *
 * When: never in the sync's hot path (the sync rate is a measured figure).
 * `analysePendingAttachments` is a pass over verified attachments that have no
 * analysis yet: core.ts runs it in the background after each sync run ends
 * (like the observables step follows the feed, but outside the run, so that a
 * slow or hostile image never holds up the sync), and the report view asks for
 * a report's own attachments first (`analyseReportAttachments`), so what the
 * analyst opens is never waiting behind the queue. The CLI runs the pass
 * before a hash list is matched.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../store/database.ts';
import { NO_VIEW_CATEGORIES } from '../../../shared/triage.ts';
import type { ImageDecoder } from './image-decoder.ts';
import { matchAttachment } from './hash-lists.ts';
import { blobDistance } from './pdq-store.ts';

interface PendingRow {
  id: string;
  report_id: string;
  media_type: string;
  sha256: string;
  category: string | null;
  /** A first failure that may have been the machine's (a time-out or a crash under load): retried once. */
  previous: string | null;
}

/** Verified attachments with no analysis, and those whose first analysis timed out or crashed (retried once: `retried: ` marks the second failure). */
const PENDING_SQL = `SELECT a.id, a.report_id, a.media_type, a.sha256, r.category, x.error_code AS previous FROM attachments a
  LEFT JOIN reports r ON r.id = a.report_id LEFT JOIN attachment_analysis x ON x.attachment_id = a.id
  WHERE a.state = 'verified' AND a.content IS NOT NULL
    AND (x.attachment_id IS NULL OR (x.error_code IN ('TIMEOUT', 'CRASHED') AND x.error NOT LIKE 'retried: %'))`;

/** Declared and sniffed types agree when they name the same type (image/jpg is image/jpeg). */
export function typesDiffer(declared: string, sniffed: string | null): boolean {
  const norm = (t: string) => t.trim().toLowerCase().split(';')[0]!.replace('image/jpg', 'image/jpeg').replace('image/pjpeg', 'image/jpeg').replace('image/x-png', 'image/png');
  if (sniffed === null) return norm(declared).startsWith('image/');
  return norm(declared) !== sniffed;
}

async function analyseRows(db: Db, decoder: ImageDecoder, rows: PendingRow[], now: () => Date): Promise<{ analysed: number; failed: number; matchedReports: Set<string> }> {
  const content = db.prepare('SELECT content FROM attachments WHERE id = ?').pluck();
  const insert = db.prepare(
    `INSERT OR REPLACE INTO attachment_analysis (attachment_id, report_id, media_type_sniffed, declared_type, type_mismatch, decoded, width, height, metadata, pdq, pdq_quality,
       md5, sha1, sha256, preview, preview_width, preview_height, analysed_at, error_code, error)
     VALUES (@id, @report, @sniffed, @declared, @mismatch, @decoded, @width, @height, @metadata, @pdq, @quality, @md5, @sha1, @sha256, @preview, @pw, @ph, @at, @code, @error)`,
  );
  let analysed = 0;
  let failed = 0;
  const matchedReports = new Set<string>();
  for (const row of rows) {
    const bytes = content.get(row.id) as Buffer | null;
    if (!bytes) continue;
    const md5 = createHash('md5').update(bytes).digest('hex');
    const sha1 = createHash('sha1').update(bytes).digest('hex');
    const result = await decoder.analyse(new Uint8Array(bytes));
    const noView = row.category !== null && NO_VIEW_CATEGORIES.includes(row.category);
    const a = result.ok ? result.analysis : null;
    const sniffed = a ? a.mediaType : sniffHead(bytes);
    const values = {
      id: row.id,
      report: row.report_id,
      sniffed,
      declared: row.media_type,
      mismatch: typesDiffer(row.media_type, sniffed) ? 1 : 0,
      decoded: a?.decoded ? 1 : 0,
      width: a?.width ?? null,
      height: a?.height ?? null,
      metadata: a?.metadata ? JSON.stringify(a.metadata) : null,
      pdq: a?.pdq ? Buffer.from(a.pdq, 'hex') : null,
      quality: a?.pdqQuality ?? null,
      md5,
      sha1,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      // Never a preview of content that is never shown.
      preview: a?.preview && !noView ? Buffer.from(a.preview.grey) : null,
      pw: a?.preview && !noView ? a.preview.width : null,
      ph: a?.preview && !noView ? a.preview.height : null,
      at: now().toISOString(),
      code: result.ok ? null : result.code,
      error: result.ok ? null : `${row.previous ? 'retried: ' : ''}${result.message}`,
    };
    db.transaction(() => {
      insert.run(values);
      if (matchAttachment(db, { attachmentId: row.id, reportId: row.report_id, md5, sha1, sha256: values.sha256, pdq: a?.pdq ?? null }, now()) > 0) matchedReports.add(row.report_id);
    })();
    if (result.ok) analysed++;
    else failed++;
  }
  return { analysed, failed, matchedReports };
}

function sniffHead(bytes: Buffer): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(1, 4).toString('latin1') === 'PNG') return 'image/png';
  if (bytes.subarray(0, 3).toString('latin1') === 'GIF') return 'image/gif';
  return null;
}

export interface AnalysisPass {
  analysed: number;
  failed: number;
  /** Reports that got a hash-list match in this pass. */
  matchedReports: string[];
}

/** Analyses up to `limit` verified attachments that have no analysis yet (all by default). */
export async function analysePendingAttachments(db: Db, decoder: ImageDecoder, options: { limit?: number; now?: () => Date } = {}): Promise<AnalysisPass> {
  const rows = db.prepare(`${PENDING_SQL} ORDER BY a.rowid LIMIT ?`).all(options.limit ?? -1) as PendingRow[];
  const out = await analyseRows(db, decoder, rows, options.now ?? (() => new Date()));
  return { analysed: out.analysed, failed: out.failed, matchedReports: [...out.matchedReports] };
}

/** Analyses one report's attachments that have none yet (the report view asks first). */
export async function analyseReportAttachments(db: Db, decoder: ImageDecoder, reportId: string, now: () => Date = () => new Date()): Promise<AnalysisPass> {
  const rows = db.prepare(`${PENDING_SQL} AND a.report_id = ? ORDER BY a.rowid`).all(reportId) as PendingRow[];
  const out = await analyseRows(db, decoder, rows, now);
  return { analysed: out.analysed, failed: out.failed, matchedReports: [...out.matchedReports] };
}

export function pendingAnalysisCount(db: Db): number {
  return db.prepare(`SELECT count(*) FROM (${PENDING_SQL})`).pluck().get() as number;
}

export interface SimilarImage {
  attachmentId: string;
  reportId: string;
  distance: number;
}

/**
 * Other attachments (of other reports) whose PDQ hash is within `threshold` of this one's: a linear
 * scan over every stored hash (measured in test/diagnostics/image-analysis.test.ts: 100,000 hashes in well under a second).
 */
export function similarImages(db: Db, attachmentId: string, threshold: number, limit = 20): SimilarImage[] {
  const own = db.prepare('SELECT report_id, pdq, pdq_quality FROM attachment_analysis WHERE attachment_id = ?').get(attachmentId) as
    | { report_id: string; pdq: Buffer | null; pdq_quality: number | null }
    | undefined;
  if (!own?.pdq) return [];
  const found: SimilarImage[] = [];
  const rows = db.prepare('SELECT attachment_id, report_id, pdq FROM attachment_analysis WHERE pdq IS NOT NULL AND report_id <> ? AND attachment_id <> ?').raw().iterate(own.report_id, attachmentId) as IterableIterator<[string, string, Buffer]>;
  for (const [id, reportId, pdq] of rows) {
    const distance = blobDistance(own.pdq, pdq, threshold);
    if (distance <= threshold) found.push({ attachmentId: id, reportId, distance });
  }
  found.sort((x, y) => x.distance - y.distance || x.reportId.localeCompare(y.reportId));
  return found.slice(0, limit);
}
