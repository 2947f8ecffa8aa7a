/**
 * The intake API's change payloads, as the workstation accepts them
 * (shared/intake-api.md). Unknown fields are allowed and kept (the stored
 * original is the exact payload text); unknown categories and platforms are
 * accepted and shown verbatim. A missing required field or a wrong type is a
 * schema failure.
 */
import { z } from 'zod';
import { ReportStatus } from '../../shared/schemas.ts';

const UTC_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const DateTime = z.string().regex(UTC_DATE_TIME, 'must be an RFC 3339 UTC date-time').refine((s) => !Number.isNaN(Date.parse(s)), 'not a real date');

export { ReportStatus } from '../../shared/schemas.ts';

export const ReportId = z.string().regex(/^IBL-\d{4}-\d{7}$/);

export const AttachmentRef = z.looseObject({
  id: z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/, 'attachment ids are URL-safe'),
  filename: z.string().max(1024),
  media_type: z.string().max(255),
  size: z.number().int().min(0).max(52_428_800),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;

const Reporter = z.discriminatedUnion('mode', [
  z.looseObject({ mode: z.literal('anonymous') }),
  z.looseObject({
    mode: z.literal('identified'),
    full_name: z.string(),
    national_id: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
    consent_to_contact: z.boolean(),
  }),
]);

export const ReportPayload = z.looseObject({
  kind: z.literal('report'),
  id: ReportId,
  revision: z.number().int().min(1),
  submitted_at: DateTime,
  updated_at: DateTime,
  channel: z.enum(['web', 'mobile_web']),
  locale: z.string().min(1).max(35),
  category: z.string().min(1).max(100),
  imminent_danger: z.boolean(),
  content: z.looseObject({
    urls: z.array(z.string().max(4096)).min(1).max(20),
    platform: z.string().min(1).max(100),
    account_handle: z.string().max(512).optional(),
    // Counted in code points, but only when the UTF-16 length could exceed the limit.
    description: z.string().refine((s) => s.length <= 5000 || [...s].length <= 5000, 'at most 5000 characters'),
    observed_at: DateTime.optional(),
  }),
  reporter: Reporter,
  reporter_location: z.looseObject({
    country: z.string().regex(/^[A-Z]{2}$/),
    region: z.string().regex(/^MA-(0[1-9]|1[0-2])$/).optional(),
    city: z.string().max(200).optional(),
  }),
  attachments: z.array(AttachmentRef).max(10),
});
export type ReportPayload = z.infer<typeof ReportPayload>;

export const StatusPayload = z.looseObject({
  kind: z.literal('status'),
  report_id: ReportId,
  status: ReportStatus,
  at: DateTime,
  workstation_id: z.string().min(1).max(256),
  reference: z.string().max(256).optional(),
});
export type StatusPayload = z.infer<typeof StatusPayload>;
