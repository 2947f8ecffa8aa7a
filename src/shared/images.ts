/**
 * Image analysis of attachments and known-hash lists (issue #11): what the
 * core answers about a report's attachments (analysed in a separate decoder
 * process, never in the renderer), the greyscale preview pixels, and hash
 * lists. Imports only zod.
 */
import { z } from 'zod';
import { ReportId } from './triage.ts';

export const HashKind = z.enum(['md5', 'sha1', 'sha256', 'pdq']);
export type HashKind = z.infer<typeof HashKind>;

export const ImageMetadata = z.object({
  camera: z.string().nullable(),
  software: z.string().nullable(),
  dates: z.object({ original: z.string().nullable(), digitized: z.string().nullable(), modified: z.string().nullable() }),
  /** Decimal degrees, shown as text: never a map loaded from the network. */
  gps: z.object({ latitude: z.number(), longitude: z.number(), altitude: z.number().nullable() }).nullable(),
  fields: z.array(z.object({ group: z.string(), name: z.string(), value: z.string() })),
});
export type ImageMetadata = z.infer<typeof ImageMetadata>;

export const HashMatch = z.object({
  listId: z.number().int(),
  label: z.string(),
  source: z.string(),
  attachmentId: z.string(),
  kind: HashKind,
  value: z.string(),
  /** PDQ only: Hamming distance (0..256). */
  distance: z.number().int().nullable(),
});
export type HashMatch = z.infer<typeof HashMatch>;

export const AttachmentAnalysis = z.object({
  attachmentId: z.string(),
  /** False while the attachment is not verified (nothing to analyse yet). */
  analysed: z.boolean(),
  declaredType: z.string(),
  sniffedType: z.string().nullable(),
  typeMismatch: z.boolean(),
  /** Pixels were decoded (PNG, JPEG, GIF); false: "type non analysé" (WebP, other files). */
  decoded: z.boolean(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  metadata: ImageMetadata.nullable(),
  pdq: z.string().nullable(),
  pdqQuality: z.number().int().nullable(),
  md5: z.string().nullable(),
  sha1: z.string().nullable(),
  /** The decoder's recorded failure: TOO_LARGE, TOO_MANY_PIXELS, CORRUPT, TIMEOUT, CRASHED. */
  errorCode: z.string().nullable(),
  error: z.string().nullable(),
  /** Near duplicates in other reports (PDQ within the threshold), nearest first. */
  similar: z.array(z.object({ reportId: z.string(), attachmentId: z.string(), distance: z.number().int() })),
  hasPreview: z.boolean(),
});
export type AttachmentAnalysis = z.infer<typeof AttachmentAnalysis>;

export const ReportImageAnalysis = z.object({
  reportId: z.string(),
  threshold: z.number().int(),
  attachments: z.array(AttachmentAnalysis),
  hashMatches: z.array(HashMatch),
});
export type ReportImageAnalysis = z.infer<typeof ReportImageAnalysis>;

export const PreviewInput = z.object({ reportId: ReportId, attachmentId: z.string().min(1).max(128) }).strict();
export const PreviewPixels = z.object({
  width: z.number().int().min(1).max(256),
  height: z.number().int().min(1).max(256),
  /** width × height greyscale bytes, row-major, base64: pixels only, never the file. */
  grey: z.string(),
});
export type PreviewPixels = z.infer<typeof PreviewPixels>;

export const ImageSettings = z.object({ pdqMaxDistance: z.number().int().min(0).max(128) });
export type ImageSettings = z.infer<typeof ImageSettings>;

export const AnalysisPassResult = z.object({ analysed: z.number().int(), failed: z.number().int(), pending: z.number().int(), matchedReports: z.array(z.string()) });

export const MAX_HASH_LIST_CHARS = 64 * 1024 * 1024;
export const ImportHashListInput = z
  .object({
    text: z.string().min(1).max(MAX_HASH_LIST_CHARS),
    format: z.enum(['csv', 'json']),
    label: z.string().trim().min(1).max(200),
    source: z.string().trim().max(300).optional(),
  })
  .strict();
export const ImportHashListResult = z.object({
  listId: z.number().int(),
  label: z.string(),
  source: z.string(),
  imported: z.number().int(),
  /** Reports flagged by this list. */
  matches: z.number().int(),
  matchedAttachments: z.number().int(),
});
export const HashListSummary = z.object({
  id: z.number().int(),
  label: z.string(),
  source: z.string(),
  format: z.string(),
  entries: z.number().int(),
  importedAt: z.string(),
  matchedReports: z.number().int(),
});
