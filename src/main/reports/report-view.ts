/**
 * One report as the analyst opens it: every field of its current revision
 * except the reporter's identity, what changed between revisions, its status
 * history, its attachments and why it has its priority. The identity is given
 * on request, and recorded. Attachments' bytes never leave the core: the
 * window gets a greyscale preview's pixels (diagnostics/images/report-images.ts).
 */
import { recordAudit } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import type { Db } from '../store/database.ts';
import type { Unlocked } from '../session/session.ts';
import type { ReportPayload } from './payload.ts';
import { reportDetail } from './report-rows.ts';
import { NO_VIEW_CATEGORIES, type FieldChange, type ReporterIdentity, type ReportView, type ReportAttachment } from '../../shared/triage.ts';
import { canonicaliseUrl } from '../urls/canonical-url.ts';
import type { PriorityReason } from '../../shared/triage.ts';

/** The report as triage needs it to say how urgent it is. */
export interface TriageSubject {
  rowid: number;
  status: string;
  category: string;
  imminentDanger: boolean;
  submittedAt: string;
}

/** What triage says of one report (triage/report-facts.ts answers, from the queue's index). */
export interface TriageFacts {
  priority: { score: number; reasons: PriorityReason[] };
  deadlineAt: string | null;
  overdue: boolean;
  claimedByOther: boolean;
  clusterSize: number;
}

/** Fields of the report payload the contract defines; anything else is shown as an extra field. */
const KNOWN: Record<string, readonly string[]> = {
  '': ['kind', 'id', 'revision', 'submitted_at', 'updated_at', 'channel', 'locale', 'category', 'imminent_danger', 'content', 'reporter', 'reporter_location', 'attachments'],
  content: ['urls', 'platform', 'account_handle', 'description', 'observed_at'],
  reporter_location: ['country', 'region', 'city'],
};
/** What is shown in place of a reporter's identity field in revision changes and extra fields. */
export const HIDDEN = '•••';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Flattens a payload into path → text, identity fields hidden. */
function flatten(value: Json, path = '', out = new Map<string, string>()): Map<string, string> {
  if (path.startsWith('reporter.') && path !== 'reporter.mode') {
    out.set(path, HIDDEN);
    return out;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, path ? `${path}.${key}` : key, out);
  } else if (Array.isArray(value) && path === 'content.urls') {
    value.forEach((child, index) => flatten(child, `${path}[${index}]`, out));
  } else if (Array.isArray(value) && path === 'attachments') {
    for (const child of value) {
      const id = typeof child === 'object' && child !== null && !Array.isArray(child) ? String(child['id'] ?? '?') : '?';
      out.set(`attachments[${id}]`, JSON.stringify(child));
    }
  } else {
    out.set(path, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return out;
}

/** What changed from one revision to the next (revision and updated_at themselves left out). */
export function revisionChanges(before: Json, after: Json): FieldChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const changes: FieldChange[] = [];
  for (const field of new Set([...a.keys(), ...b.keys()])) {
    if (field === 'revision' || field === 'updated_at') continue;
    const x = a.get(field) ?? null;
    const y = b.get(field) ?? null;
    if (x !== y) changes.push({ field, before: x, after: y });
  }
  return changes;
}

function extraFields(payload: Record<string, Json>): { path: string; value: string }[] {
  const extras: { path: string; value: string }[] = [];
  for (const [scope, known] of Object.entries(KNOWN)) {
    const object = scope === '' ? payload : payload[scope];
    if (object === null || typeof object !== 'object' || Array.isArray(object)) continue;
    for (const [key, value] of Object.entries(object)) {
      if (!known.includes(key)) extras.push({ path: scope ? `${scope}.${key}` : key, value: JSON.stringify(value) });
    }
  }
  const reporter = payload['reporter'];
  if (reporter && typeof reporter === 'object' && !Array.isArray(reporter)) {
    const knownReporter = ['mode', 'full_name', 'national_id', 'email', 'phone', 'consent_to_contact'];
    for (const key of Object.keys(reporter)) if (!knownReporter.includes(key)) extras.push({ path: `reporter.${key}`, value: HIDDEN });
  }
  return extras;
}

/** The image type the bytes say, whatever the reporter declared. */
export function imageType(head: Buffer | null): 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | null {
  if (!head || head.length < 12) return null;
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.subarray(0, 6).toString('latin1') === 'GIF87a' || head.subarray(0, 6).toString('latin1') === 'GIF89a') return 'image/gif';
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

/** The report view; `triage` gives its priority, deadline and cluster size. */
export function buildReportView(db: Db, reportId: string, triage: (subject: TriageSubject) => TriageFacts): ReportView {
  const detail = reportDetail(db, reportId);
  const row = db.prepare('SELECT rowid, status, status_workstation, demo, cluster_id FROM reports WHERE id = ?').get(reportId) as
    | { rowid: number; status: string; status_workstation: string | null; demo: number; cluster_id: number | null }
    | undefined;
  if (!detail || !row) throw new AppError('NOT_FOUND', `No report ${reportId}.`);
  const current = detail.current as ReportPayload & Record<string, Json>;
  const facts = triage({ rowid: row.rowid, status: row.status, category: current.category, imminentDanger: current.imminent_danger, submittedAt: current.submitted_at });
  const viewable = !NO_VIEW_CATEGORIES.includes(current.category);
  const heads = db.prepare('SELECT substr(content, 1, 16) FROM attachments WHERE id = ?').pluck();
  const attachments: ReportAttachment[] = detail.attachments.map((a) => {
    const image = a.state === 'verified' && imageType(heads.get(a.id) as Buffer | null) !== null;
    return { ...a, state: a.state as ReportAttachment['state'], image, viewable: viewable && image };
  });
  const parsedRevisions = detail.revisions.map((r) => JSON.parse(r.payload) as Json);
  const clusterKey = row.cluster_id === null ? null : ((db.prepare('SELECT key FROM clusters WHERE id = ?').pluck().get(row.cluster_id) as string | undefined) ?? null);
  return {
    id: current.id,
    revision: current.revision,
    submittedAt: current.submitted_at,
    updatedAt: current.updated_at,
    channel: current.channel,
    locale: current.locale,
    category: current.category,
    platform: current.content.platform,
    imminentDanger: current.imminent_danger,
    accountHandle: current.content.account_handle ?? null,
    description: current.content.description,
    observedAt: current.content.observed_at ?? null,
    urls: current.content.urls.map((raw) => {
      const url = canonicaliseUrl(raw);
      return { raw, canonical: url?.canonical ?? null, platform: url?.platform ?? null, account: url?.account ?? null, postId: url?.postId ?? null };
    }),
    reporter: {
      mode: current.reporter.mode,
      identified: current.reporter.mode === 'identified',
      erasedAt: (db.prepare('SELECT erased_at FROM report_revisions WHERE report_id = ? AND revision = ?').pluck().get(reportId, current.revision) as string | null | undefined) ?? null,
    },
    location: { country: current.reporter_location.country, region: current.reporter_location.region ?? null, city: current.reporter_location.city ?? null },
    extraFields: extraFields(current),
    revisions: detail.revisions.map((r, k) => {
      const payload = parsedRevisions[k] as Record<string, Json>;
      return {
        revision: r.revision,
        seq: r.seq,
        receivedAt: r.receivedAt,
        updatedAt: typeof payload['updated_at'] === 'string' ? payload['updated_at'] : null,
        changes: k === 0 ? [] : revisionChanges(parsedRevisions[k - 1]!, payload),
      };
    }),
    status: row.status,
    statusWorkstation: row.status_workstation,
    claimedByOther: facts.claimedByOther,
    statusHistory: detail.statusHistory,
    attachments,
    priority: facts.priority,
    deadlineAt: facts.deadlineAt,
    overdue: facts.overdue,
    cluster: { id: row.cluster_id ?? 0, size: facts.clusterSize, key: clusterKey },
    demo: row.demo === 1,
  };
}

/** The reporter's identity, recorded in the audit trail with the reason given. */
export function revealReporter({ db, analyst }: Unlocked, reportId: string, reason: string): ReporterIdentity {
  const row = db.prepare('SELECT v.payload, v.erased_at FROM reports r JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision WHERE r.id = ?').get(reportId) as
    | { payload: string; erased_at: string | null }
    | undefined;
  if (row === undefined) throw new AppError('NOT_FOUND', `No report ${reportId}.`);
  if (row.erased_at !== null) throw new AppError('NOT_FOUND', `The reporter identity of ${reportId} was erased under retention (law 09-08) on ${row.erased_at}.`);
  const payload = row.payload;
  const reporter = (JSON.parse(payload) as ReportPayload).reporter as Record<string, unknown>;
  const text = (key: string) => (typeof reporter[key] === 'string' ? (reporter[key] as string) : null);
  recordAudit(db, analyst.id, 'report.reporter_revealed', { reportId, reason, mode: String(reporter['mode']) });
  return {
    mode: String(reporter['mode']),
    fullName: text('full_name'),
    nationalId: text('national_id'),
    email: text('email'),
    phone: text('phone'),
    consentToContact: typeof reporter['consent_to_contact'] === 'boolean' ? reporter['consent_to_contact'] : null,
  };
}
