/**
 * Cases, analysis notes, observables and the competent jurisdiction, as the
 * contract carries them. Pure zod, shared by the core, the renderer and the CLI.
 */
import { z } from 'zod';
import { Reason } from './reason.ts';
import { ReportId } from './triage.ts';

/** A case's life: open → in analysis → ready (for referral) → referred → closed. */
export const CASE_STATUSES = ['open', 'in_analysis', 'ready', 'referred', 'closed'] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** Which status may follow which (closing and reopening need a reason). */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  open: ['in_analysis', 'closed'],
  in_analysis: ['open', 'ready', 'closed'],
  ready: ['in_analysis', 'referred', 'closed'],
  referred: ['in_analysis', 'closed'],
  closed: ['open'],
};
/** Statuses of work still to do on a case. */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['open', 'in_analysis', 'ready'];

/** `DOS-2026-WSRABAT03-00017`: year, workstation code, counter. */
export const CASE_REF = /^DOS-\d{4}-[A-Z0-9]{1,10}-\d{5}$/;
export const CaseRef = z.string().regex(CASE_REF, 'not a case reference (DOS-YYYY-WORKSTATION-NNNNN)');

/** A reason the journal keeps: the one rule of shared/reason.ts (a few real words, not "....."). */
export { Reason };

const Title = z
  .string()
  .trim()
  .min(3)
  .max(200)
  .refine((text) => ![...text].some((ch) => { const code = ch.codePointAt(0)!; return code < 0x20 || code === 0x7f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069); }), 'no control or direction characters in a title');

const ReportIds = z.array(ReportId).min(1).max(10_000);

// ---------------------------------------------------------------------------
// Legal qualifications and jurisdiction tables

export const LegalQualification = z.object({
  code: z.string(),
  articles: z.array(z.string()),
  labelFr: z.string(),
  labelAr: z.string(),
  categories: z.array(z.string()),
  terrorism: z.boolean(),
});
export type LegalQualification = z.infer<typeof LegalQualification>;

export const QualificationTable = z.object({
  noteFr: z.string(),
  noteAr: z.string(),
  entries: z.array(LegalQualification),
  /** Whether a supervisor changed the table shipped with the workstation. */
  edited: z.boolean(),
});
export type QualificationTable = z.infer<typeof QualificationTable>;

/** A name in both languages. */
export const Bilingual = z.object({ fr: z.string(), ar: z.string() });
export type Bilingual = z.infer<typeof Bilingual>;

/** Why a jurisdiction is suggested, for the UI to phrase: code and its parameters (jurisdiction/suggest.ts documents each). */
export const JURISDICTION_REASONS = [
  'terrorism_national_competence',
  'analyst_place',
  'majority_region',
  'tied_regions',
  'no_region',
  'other_region',
  'other_tpi',
  'pending_court',
  'territorial',
  /** Picked by the analyst from the table instead of the suggestion. */
  'chosen',
] as const;
export const JurisdictionReason = z.object({
  code: z.enum(JURISDICTION_REASONS),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()])),
});
export type JurisdictionReason = z.infer<typeof JurisdictionReason>;

export const Jurisdiction = z.object({
  /** The judicial police service to refer to. */
  policeService: Bilingual.nullable(),
  /** The prosecutor to be informed (procureur du Roi, or procureur général du Roi for national competence). */
  prosecutor: Bilingual.nullable(),
  /** The court of first instance (the court of appeal itself for national competence); null when no court follows from the reports. */
  court: Bilingual.nullable(),
  courtOfAppeal: Bilingual.nullable(),
  /** Identifier of `court` in the table (what a confirmation names). */
  courtId: z.string().nullable(),
  /** Not yet in operation (decree 2.23.665, art. 6). */
  pending: z.boolean(),
  reason: JurisdictionReason,
  /** Part of the table is inferred, not stated by a source (marked INF): said wherever it shows. */
  inferred: z.boolean(),
});
export type Jurisdiction = z.infer<typeof Jurisdiction>;

export const ConfirmedJurisdiction = Jurisdiction.extend({
  chosenBy: z.string(),
  chosenAt: z.string(),
  /** The suggestion was accepted as it was (false: the analyst picked another court). */
  asSuggested: z.boolean(),
  place: z.string().nullable(),
});
export type ConfirmedJurisdiction = z.infer<typeof ConfirmedJurisdiction>;

/** A court the analyst may pick instead of the suggestion. */
export const CourtChoice = z.object({ courtId: z.string(), court: Bilingual, courtOfAppeal: Bilingual, inferred: z.boolean() });
export type CourtChoice = z.infer<typeof CourtChoice>;

export const JurisdictionAdvice = z.object({
  suggestion: Jurisdiction.nullable(),
  alternatives: z.array(Jurisdiction),
  courts: z.array(CourtChoice),
});
export type JurisdictionAdvice = z.infer<typeof JurisdictionAdvice>;

// ---------------------------------------------------------------------------
// Notes

export const MAX_NOTE_LENGTH = 100_000;
export const NoteText = z.string().max(MAX_NOTE_LENGTH).refine((text) => text.trim().length > 0, 'the note is empty');

export const NoteRevision = z.object({ revision: z.number().int(), text: z.string(), author: z.string(), at: z.string(), basedOn: z.number().int().nullable() });
export type NoteRevision = z.infer<typeof NoteRevision>;

export const Note = z.object({
  id: z.number().int(),
  caseRef: z.string().nullable(),
  reportId: z.string().nullable(),
  author: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  text: z.string(),
  revision: z.number().int(),
  forDossier: z.boolean(),
  /** The case's summary of facts. */
  summary: z.boolean(),
  deleted: z.boolean(),
  revisions: z.array(NoteRevision),
});
export type Note = z.infer<typeof Note>;

export const NoteTarget = z.union([z.object({ caseRef: CaseRef }).strict(), z.object({ reportId: ReportId }).strict()]);
export type NoteTarget = z.infer<typeof NoteTarget>;

export const NewNoteInput = z
  .object({ target: NoteTarget, text: NoteText, forDossier: z.boolean().default(false), summary: z.boolean().default(false) })
  .strict();
export const EditNoteInput = z
  .object({
    noteId: z.number().int().positive(),
    text: NoteText,
    /** The revision the edit started from: a later one is never silently replaced. */
    baseRevision: z.number().int().positive(),
    forDossier: z.boolean().optional(),
  })
  .strict();

export const NoteTemplate = z.object({ id: z.string(), label: z.string(), text: z.string() });
export type NoteTemplate = z.infer<typeof NoteTemplate>;

// ---------------------------------------------------------------------------
// Observables

export const OBSERVABLE_TYPES = ['url', 'domain', 'ip', 'email', 'phone', 'handle', 'crypto_address', 'bank_account', 'invite_link'] as const;
export const ObservableType = z.enum(OBSERVABLE_TYPES);
export type ObservableType = z.infer<typeof ObservableType>;
export const Verdict = z.enum(['malicious', 'unknown', 'benign']);
export type Verdict = z.infer<typeof Verdict>;

export const ObservableRow = z.object({
  id: z.number().int(),
  type: ObservableType,
  /** Normalised (E.164 phones, lower-case domains and e-mails); shown defanged, as inert text. */
  value: z.string(),
  seenInReports: z.number().int(),
  seenInCases: z.number().int(),
  verdict: Verdict,
  tags: z.array(z.string()),
  /** Added by hand to this case (rather than found in its reports). */
  manual: z.boolean(),
});
export type ObservableRow = z.infer<typeof ObservableRow>;

export const ObservableTarget = z.union([z.object({ caseRef: CaseRef }).strict(), z.object({ reportId: ReportId }).strict(), z.object({ observableId: z.number().int().positive() }).strict()]);
export const ObservableTag = z.string().trim().min(1).max(40);
export const TagObservableInput = z.object({ observableId: z.number().int().positive(), verdict: Verdict.optional(), tags: z.array(ObservableTag).max(20).optional() }).strict();
export const AddObservableInput = z.object({ caseRef: CaseRef, type: ObservableType, value: z.string().min(1).max(2048) }).strict();

/** A case's observables in pages: the most widespread first (most reports), or the rarest first. */
export const OBSERVABLE_ORDERS = ['widespread', 'rare'] as const;
export const ObservableOrder = z.enum(OBSERVABLE_ORDERS);
export type ObservableOrder = z.infer<typeof ObservableOrder>;
export const MAX_OBSERVABLE_PAGE = 500;
export const ObservablePageQuery = z
  .object({
    caseRef: CaseRef,
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(MAX_OBSERVABLE_PAGE).default(200),
    order: ObservableOrder.default('widespread'),
    /** Only observables of this type (`total` and `rows` follow it; `byType` does not). */
    type: ObservableType.optional(),
  })
  .strict();
export type ObservablePageQuery = z.input<typeof ObservablePageQuery>;
export const ObservablePage = z.object({
  /** Observables of the case of the type asked (all of them without `type`). */
  total: z.number().int(),
  /** Per type, over the whole case whatever the filter (types it has none of are absent). */
  byType: z.partialRecord(ObservableType, z.number().int()),
  rows: z.array(ObservableRow),
});
export type ObservablePage = z.infer<typeof ObservablePage>;

// ---------------------------------------------------------------------------
// Cases

export const CaseTimelineEntry = z.object({
  at: z.string(),
  analyst: z.string().nullable(),
  kind: z.enum([
    'created',
    'report_added',
    'report_removed',
    'status_changed',
    'title_changed',
    'assigned',
    'qualifications_set',
    'access_changed',
    'jurisdiction_confirmed',
    'note_added',
    'note_edited',
    'note_deleted',
    'observable_added',
    'exported',
    /** A referral dossier version was exported (detail: version, reference, manifest hash, reports, identities). */
    'dossier_exported',
    /** A reporter's identity went into a dossier (detail: report, reason, version). */
    'identity_included',
    /** The police or the prosecutor answered a referral (detail: decision, date, reference). */
    'dossier_answered',
  ]),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())])),
});
export type CaseTimelineEntry = z.infer<typeof CaseTimelineEntry>;

export const CaseRow = z.object({
  ref: z.string(),
  title: z.string(),
  status: CaseStatus,
  assignee: z.string().nullable(),
  assigneeId: z.string().nullable(),
  reports: z.number().int(),
  qualifications: z.array(z.string()),
  /** Most frequent region of the case's reports. */
  region: z.string().nullable(),
  restricted: z.boolean(),
  /** The earliest deadline of the case's open reports has passed. */
  overdue: z.boolean(),
  imminentDanger: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseRow = z.infer<typeof CaseRow>;

export const CaseFilters = z
  .object({
    status: z.array(CaseStatus).max(CASE_STATUSES.length).optional(),
    /** Analyst ids, or `none` for unassigned cases. */
    assignee: z.array(z.string().min(1).max(64)).max(64).optional(),
    qualification: z.array(z.string().min(1).max(48)).max(64).optional(),
    region: z.array(z.string().min(1).max(16)).max(16).optional(),
    overdue: z.boolean().optional(),
    search: z.string().max(500).optional(),
  })
  .strict();
export type CaseFilters = z.infer<typeof CaseFilters>;
export const CASE_FACETS = ['status', 'assignee', 'qualification', 'region', 'overdue'] as const;

export const CaseSortKey = z.enum(['updatedAt', 'createdAt', 'ref', 'title', 'status', 'reports', 'assignee']);
export const CaseQuery = z
  .object({
    filters: CaseFilters.default({}),
    sort: z.object({ key: CaseSortKey, dir: z.enum(['asc', 'desc']) }).strict().default({ key: 'updatedAt', dir: 'desc' }),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type CaseQuery = z.input<typeof CaseQuery>;

export const CaseFacetCount = z.object({ value: z.string(), count: z.number().int(), label: z.string().nullable() });
export const CasePage = z.object({
  total: z.number().int(),
  rows: z.array(CaseRow),
  facets: z.record(z.string(), z.array(CaseFacetCount)),
});
export type CasePage = z.infer<typeof CasePage>;

export const CaseMember = z.object({ id: z.string(), name: z.string() });

export const CaseView = CaseRow.extend({
  closingReason: z.string().nullable(),
  members: z.array(CaseMember),
  /** The case's reports, most urgent first (ids). */
  reportIds: z.array(z.string()),
  /** Reports removed from the case, with why (kept in the timeline too). */
  removedReports: z.array(z.object({ reportId: z.string(), reason: z.string(), at: z.string(), by: z.string().nullable() })),
  qualificationEntries: z.array(LegalQualification),
  /** The note the table and the dossier say: the qualification is the team's proposal, for the prosecutor to assess. */
  qualificationNote: Bilingual,
  summary: Note.nullable(),
  jurisdiction: ConfirmedJurisdiction.nullable(),
  timeline: z.array(CaseTimelineEntry),
  /** The unlocked analyst may change who sees it (need to know): a supervisor, its assignee or its creator. Any analyst who sees a case may work on it. */
  canManageAccess: z.boolean(),
  /** The case's reports with an attachment on a known-hash list. */
  hashMatchReports: z.number().int(),
  /** The case's reports another workstation has in analysis (referring the case refers them too, once confirmed). */
  heldElsewhere: z.array(z.object({ reportId: z.string(), workstationId: z.string() })),
});
export type CaseView = z.infer<typeof CaseView>;

export const CaseBrief = z.object({ ref: z.string(), title: z.string(), status: CaseStatus });
export type CaseBrief = z.infer<typeof CaseBrief>;

export const CreateCaseInput = z
  .object({
    title: Title,
    reportIds: z.array(ReportId).max(10_000).default([]),
    /** All the reports of a cluster of the queue. */
    clusterId: z.number().int().positive().optional(),
    qualifications: z.array(z.string().min(1).max(48)).max(32).default([]),
  })
  .strict();
export const AddReportsInput = z.object({ ref: CaseRef, reportIds: ReportIds }).strict();
export const RemoveReportInput = z.object({ ref: CaseRef, reportId: ReportId, reason: Reason }).strict();
export const CaseStatusInput = z
  .object({
    ref: CaseRef,
    status: CaseStatus,
    reason: Reason.optional(),
    /** Referring also refers the case's reports another workstation has in analysis (the analyst was told and confirmed). */
    takeOver: z.boolean().optional(),
  })
  .strict();
export const UpdateCaseInput = z
  .object({
    ref: CaseRef,
    title: Title.optional(),
    /** An analyst id; null unassigns. */
    assigneeId: z.string().min(1).max(64).nullable().optional(),
  })
  .strict();
export const QualificationsInput = z.object({ ref: CaseRef, codes: z.array(z.string().min(1).max(48)).max(32) }).strict();
export const AccessInput = z.object({ ref: CaseRef, restricted: z.boolean(), memberIds: z.array(z.string().min(1).max(64)).max(200) }).strict();
export const Place = z.string().trim().min(2).max(120);
export const JurisdictionQuery = z.object({ ref: CaseRef, place: Place.optional() }).strict();
export const ConfirmJurisdictionInput = z
  .object({
    ref: CaseRef,
    /** The court chosen: the suggestion's, or another from the table. */
    courtId: z.string().min(1).max(64),
    place: Place.optional(),
  })
  .strict();
