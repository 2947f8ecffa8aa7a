/**
 * The referral dossier as the document template reads it: everything the PDF
 * says, already gathered from the store and already filtered by what the
 * analyst chose to include. Pure data, no store, no I/O: the assembler
 * (dossiers/assemble.ts) builds it, the template (dossiers/document/) turns it
 * into HTML, and tests build it by hand.
 *
 * Every string that came from a citizen, an analyst or a fetched page is
 * untrusted: the template escapes it, defangs URLs, neutralises bidi controls
 * and marks invisible characters. Nothing here is ever interpreted as markup.
 */
import type { Bilingual } from '../../shared/cases.ts';
import type { EvidenceKind } from '../../shared/evidence.ts';

export type DossierLang = 'ar' | 'fr';

export interface DossierPerson {
  name: string;
  /** e.g. "Analyste" / "Superviseur", already in the dossier's language. */
  role: string;
}

export interface DossierReporter {
  /** How the citizen reported: `anonymous` reports say so; `identified` ones are "identité protégée" unless included. */
  mode: 'anonymous' | 'identified';
  /** Present only when the analyst included this report's identity, with a reason (recorded in the audit journal and the timeline). */
  identity: {
    /** Field name (`name`, `email`, `phone`, `address`, ...) → value, as intake gave them. */
    fields: ReadonlyArray<{ key: string; value: string }>;
    reason: string;
  } | null;
}

export interface DossierReport {
  id: string;
  /** UTC ISO 8601. */
  receivedAt: string;
  submittedAt: string | null;
  category: string;
  /** Category label in the dossier's language. */
  categoryLabel: string;
  /** Platform and channel (how the reporter reached the intake) in the dossier's language; an unknown code as it came. */
  platform: string | null;
  channel: string | null;
  region: string | null;
  regionLabel: string | null;
  status: string;
  imminentDanger: boolean;
  /** The report's deadline (UTC ISO) when it has one. */
  deadline: string | null;
  /** The citizen's text, untrusted. */
  content: string;
  /** URLs the report names, untrusted (the template defangs them). */
  urls: readonly string[];
  reporter: DossierReporter;
  /** Child sexual exploitation: no content is ever shown, no thumbnail, hashes and metadata only. */
  neverShown: boolean;
  /** The intake signature of this report's original, checked again at export. */
  intakeSignature: { evidenceId: string | null; verified: boolean; keyFingerprint: string | null };
}

export interface DossierObservable {
  type: string;
  value: string;
  /** In how many of this case's reports. */
  reports: number;
  verdict: string | null;
}

export interface DossierDiagnostic {
  requestedUrl: string;
  finalUrl: string | null;
  /** `ok`, or why it failed (`timeout`, `refused`...). */
  outcome: string;
  status: number | null;
  redirects: ReadonlyArray<{ url: string; status: number | null; location: string | null }>;
  /** Addresses the name resolved to. */
  addresses: readonly string[];
  tls: { subject: string; issuer: string; notAfter: string; valid: boolean; fingerprintSha256: string } | null;
  bodySha256: string | null;
  startedAt: string;
  proxy: string | null;
  /** "Still online?" history, oldest first. */
  history: ReadonlyArray<{ at: string; state: 'online' | 'changed' | 'removed' | 'failed' }>;
  evidenceIds: readonly string[];
}

export interface DossierNote {
  author: string;
  createdAt: string;
  updatedAt: string;
  /** Markdown, untrusted: rendered through the app's safe tree (links and images become defanged text). */
  markdown: string;
  reportId: string | null;
}

export interface DossierEvidence {
  id: string;
  kind: EvidenceKind;
  reportId: string | null;
  label: string | null;
  mediaType: string;
  size: number;
  sha256: string;
  acquiredAt: string;
  acquiredBy: string | null;
  /** Path inside the package, or null when the bytes stay in the workstation's store (content never shown). */
  packagePath: string | null;
  /** An exposure-safe thumbnail (PNG, already blurred/greyscale by the decoder process) when the analyst chose thumbnails; never for content never shown. */
  thumbnailPng: Uint8Array | null;
  /** An intake original's signature, checked again at export (every revision's); null for other kinds. */
  signature?: { verified: boolean; keyFingerprint: string | null } | null;
}

export interface DossierModel {
  lang: DossierLang;
  /** The case reference (`DOS-…`). */
  caseRef: string;
  /** 1, 2, ...: each export is a new version. */
  version: number;
  title: string;
  /** UTC ISO 8601; shown in Africa/Casablanca time with UTC beside it. */
  createdAt: string;
  classification: string;
  issuingService: string;
  addressee: {
    policeService: Bilingual | null;
    prosecutor: Bilingual | null;
    court: Bilingual | null;
    courtOfAppeal: Bilingual | null;
    /** Part of the jurisdiction table behind this is inferred (INF), said on the cover. */
    inferred: boolean;
    /** Not confirmed on the case: the cover says the jurisdiction is to be determined. */
    confirmed: boolean;
  };
  analyst: DossierPerson;
  supervisor: DossierPerson | null;
  /** The case's summary of facts (Markdown), or null. */
  summary: string | null;
  qualifications: ReadonlyArray<{ code: string; articles: readonly string[]; label: string }>;
  /** The table's note saying the qualification is the team's proposal for the prosecutor to assess. */
  qualificationNote: string;
  urgency: { imminentDanger: boolean; earliestDeadline: string | null; overdue: boolean };
  reports: readonly DossierReport[];
  observables: readonly DossierObservable[];
  diagnostics: readonly DossierDiagnostic[];
  notes: readonly DossierNote[];
  evidence: readonly DossierEvidence[];
  /**
   * SHA-256 of the package's pieces (every file but the PDF, as listed in manifest.json's
   * `pieces_sha256`): printed in every page's footer. The manifest itself lists the PDF too,
   * so the PDF cannot carry the manifest's own hash.
   */
  piecesSha256: string;
  /** Head of the audit journal at export (`null` until the journal is a chain). */
  auditHead: string | null;
  generator: { name: string; version: string };
}
