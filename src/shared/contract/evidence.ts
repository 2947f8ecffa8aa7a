/**
 * Evidence items and their chain of custody: a report's signed intake
 * originals and verified attachments (registered when first asked for), files
 * analysts import, and later the diagnostics' captures. Evidence of a case
 * restricted to named analysts answers NOT_FOUND to anyone else, like the case.
 */
import { z } from 'zod';
import { EvidenceDetail, EvidenceId, EvidencePage, EvidenceQuery, ExportEvidenceInput, ExportedEvidence, ImportEvidenceInput, EvidenceItem, VerifyResult } from '../evidence.ts';
import { channel, None } from './channel.ts';

export const evidenceChannels = {
  /** A case's or a report's items, oldest first; the intake originals and verified attachments not yet items become items here. */
  'evidence.list': channel({ input: EvidenceQuery, output: EvidencePage, errors: ['LOCKED', 'NOT_FOUND'], access: 'analyst' }),
  /** One item with its custody log; the opening is logged (`viewed`). */
  'evidence.get': channel({ input: z.object({ id: EvidenceId }).strict(), output: EvidenceDetail, errors: ['LOCKED', 'NOT_FOUND'], access: 'analyst' }),
  /** An analyst's file, into a case or a report (at most 50 MiB). */
  'evidence.import': channel({ input: ImportEvidenceInput, output: EvidenceItem, errors: ['LOCKED', 'NOT_FOUND', 'INVALID_INPUT'], access: 'analyst' }),
  /** The item's exact bytes, to write to `fileName`; logged in custody and the audit journal. FORBIDDEN for content never shown. */
  'evidence.export': channel({ input: ExportEvidenceInput, output: ExportedEvidence, errors: ['LOCKED', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT'], access: 'analyst' }),
  /** Hashes every item the analyst may see again (all of them for a supervisor) and names those that no longer match. */
  'evidence.verify': channel({ input: None, output: VerifyResult, errors: ['LOCKED'], access: 'analyst' }),
} as const;
