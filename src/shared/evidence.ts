/**
 * Evidence items and their chain of custody, as the contract carries them.
 * Pure zod, shared by the core, the renderer and the CLI.
 */
import { z } from 'zod';
import { CaseRef } from './cases.ts';
import { ReportId } from './triage.ts';

/** What an item is. Diagnostics add captures (http, dns, tls, warc, screenshot) with their bytes in the evidence store. */
export const EVIDENCE_KINDS = ['intake_original', 'attachment', 'http_capture', 'dns_answer', 'tls_chain', 'warc', 'screenshot', 'imported_file'] as const;
export const EvidenceKind = z.enum(EVIDENCE_KINDS);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

/** `EV-2026-WSRABAT03-000017`: year, workstation code (as in a case reference), counter. */
export const EVIDENCE_ID = /^EV-\d{4}-[A-Z0-9]{1,10}-\d{6}$/;
export const EvidenceId = z.string().regex(EVIDENCE_ID, 'not an evidence id (EV-YYYY-WORKSTATION-NNNNNN)');

/** What the chain of custody records. */
export const CUSTODY_ACTIONS = ['acquired', 'viewed', 'exported', 'included_in_dossier', 'verified', 'verify_failed'] as const;
export const CustodyAction = z.enum(CUSTODY_ACTIONS);
export type CustodyAction = z.infer<typeof CustodyAction>;

/** The largest file an analyst may import as evidence. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** For an intake original: its Ed25519 signature checked again, now, over the stored payload with the kept intake key. */
export const SignatureCheck = z.object({
  verified: z.boolean(),
  /** SHA-256 of the intake key's SubjectPublicKeyInfo, colon-separated hex pairs. */
  keyFingerprint: z.string().nullable(),
  /** Whether that key is still the one configured for the intake service. */
  currentKey: z.boolean(),
  /** Set when the original's reporter identity was erased under retention (law 09-08): its bytes are gone, so nothing is checked. */
  erasedAt: z.string().nullable().optional(),
});
export type SignatureCheck = z.infer<typeof SignatureCheck>;

export const EvidenceItem = z.object({
  id: EvidenceId,
  kind: EvidenceKind,
  reportId: ReportId.nullable(),
  caseRef: CaseRef.nullable(),
  /** Where the bytes live when they are not in the evidence store: `report#revision`, an attachment id. */
  sourceRef: z.string().nullable(),
  /** A file name or a short description (never interpreted as markup). */
  label: z.string().nullable(),
  sha256: Sha256,
  sha1: z.string(),
  md5: z.string(),
  size: z.number().int().nonnegative(),
  /** Found from the bytes themselves. */
  mediaType: z.string(),
  /** What the source said it was (the reporter, the importing analyst). */
  declaredType: z.string().nullable(),
  /** UTC, ISO 8601. */
  acquiredAt: z.string(),
  /** Which clock `acquiredAt` was read from. */
  clock: z.string(),
  /** Null: this workstation's sync acquired it. */
  acquiredBy: z.string().nullable(),
  acquiredByName: z.string().nullable(),
  workstationId: z.string().nullable(),
  tool: z.string(),
  toolVersion: z.string(),
  method: z.record(z.string(), z.unknown()),
  registeredAt: z.string(),
  /** Intake originals only. */
  signature: SignatureCheck.nullable(),
  /** Whether its bytes may leave the store (export); never for attachments and files of a category whose content is never shown. */
  exportable: z.boolean(),
  demo: z.boolean(),
});
export type EvidenceItem = z.infer<typeof EvidenceItem>;

export const CustodyEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  analystId: z.string().nullable(),
  analystName: z.string().nullable(),
  action: CustodyAction,
  detail: z.record(z.string(), z.unknown()),
});
export type CustodyEntry = z.infer<typeof CustodyEntry>;

/** A case's evidence (its own and that of its reports) or a report's. */
export const EvidenceTarget = z.union([z.object({ caseRef: CaseRef }).strict(), z.object({ reportId: ReportId }).strict()]);
export type EvidenceTarget = z.infer<typeof EvidenceTarget>;

export const EvidenceQuery = z
  .object({
    /** Without a target: every item already registered that the analyst may see (nothing is registered then). */
    target: EvidenceTarget.optional(),
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().min(1).max(500).default(200),
  })
  .strict();

export const EvidencePage = z.object({ items: z.array(EvidenceItem), total: z.number().int().nonnegative() });
export type EvidencePage = z.infer<typeof EvidencePage>;

export const EvidenceDetail = z.object({ item: EvidenceItem, custody: z.array(CustodyEntry) });
export type EvidenceDetail = z.infer<typeof EvidenceDetail>;

const FileName = z
  .string()
  .trim()
  .min(1)
  .max(255)
    // Direction characters are allowed: a seized file keeps its name, which the window shows marked, never obeyed.
  .refine((name) => ![...name].some((ch) => { const code = ch.codePointAt(0)!; return code < 0x20 || code === 0x7f; }), 'no control characters in a file name');

export const ImportEvidenceInput = z
  .object({
    target: EvidenceTarget,
    fileName: FileName,
    /** What the analyst says it is; the media type is found from the bytes anyway. */
    declaredType: z.string().max(200).optional(),
    /** The file's bytes, base64 (the size cap is checked on the decoded bytes, with a clear message). */
    base64: z.string().max(Math.ceil((MAX_IMPORT_BYTES * 2 * 4) / 3)),
    /** Where the import came from, for the method record. */
    via: z.enum(['window', 'cli']).default('window'),
  })
  .strict();

export const ExportEvidenceInput = z.object({ id: EvidenceId, fileName: FileName }).strict();
export const ExportedEvidence = z.object({ id: EvidenceId, fileName: z.string(), sha256: Sha256, size: z.number().int(), mediaType: z.string(), base64: z.string() });
export type ExportedEvidence = z.infer<typeof ExportedEvidence>;

export const VerifyMismatch = z.object({
  id: EvidenceId,
  kind: EvidenceKind,
  reportId: ReportId.nullable(),
  caseRef: CaseRef.nullable(),
  reason: z.enum(['hash_mismatch', 'bytes_missing', 'signature_invalid']),
  expectedSha256: Sha256,
  actualSha256: Sha256.nullable(),
});
export type VerifyMismatch = z.infer<typeof VerifyMismatch>;

export const VerifyResult = z.object({ checked: z.number().int(), matched: z.number().int(), mismatches: z.array(VerifyMismatch) });
export type VerifyResult = z.infer<typeof VerifyResult>;
