/**
 * Image analysis of attachments (decoded in a separate process, never in the
 * renderer) and known-hash lists. A preview is greyscale pixels only, never
 * for a category whose content is never shown.
 */
import { z } from 'zod';
import { AnalysisPassResult, HashListSummary, ImageSettings, ImportHashListInput, ImportHashListResult, PreviewInput, PreviewPixels, ReportImageAnalysis } from '../images.ts';
import { ReportId } from '../triage.ts';
import { channel, None } from './channel.ts';

export const imagesChannels = {
  /** A report's attachments as analysed (those not yet analysed are analysed first), near duplicates and hash-list matches. */
  'images.report': channel({ input: z.object({ reportId: ReportId }).strict(), output: ReportImageAnalysis, errors: ['LOCKED', 'NOT_FOUND'], access: 'analyst' }),
  /** The small greyscale preview's pixels (the renderer blurs and draws them); FORBIDDEN where viewing is not allowed. Recorded. */
  'images.preview': channel({ input: PreviewInput, output: PreviewPixels, errors: ['LOCKED', 'NOT_FOUND', 'FORBIDDEN'], access: 'analyst' }),
  /** Analyses every verified attachment not analysed yet (the background pass, run now). */
  'images.analysePending': channel({ input: None, output: AnalysisPassResult, errors: ['LOCKED'], access: 'analyst' }),
  'images.settings': channel({ input: None, output: ImageSettings, errors: ['LOCKED'], access: 'analyst' }),
  /** The near-duplicate threshold (PDQ Hamming distance; 31 by default). Recorded. */
  'images.updateSettings': channel({ input: ImageSettings.strict(), output: ImageSettings, errors: ['LOCKED', 'FORBIDDEN', 'INVALID_INPUT'], access: 'supervisor' }),
  /** Imports a known-hash list whole (or nothing: INVALID_INPUT names the bad lines) and matches the store. Recorded. */
  'hashlists.import': channel({ input: ImportHashListInput, output: ImportHashListResult, errors: ['LOCKED', 'FORBIDDEN', 'INVALID_INPUT'], access: 'supervisor' }),
  'hashlists.list': channel({ input: None, output: z.array(HashListSummary), errors: ['LOCKED'], access: 'analyst', readOnly: true }),
} as const;
