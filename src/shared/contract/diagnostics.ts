/** URL diagnostics: offline first (no traffic at all); online diagnostics come later. */
import { OfflineDiagnoseInput, OfflineDiagnoseResult } from '../diagnostics.ts';
import { channel } from './channel.ts';

export const diagnosticsChannels = {
  /** What the text of each URL says by itself (IDN, scripts, homographs, shorteners, platform): every URL of a report's current revision, or one URL. */
  'diagnostics.offline': channel({ input: OfflineDiagnoseInput, output: OfflineDiagnoseResult, errors: ['LOCKED', 'NOT_FOUND'], access: 'analyst' }),
} as const;
