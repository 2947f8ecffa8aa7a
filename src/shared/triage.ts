/**
 * The triage contract: the queue (filters, live counts, sort, paging,
 * clusters, search), the report view, saved views, triage settings (priority
 * weights, deadlines) and the dashboard. Pure zod, shared by the core, the
 * renderer and the CLI.
 */
import { z } from 'zod';
import { Reason } from './reason.ts';
import { checkStatusReason, QUEUE_STATUSES, QueueStatus, ReportStatus, StatusReason } from './statuses.ts';

export const REPORT_ID = /^IBL-\d{4}-\d{7}$/;
export const ReportId = z.string().regex(REPORT_ID);

/** Categories the intake API knows, most severe first; others are allowed and shown verbatim. */
export const KNOWN_CATEGORIES = [
  'child_sexual_exploitation',
  'terrorism_incitement',
  'terrorism_apology',
  'sextortion',
  'threats_extortion',
  'crime_incitement',
  'violence',
  'hate_discrimination',
  'illegal_goods',
  'fraud',
  'privacy_defamation',
  'other',
] as const;
export const KNOWN_PLATFORMS = ['facebook', 'instagram', 'tiktok', 'youtube', 'x', 'telegram', 'whatsapp', 'snapchat', 'website', 'other'] as const;
export const REGIONS = ['MA-01', 'MA-02', 'MA-03', 'MA-04', 'MA-05', 'MA-06', 'MA-07', 'MA-08', 'MA-09', 'MA-10', 'MA-11', 'MA-12'] as const;
/** Categories whose attachments are never shown, only their hashes and metadata. */
export const NO_VIEW_CATEGORIES: readonly string[] = ['child_sexual_exploitation'];

export { QueueStatus };

/** A value of a filter dimension: short text, never interpreted. */
/** The longest search the core accepts; the search field holds no more (and says so). */
export const SEARCH_MAX_LENGTH = 500;

const FacetValue = z.string().min(1).max(64);
const FacetValues = z.array(FacetValue).max(64);
const IsoInstant = z.iso.datetime({ offset: true });

export const QueueFilters = z
  .object({
    category: FacetValues.optional(),
    platform: FacetValues.optional(),
    status: z.array(QueueStatus).max(QUEUE_STATUSES.length).optional(),
    /**
     * Open work only (received, in analysis here or elsewhere): the queue's default view. Part of
     * the status dimension: the status counts say what each status gives without it. A view saved
     * without it shows every report, finished ones after the open ones by priority.
     */
    openOnly: z.boolean().optional(),
    /** ISO 3166-2:MA codes, or `none` for reports without a region. */
    region: FacetValues.optional(),
    /** ISO 3166-1 alpha-2 of the reporter's location. */
    country: FacetValues.optional(),
    /** `morocco` or `abroad`: where the reporter is. */
    location: z.array(z.enum(['morocco', 'abroad'])).max(2).optional(),
    reporterMode: z.array(z.enum(['anonymous', 'identified'])).max(2).optional(),
    imminentDanger: z.boolean().optional(),
    hasAttachments: z.boolean().optional(),
    /** Reports with at least one attachment kept for review (quarantined). */
    quarantined: z.boolean().optional(),
    /** Reports with an attachment on a known-hash list (MD5, SHA-1, SHA-256, or PDQ within the threshold). */
    hashMatch: z.boolean().optional(),
    overdue: z.boolean().optional(),
    submittedFrom: IsoInstant.optional(),
    submittedTo: IsoInstant.optional(),
    /** The reports of one cluster. */
    clusterId: z.number().int().positive().optional(),
    /** true: reports in a case (one the analyst may see); false: in none. */
    inCase: z.boolean().optional(),
    /** The reports whose content holds this observable. */
    observableId: z.number().int().positive().optional(),
    /** The reports of one case (the case view's table); nothing for a case the analyst may not see. Same pattern as CASE_REF in cases.ts. */
    caseRef: z.string().regex(/^DOS-\d{4}-[A-Z0-9]{1,10}-\d{5}$/).optional(),
    /** Full-text search across description, URLs and account handles. */
    search: z.string().max(SEARCH_MAX_LENGTH).optional(),
  })
  .strict();
export type QueueFilters = z.infer<typeof QueueFilters>;

/** Filter dimensions that come with live counts. */
export const FACET_DIMENSIONS = ['category', 'platform', 'status', 'region', 'country', 'location', 'reporterMode', 'imminentDanger', 'hasAttachments', 'quarantined', 'hashMatch', 'overdue'] as const;
export type FacetDimension = (typeof FACET_DIMENSIONS)[number];

export const SortKey = z.enum(['priority', 'submittedAt', 'deadline', 'category', 'platform', 'status', 'region', 'country', 'clusterSize', 'id']);
export type SortKey = z.infer<typeof SortKey>;
export const Sort = z.object({ key: SortKey, dir: z.enum(['asc', 'desc']) }).strict();
export type Sort = z.infer<typeof Sort>;
export const DEFAULT_SORT: Sort = { key: 'priority', dir: 'desc' };

export const QueueQuery = z
  .object({
    filters: QueueFilters.default({}),
    sort: Sort.default(DEFAULT_SORT),
    /** `clusters`: one row per cluster (its most urgent report), with how many reports it holds. */
    grouping: z.enum(['reports', 'clusters']).default('reports'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(0).max(500).default(100),
    /** Whether to compute the live counts of every filter (the table's scrolling asks without). */
    facets: z.boolean().default(true),
  })
  .strict();
export type QueueQuery = z.input<typeof QueueQuery>;

export const Highlighted = z.object({
  text: z.string(),
  /** [start, end) ranges, in UTF-16 units of `text`, that match the search. */
  ranges: z.array(z.tuple([z.number().int(), z.number().int()])),
  clippedStart: z.boolean(),
  clippedEnd: z.boolean(),
});
export type Highlighted = z.infer<typeof Highlighted>;

export const QueueRow = z.object({
  id: z.string(),
  category: z.string(),
  platform: z.string(),
  status: z.string(),
  statusWorkstation: z.string().nullable(),
  claimedByOther: z.boolean(),
  submittedAt: z.string(),
  region: z.string().nullable(),
  country: z.string(),
  reporterMode: z.string(),
  imminentDanger: z.boolean(),
  attachments: z.number().int(),
  /** The account the report names: the reporter's field, else the one its first reported URL names (`accountFromUrl`). */
  accountHandle: z.string().nullable(),
  accountFromUrl: z.boolean(),
  /** First reported URL, canonical and defanged for display. */
  url: z.string().nullable(),
  priority: z.number().int(),
  deadlineAt: z.string().nullable(),
  overdue: z.boolean(),
  clusterId: z.number().int(),
  /**
   * What the cluster groups (`whatsapp:group:…`, `url:…`): the screens put it in words. Given where they show it (a
   * group row, the reports of one cluster); null in the list of reports, which says how often the content was
   * reported, not what it is (reading it cost a third of a scrolled page's reads: `bench:queue -- --sync-only`).
   */
  clusterKey: z.string().nullable(),
  /** Reports in the whole cluster. */
  clusterSize: z.number().int(),
  /** In cluster grouping: reports of this cluster that match the filters. */
  clusterMatches: z.number().int().nullable(),
  demo: z.boolean(),
  /** With a search: a piece of the description around the first match. */
  snippet: Highlighted.nullable(),
  /** References of the cases (that the analyst may see) holding the report. */
  cases: z.array(z.string()),
});
export type QueueRow = z.infer<typeof QueueRow>;

export const FacetCount = z.object({ value: z.string(), count: z.number().int() });
export type FacetCount = z.infer<typeof FacetCount>;

export const QueuePage = z.object({
  total: z.number().int(),
  offset: z.number().int(),
  rows: z.array(QueueRow),
  /** For each dimension, the count each value would give with the other filters unchanged. */
  facets: z.record(z.string(), z.array(FacetCount)).nullable(),
  /** Changes whenever the data under the queue changes: cached pages of an older generation are stale. */
  generation: z.number().int(),
  tookMs: z.number(),
});
export type QueuePage = z.infer<typeof QueuePage>;

// ---------------------------------------------------------------------------
// Saved views

export const QueueColumn = z.enum([
  'priority',
  'id',
  'category',
  'platform',
  'status',
  'submittedAt',
  'deadline',
  'location',
  'reporterMode',
  'attachments',
  'cluster',
  'account',
  'url',
  'cases',
]);
export type QueueColumn = z.infer<typeof QueueColumn>;
export const DEFAULT_COLUMNS: QueueColumn[] = ['priority', 'id', 'category', 'platform', 'status', 'submittedAt', 'deadline', 'location', 'cluster'];

export const ViewState = z
  .object({
    filters: QueueFilters,
    sort: Sort,
    grouping: z.enum(['reports', 'clusters']),
    columns: z.array(QueueColumn).min(1).max(QueueColumn.options.length),
  })
  .strict();
export type ViewState = z.infer<typeof ViewState>;

export const SavedView = z.object({ id: z.number().int(), name: z.string(), state: ViewState, updatedAt: z.string() });
export type SavedView = z.infer<typeof SavedView>;
export const SaveViewInput = z.object({ name: z.string().trim().min(1).max(80), state: ViewState }).strict();

// ---------------------------------------------------------------------------
// Report view

export const FieldChange = z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() });
export type FieldChange = z.infer<typeof FieldChange>;

export const PriorityReason = z.object({
  code: z.enum(['category', 'imminent_danger', 'cluster', 'age', 'hash_list_match']),
  points: z.number().int(),
  /** The category, the cluster size or the age in hours the points come from. */
  detail: z.union([z.string(), z.number()]),
});
export type PriorityReason = z.infer<typeof PriorityReason>;

export const ReportUrl = z.object({
  /** As the reporter typed it: untrusted text. */
  raw: z.string(),
  /** Canonical form, or null when it is not a usable URL. */
  canonical: z.string().nullable(),
  platform: z.string().nullable(),
  account: z.string().nullable(),
  postId: z.string().nullable(),
});

export const ReportAttachment = z.object({
  id: z.string(),
  filename: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  state: z.enum(['pending', 'verified', 'quarantined']),
  lastError: z.string().nullable(),
  /** The bytes are a PNG, JPEG, GIF or WebP image (by their signature, not the declared type). */
  image: z.boolean(),
  /** May be shown at all (never for categories such as child sexual exploitation). */
  viewable: z.boolean(),
});
export type ReportAttachment = z.infer<typeof ReportAttachment>;

export const StatusEntry = z.object({
  seq: z.number().int().nullable(),
  status: z.string(),
  at: z.string(),
  workstationId: z.string(),
  reference: z.string().nullable(),
  source: z.enum(['intake', 'outbox']),
  state: z.string().optional(),
});

export const ReportView = z.object({
  id: z.string(),
  revision: z.number().int(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  channel: z.string(),
  locale: z.string(),
  category: z.string(),
  platform: z.string(),
  imminentDanger: z.boolean(),
  accountHandle: z.string().nullable(),
  description: z.string(),
  observedAt: z.string().nullable(),
  urls: z.array(ReportUrl),
  /** Identity is never in this view; `reports.revealReporter` gives it, with a reason that is recorded. */
  /** `erasedAt`: when the identity was erased under retention (law 09-08); it can no longer be revealed. */
  reporter: z.object({ mode: z.string(), identified: z.boolean(), erasedAt: z.string().nullable().optional() }),
  location: z.object({ country: z.string(), region: z.string().nullable(), city: z.string().nullable() }),
  /** Fields the contract does not know, kept verbatim (JSON text). */
  extraFields: z.array(z.object({ path: z.string(), value: z.string() })),
  revisions: z.array(
    z.object({
      revision: z.number().int(),
      seq: z.number().int(),
      receivedAt: z.string(),
      updatedAt: z.string().nullable(),
      /** What changed from the previous revision kept (empty for the first). */
      changes: z.array(FieldChange),
    }),
  ),
  status: z.string(),
  statusWorkstation: z.string().nullable(),
  claimedByOther: z.boolean(),
  statusHistory: z.array(StatusEntry),
  attachments: z.array(ReportAttachment),
  priority: z.object({ score: z.number().int(), reasons: z.array(PriorityReason) }),
  deadlineAt: z.string().nullable(),
  overdue: z.boolean(),
  cluster: z.object({ id: z.number().int(), size: z.number().int(), key: z.string().nullable() }),
  demo: z.boolean(),
});
export type ReportView = z.infer<typeof ReportView>;

/** The reason follows the journal's one rule (shared/reason.ts). */
export const RevealInput = z.object({ reportId: ReportId, reason: Reason }).strict();
export const ReporterIdentity = z.object({
  mode: z.string(),
  fullName: z.string().nullable(),
  nationalId: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  consentToContact: z.boolean().nullable(),
});
export type ReporterIdentity = z.infer<typeof ReporterIdentity>;


export const BulkStatusInput = z
  .object({
    reportIds: z.array(ReportId).min(1).max(500),
    status: ReportStatus,
    reference: z.string().trim().min(1).max(128).optional(),
    /** Required for a closing status (sent as its reference), refused for the others: see checkStatusReason. */
    reason: StatusReason.optional(),
    /** The analyst was told how many are claimed by another workstation and confirmed: without it, CONFLICT if any is. */
    takeOver: z.boolean().optional(),
  })
  .strict()
  .superRefine(checkStatusReason);
/** `undoId`: what `reports.undoStatus` takes back, for a short while (see reports/status-undo.ts). */
export const BulkStatusResult = z.object({ updated: z.number().int(), generation: z.number().int(), undoId: z.string() });

// ---------------------------------------------------------------------------
// Triage settings: priority weights and handling deadlines

export const PriorityWeights = z
  .object({
    /** Points per category; categories not listed get `otherCategory`. */
    category: z.record(z.string().max(64), z.number().int().min(0).max(100)),
    otherCategory: z.number().int().min(0).max(100),
    imminentDanger: z.number().int().min(0).max(100),
    /** Points per doubling of the cluster size (2 reports: 1x, 4: 2x, ...), capped at `clusterMax`. */
    clusterPerDoubling: z.number().int().min(0).max(50),
    clusterMax: z.number().int().min(0).max(100),
    /** Points per day waiting, capped at `ageMax`. */
    agePerDay: z.number().int().min(0).max(50),
    ageMax: z.number().int().min(0).max(100),
  })
  .strict();
export type PriorityWeights = z.infer<typeof PriorityWeights>;

export const Deadlines = z
  .object({
    /** Minutes to handle a report, per category; others get `otherMinutes`. */
    categoryMinutes: z.record(z.string().max(64), z.number().int().min(5).max(60 * 24 * 90)),
    otherMinutes: z.number().int().min(5).max(60 * 24 * 90),
    imminentDangerMinutes: z.number().int().min(5).max(60 * 24 * 90),
  })
  .strict();
export type Deadlines = z.infer<typeof Deadlines>;

export const TriageSettings = z.object({ weights: PriorityWeights, deadlines: Deadlines }).strict();
export type TriageSettings = z.infer<typeof TriageSettings>;

// ---------------------------------------------------------------------------
// Dashboard

export const DashboardQuery = z.object({ days: z.number().int().min(7).max(365).default(30) }).strict();
export const Dashboard = z.object({
  total: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  imminentDangerOpen: z.number().int(),
  /** Days (YYYY-MM-DD, Casablanca) oldest first, each with a count per category. */
  perDay: z.array(z.object({ day: z.string(), counts: z.record(z.string(), z.number().int()) })),
  backlogByStatus: z.array(FacetCount),
  overdueByCategory: z.array(FacetCount),
  byPlatform: z.array(FacetCount),
  byRegion: z.array(FacetCount),
  topClusters: z.array(
    z.object({ clusterId: z.number().int(), size: z.number().int(), key: z.string().nullable(), sampleReportId: z.string(), platform: z.string(), category: z.string() }),
  ),
  generatedAt: z.string(),
});
export type Dashboard = z.infer<typeof Dashboard>;
