/**
 * What the intake sync API contract (shared/intake-api.md, version 1) fixes:
 * the known values, the formats, the limits, and the one body the service
 * accepts. Kept apart from the workstation's own code on purpose: the
 * reference service is another system that happens to live in this tree.
 */
import { z } from 'zod';

export const KNOWN_CATEGORIES = [
  'fraud',
  'sextortion',
  'child_sexual_exploitation',
  'terrorism_apology',
  'terrorism_incitement',
  'crime_incitement',
  'hate_discrimination',
  'threats_extortion',
  'violence',
  'privacy_defamation',
  'illegal_goods',
  'other',
] as const;
export type KnownCategory = (typeof KNOWN_CATEGORIES)[number];

export const KNOWN_PLATFORMS = ['facebook', 'instagram', 'tiktok', 'youtube', 'x', 'telegram', 'whatsapp', 'snapchat', 'website', 'other'] as const;
export type KnownPlatform = (typeof KNOWN_PLATFORMS)[number];

export const REPORT_STATUSES = ['received', 'in_analysis', 'referred', 'closed_no_action', 'duplicate'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** ISO 3166-2:MA regions, as the contract lists them. */
export const MOROCCAN_REGIONS = {
  'MA-01': 'Tanger-Tétouan-Al Hoceïma',
  'MA-02': "L'Oriental",
  'MA-03': 'Fès-Meknès',
  'MA-04': 'Rabat-Salé-Kénitra',
  'MA-05': 'Béni Mellal-Khénifra',
  'MA-06': 'Casablanca-Settat',
  'MA-07': 'Marrakech-Safi',
  'MA-08': 'Drâa-Tafilalet',
  'MA-09': 'Souss-Massa',
  'MA-10': 'Guelmim-Oued Noun',
  'MA-11': 'Laâyoune-Sakia El Hamra',
  'MA-12': 'Dakhla-Oued Ed-Dahab',
} as const;
export type MoroccanRegion = keyof typeof MOROCCAN_REGIONS;

export const CHANGE_KINDS = ['report', 'status'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const REPORT_ID = /^IBL-\d{4}-\d{7}$/;
export const ATTACHMENT_ID = /^att_[0-9A-Za-z]{1,64}$/;
export const MAX_PAYLOAD_BYTES = 262_144;
export const MAX_ATTACHMENT_BYTES = 52_428_800;
export const MAX_URLS = 20;
export const MAX_ATTACHMENTS = 10;
export const MAX_DESCRIPTION_CHARS = 5000;
export const DEFAULT_PAGE_LIMIT = 500;
export const MAX_PAGE_LIMIT = 1000;

const UTC_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

/** RFC 3339 date-time in UTC (`Z`), with a real calendar date. */
export function isUtcDateTime(value: string): boolean {
  const match = UTC_DATE_TIME.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Formats a time the way the service writes every timestamp: whole seconds, `Z`. */
export function utcSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

const UtcDateTime = z.string().refine(isUtcDateTime, { message: 'must be an RFC 3339 UTC date-time' });

/**
 * Body of `POST /reports/{id}/status`. Strict: a field the contract does not
 * name is refused, so a workstation cannot come to rely on one.
 */
export const StatusPushBody = z.strictObject({
  status: z.enum(REPORT_STATUSES),
  at: UtcDateTime,
  workstation_id: z.string().min(1).max(128),
  reference: z.string().min(1).max(128).optional(),
});
export type StatusPushBody = z.infer<typeof StatusPushBody>;

/** Idempotency keys are UUIDs (any version), in the canonical 8-4-4-4-12 form. */
export const IDEMPOTENCY_KEY = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** The report payload as the service writes it (`kind: "report"`). */
export interface ReportPayload {
  kind: 'report';
  id: string;
  revision: number;
  submitted_at: string;
  updated_at: string;
  channel: 'web' | 'mobile_web';
  locale: string;
  category: string;
  imminent_danger: boolean;
  content: {
    urls: string[];
    platform: string;
    account_handle?: string;
    description: string;
    observed_at?: string;
    /** Not in the contract: sent now and then so that clients prove they keep unknown fields. */
    shared_via?: string;
  };
  reporter: AnonymousReporter | IdentifiedReporter;
  reporter_location: { country: string; region?: MoroccanRegion; city?: string };
  attachments: AttachmentRef[];
  /** Not in the contract, see `content.shared_via`. */
  form_version?: string;
}

export interface AnonymousReporter {
  mode: 'anonymous';
}

export interface IdentifiedReporter {
  mode: 'identified';
  full_name: string;
  national_id?: string;
  email?: string;
  phone?: string;
  consent_to_contact: boolean;
}

export interface AttachmentRef {
  id: string;
  filename: string;
  media_type: string;
  size: number;
  sha256: string;
}

/** The status payload (`kind: "status"`). */
export interface StatusPayload {
  kind: 'status';
  report_id: string;
  status: ReportStatus;
  at: string;
  workstation_id: string;
  reference?: string;
  /** Since 1.1: the service's own time of acceptance, inside the signed payload (ISO 8601, UTC). */
  accepted_at: string;
}
