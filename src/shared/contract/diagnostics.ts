/** URL diagnostics: offline (no traffic at all), and online on request through the configured proxy (issue #11). */
import { OfflineDiagnoseInput, OfflineDiagnoseResult } from '../diagnostics.ts';
import { HistoryInput, HistoryResult, OnlineDiagnoseInput, OnlineDiagnoseResult, OnlineSettingsInput, OnlineStatus, ScreenshotPreviewInput } from '../diagnostics-online.ts';
import { PreviewPixels } from '../images.ts';
import { channel, None } from './channel.ts';

export const diagnosticsChannels = {
  /** What the text of each URL says by itself (IDN, scripts, homographs, shorteners, platform): every URL of a report's current revision, or one URL. */
  'diagnostics.offline': channel({ input: OfflineDiagnoseInput, output: OfflineDiagnoseResult, errors: ['LOCKED', 'NOT_FOUND'], access: 'analyst' }),
  /**
   * One URL of a report or a case, or every URL of a case's reports, fetched now through the configured path
   * (DNS, redirects, TLS, body, WARC), kept as evidence. A refused destination is DESTINATION_REFUSED for one
   * URL, and listed in `refused` for a whole case.
   */
  'diagnostics.online': channel({
    input: OnlineDiagnoseInput,
    output: OnlineDiagnoseResult,
    errors: ['LOCKED', 'NOT_FOUND', 'ONLINE_DISABLED', 'DESTINATION_REFUSED', 'INVALID_INPUT'],
    access: 'analyst',
  }),
  /** Each URL diagnosed for a report or a case: its state (online, changed, removed, failed), since when, the last result and every check. */
  'diagnostics.history': channel({ input: HistoryInput, output: HistoryResult, errors: ['LOCKED', 'NOT_FOUND'], access: 'analyst' }),
  /**
   * A page screenshot's small greyscale preview (decoded in the decoder process; the renderer blurs and draws the
   * pixels, never the PNG). FORBIDDEN for a category whose content is never shown. Logged as viewed in its custody.
   */
  'diagnostics.screenshotPreview': channel({ input: ScreenshotPreviewInput, output: PreviewPixels, errors: ['LOCKED', 'NOT_FOUND', 'FORBIDDEN', 'INVALID_INPUT', 'CONFLICT'], access: 'analyst' }),
  /** Whether online diagnostics may run, why not, and the path in use (for the buttons and the banner). */
  'diagnostics.onlineStatus': channel({ input: None, output: OnlineStatus, errors: ['LOCKED'], access: 'analyst' }),
  /** A supervisor changes the online diagnostics settings (on/off, proxy, resolver, direct, lab, body cap, re-check interval). */
  'diagnostics.onlineSettings': channel({ input: OnlineSettingsInput, output: OnlineStatus, errors: ['LOCKED', 'FORBIDDEN', 'INVALID_INPUT'], access: 'supervisor' }),
} as const;
