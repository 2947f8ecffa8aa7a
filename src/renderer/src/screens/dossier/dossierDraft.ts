/**
 * The dossier preview's choices, without React: what is ticked (the issue's
 * defaults: every report, the notes marked for the dossier, every evidence
 * item, no identity, no thumbnails, Arabic), the identities ticked without a
 * valid reason, and the options sent to `dossiers.preview` and
 * `dossiers.export`, keeping only what the core accepts (notes and evidence of
 * the reports still ticked, never the summary, which is always included).
 */
import { Reason } from '../../../../shared/cases.ts';
import type { DossierChoices, DossierLang, DossierOptions } from '../../../../shared/dossiers.ts';

export interface DossierDraft {
  readonly lang: DossierLang;
  readonly reports: ReadonlySet<string>;
  readonly notes: ReadonlySet<number>;
  readonly evidence: ReadonlySet<string>;
  /** Identified reports whose identity is ticked, with the reason as typed. */
  readonly identities: ReadonlyMap<string, string>;
  readonly thumbnails: boolean;
  readonly supervisorId: string | null;
}

type Note = DossierChoices['notes'][number];
type Evidence = DossierChoices['evidence'][number];

export function initialDraft(choices: DossierChoices): DossierDraft {
  return {
    lang: 'ar',
    reports: new Set(choices.reports.map((r) => r.id)),
    notes: new Set(choices.notes.filter((n) => n.forDossier && !n.summary).map((n) => n.id)),
    evidence: new Set(choices.evidence.map((e) => e.id)),
    identities: new Map(),
    thumbnails: false,
    supervisorId: null,
  };
}

/** Whether a reason passes the contract's Reason rule (shared/reason.ts: a few real words). */
export function isValidReason(text: string): boolean {
  return Reason.safeParse(text).success;
}

/** A note or evidence item belongs to the case, or to a report still ticked. */
function attached(reportId: string | null, reports: ReadonlySet<string>): boolean {
  return reportId === null || reports.has(reportId);
}

/** The notes offered for the reports ticked: the summary first (always included), then the others as listed. */
export function offeredNotes(choices: DossierChoices, draft: DossierDraft): { summary: Note | null; others: Note[] } {
  return {
    summary: choices.notes.find((n) => n.summary) ?? null,
    others: choices.notes.filter((n) => !n.summary && attached(n.reportId, draft.reports)),
  };
}

export function offeredEvidence(choices: DossierChoices, draft: DossierDraft): Evidence[] {
  return choices.evidence.filter((e) => attached(e.reportId, draft.reports));
}

/** Whether a thumbnail could be made: an image ticked, exportable, of the case or of a report whose content may be shown. */
export function canHaveThumbnails(choices: DossierChoices, draft: DossierDraft): boolean {
  const neverShown = new Set(choices.reports.filter((r) => r.neverShown).map((r) => r.id));
  return offeredEvidence(choices, draft).some((e) => e.image && e.exportable && draft.evidence.has(e.id) && !(e.reportId !== null && neverShown.has(e.reportId)));
}

/** Identified reports, ticked, whose identity is ticked without a valid reason: the export and the preview wait for them. */
export function identityProblems(draft: DossierDraft): ReadonlySet<string> {
  const problems = new Set<string>();
  for (const [reportId, reason] of draft.identities) if (draft.reports.has(reportId) && !isValidReason(reason)) problems.add(reportId);
  return problems;
}

/** The options for the core: lists in the case's order, only what the reports ticked allow, reasons trimmed. */
export function draftOptions(ref: string, choices: DossierChoices, draft: DossierDraft): DossierOptions {
  const identified = new Set(choices.reports.filter((r) => r.reporterMode === 'identified').map((r) => r.id));
  const reportIds = choices.reports.filter((r) => draft.reports.has(r.id)).map((r) => r.id);
  const noteIds = offeredNotes(choices, draft).others.filter((n) => draft.notes.has(n.id)).map((n) => n.id);
  const evidenceIds = offeredEvidence(choices, draft).filter((e) => draft.evidence.has(e.id)).map((e) => e.id);
  const identities = reportIds
    .filter((id) => identified.has(id) && draft.identities.has(id))
    .map((reportId) => ({ reportId, reason: (draft.identities.get(reportId) ?? '').trim() }));
  return {
    ref,
    lang: draft.lang,
    reportIds,
    noteIds,
    evidenceIds,
    identities,
    thumbnails: draft.thumbnails && canHaveThumbnails(choices, draft),
    supervisorId: draft.supervisorId,
  };
}

/** Why the options cannot be previewed or exported yet, or null: no report, or an identity without its reason. */
export function draftBlocker(draft: DossierDraft): 'no_report' | 'identity_reason' | null {
  if (draft.reports.size === 0) return 'no_report';
  return identityProblems(draft).size > 0 ? 'identity_reason' : null;
}

/** A set with one value added or removed. */
export function toggled<T>(set: ReadonlySet<T>, value: T, on: boolean): Set<T> {
  const next = new Set(set);
  if (on) next.add(value);
  else next.delete(value);
  return next;
}

/** A base64 string (the core's PDF) as bytes. */
export function base64Bytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Today in Casablanca, as YYYY-MM-DD (an answer's default date). */
export function todayInCasablanca(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Casablanca', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** An answer's date: a real YYYY-MM-DD day, not after today in Casablanca. */
export function isAnswerDate(text: string, now: Date = new Date()): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) return false;
  return text <= todayInCasablanca(now) && text >= '2000-01-01';
}
