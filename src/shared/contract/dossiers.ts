/**
 * Referral dossiers: what can go in, a preview of the PDF, the export (signed
 * PDF and sealed package, the case and its reports referred through the
 * outbox), the case's referral history and the answers that came back.
 * A case restricted to named analysts answers NOT_FOUND to anyone else.
 */
import { z } from 'zod';
import { CaseRef } from '../cases.ts';
import { AnswerInput, DossierAnswer, DossierChoices, DossierOptions, DossierPreview, DossierSettings, ExportedDossier, ReferralHistory, ReferralOverview } from '../dossiers.ts';
import { channel, None } from './channel.ts';

const Ref = z.object({ ref: CaseRef }).strict();

export const dossiersChannels = {
  /** The reports, notes and evidence the preview offers, with the supervisors to name and whether export is possible now. */
  'dossiers.choices': channel({ input: Ref, output: DossierChoices, errors: ['LOCKED', 'NOT_FOUND'], access: 'analyst' }),
  /** The PDF as it would be exported (unsigned, no package, nothing recorded but the identities' reasons checked). */
  'dossiers.preview': channel({ input: DossierOptions, output: DossierPreview, errors: ['LOCKED', 'NOT_FOUND', 'INVALID_INPUT', 'RENDER_FAILED'], access: 'analyst' }),
  /**
   * Renders, signs and seals a new version into the settings' export folder; the case and its reports become
   * `referred` (through the outbox, with the dossier reference); the export and each identity included are
   * recorded in the audit journal and on the timeline.
   */
  'dossiers.export': channel({ input: DossierOptions, output: ExportedDossier, errors: ['LOCKED', 'NOT_FOUND', 'INVALID_INPUT', 'CONFLICT', 'FORBIDDEN', 'INTAKE_NOT_CONFIGURED', 'RENDER_FAILED'], access: 'analyst' }),
  'dossiers.history': channel({ input: Ref, output: ReferralHistory, errors: ['LOCKED', 'NOT_FOUND'], access: 'analyst', readOnly: true }),
  /** What the police or the prosecutor answered (investigation opened, forwarded, no action, more information requested). */
  'dossiers.answer': channel({ input: AnswerInput, output: DossierAnswer, errors: ['LOCKED', 'NOT_FOUND', 'CONFLICT', 'INVALID_INPUT'], access: 'analyst' }),
  'dossiers.overview': channel({ input: None, output: ReferralOverview, errors: ['LOCKED'], access: 'analyst', readOnly: true }),
  'dossiers.settings': channel({ input: None, output: DossierSettings, errors: ['LOCKED'], access: 'analyst' }),
  'dossiers.updateSettings': channel({ input: DossierSettings, output: DossierSettings, errors: ['LOCKED', 'FORBIDDEN', 'INVALID_INPUT'], access: 'supervisor' }),
} as const;
