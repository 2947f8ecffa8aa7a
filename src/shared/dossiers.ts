/**
 * Referral dossiers, as the contract carries them: what the analyst includes,
 * the versions exported for a case (its referral history), and what came back
 * from the judicial police or the prosecutor. Pure zod, shared by the core, the
 * renderer and the CLI.
 */
import { z } from 'zod';
import { Bilingual, CaseRef, Reason } from './cases.ts';
import { EvidenceId } from './evidence.ts';
import { ReportId } from './triage.ts';

export const DOSSIER_LANGS = ['ar', 'fr'] as const;
export const DossierLang = z.enum(DOSSIER_LANGS);
export type DossierLang = z.infer<typeof DossierLang>;

/** The identity of an identified reporter, included for one report with the reason the journal keeps. */
export const IdentityInclusion = z.object({ reportId: ReportId, reason: Reason }).strict();
export type IdentityInclusion = z.infer<typeof IdentityInclusion>;

/**
 * What goes into the dossier. Left out, each list means "the default":
 * every report of the case, the notes marked for the dossier, every evidence
 * item of the case and its reports. Identities: none unless named, with a reason.
 */
export const DossierOptions = z
  .object({
    ref: CaseRef,
    /** Arabic is the language of the courts, so it is the default. */
    lang: DossierLang.default('ar'),
    reportIds: z.array(ReportId).max(10_000).optional(),
    noteIds: z.array(z.number().int().positive()).max(10_000).optional(),
    evidenceIds: z.array(EvidenceId).max(100_000).optional(),
    identities: z.array(IdentityInclusion).max(10_000).default([]),
    /** Small exposure-safe thumbnails of image evidence; never for content never shown. */
    thumbnails: z.boolean().default(false),
    /** The supervisor named on the cover and in the signature block. */
    supervisorId: z.string().min(1).max(64).nullable().default(null),
    /**
     * Refer reports that another workstation has in analysis too (export only): the analyst was told how many and
     * confirmed. Without it such an export is refused (CONFLICT), as any status set on them is.
     */
    takeOver: z.boolean().default(false),
  })
  .strict();
export type DossierOptions = z.input<typeof DossierOptions>;
export type DossierOptionsParsed = z.output<typeof DossierOptions>;

/** What can be included, for the preview's check boxes. */
export const DossierChoices = z.object({
  ref: CaseRef,
  status: z.string(),
  /** Export is possible from `ready` (and `referred`, for a new version); preview always. */
  canExport: z.boolean(),
  reports: z.array(
    z.object({
      id: ReportId,
      category: z.string(),
      receivedAt: z.string(),
      reporterMode: z.enum(['anonymous', 'identified']),
      neverShown: z.boolean(),
      /** The workstation that has the report in analysis, when it is another: exporting refers it only once confirmed. */
      heldBy: z.string().nullable(),
    }),
  ),
  notes: z.array(z.object({ id: z.number().int(), author: z.string(), createdAt: z.string(), forDossier: z.boolean(), summary: z.boolean(), reportId: z.string().nullable(), excerpt: z.string() })),
  evidence: z.array(z.object({ id: EvidenceId, kind: z.string(), reportId: z.string().nullable(), label: z.string().nullable(), size: z.number().int(), exportable: z.boolean(), image: z.boolean() })),
  supervisors: z.array(z.object({ id: z.string(), name: z.string() })),
  /** The next export's version. */
  nextVersion: z.number().int().positive(),
  jurisdictionConfirmed: z.boolean(),
});
export type DossierChoices = z.infer<typeof DossierChoices>;

export const DossierPreview = z.object({
  /** The PDF as it will be exported (not yet signed), base64. */
  pdfBase64: z.string(),
  pages: z.number().int(),
  /** Things the analyst should know before exporting (no summary, jurisdiction not confirmed...), as codes. */
  warnings: z.array(z.string()),
});
export type DossierPreview = z.infer<typeof DossierPreview>;

export const DOSSIER_DECISIONS = ['investigation_opened', 'forwarded', 'no_action', 'more_information'] as const;
export const DossierDecision = z.enum(DOSSIER_DECISIONS);
export type DossierDecision = z.infer<typeof DossierDecision>;

export const DossierAnswer = z.object({
  id: z.number().int(),
  version: z.number().int(),
  decision: DossierDecision,
  /** YYYY-MM-DD, as the answer is dated. */
  date: z.string(),
  reference: z.string().nullable(),
  text: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
});
export type DossierAnswer = z.infer<typeof DossierAnswer>;

export const DossierVersion = z.object({
  version: z.number().int(),
  /** `DOS-…/v2`: what the intake service is told as the reports' reference. */
  reference: z.string(),
  lang: DossierLang,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  pages: z.number().int(),
  pdfSha256: z.string(),
  manifestSha256: z.string(),
  piecesSha256: z.string(),
  /** Fingerprints of the PDF's signing certificate and of the manifest key. */
  pdfSigner: z.string(),
  manifestSigner: z.string(),
  packageDir: z.string(),
  zipPath: z.string().nullable(),
  reports: z.number().int(),
  evidence: z.number().int(),
  identities: z.array(IdentityInclusion),
});
export type DossierVersion = z.infer<typeof DossierVersion>;

export const ReferralHistory = z.object({
  ref: CaseRef,
  versions: z.array(DossierVersion),
  answers: z.array(DossierAnswer),
  /** Referred and no answer since more than the setting's days. */
  awaitingOverdue: z.boolean(),
  /** Days since the latest export without an answer, null when answered or never exported. */
  waitingDays: z.number().int().nullable(),
});
export type ReferralHistory = z.infer<typeof ReferralHistory>;

export const ExportedDossier = z.object({
  ref: CaseRef,
  version: z.number().int(),
  reference: z.string(),
  pdf: z.string(),
  package: z.string(),
  zip: z.string().nullable(),
  pages: z.number().int(),
  manifest_sha256: z.string(),
  files: z.number().int(),
});
export type ExportedDossier = z.infer<typeof ExportedDossier>;

export const AnswerInput = z
  .object({
    ref: CaseRef,
    decision: DossierDecision,
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'),
    reference: z.string().trim().min(1).max(200).optional(),
    text: z.string().trim().min(1).max(20_000).optional(),
  })
  .strict();
export type AnswerInput = z.input<typeof AnswerInput>;

/** Referral follow-up for the dashboard. */
export const ReferralOverview = z.object({
  referred: z.number().int(),
  answered: z.number().int(),
  waiting: z.number().int(),
  /** Waiting longer than `answerDays`. */
  overdue: z.number().int(),
  answerDays: z.number().int(),
});
export type ReferralOverview = z.infer<typeof ReferralOverview>;

/** The supervisor's dossier settings. */
export const DossierSettings = z
  .object({
    issuingService: Bilingual,
    classification: Bilingual,
    /** A referred case with no answer after this many days is flagged. */
    answerDays: z.number().int().min(1).max(365),
    /** Where exported dossiers are written (a folder per version): an absolute path (POSIX, or a Windows drive or share). */
    exportDir: z
      .string()
      .min(1)
      .max(4096)
      .refine((path) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path), 'an absolute folder path')
      .refine((path) => ![...path].some((ch) => ch.charCodeAt(0) < 0x20), 'no control characters in a path'),
  })
  .strict();
export type DossierSettings = z.infer<typeof DossierSettings>;
