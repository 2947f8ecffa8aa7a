/**
 * `iblagh-ws diagnose URL` online (issue #11): one URL fetched through the
 * configured path (or the one given with --proxy, --resolver, --allow-private,
 * --allow-direct, which only a supervisor profile may give), kept as evidence
 * of a case or a report, printed as one JSON object. A refused destination or
 * a disabled feature exits 1 with the reason; a misbehaving server is a
 * result (exit 0) with its `failure`. With --screenshot the page is also
 * rendered (the system Chromium, through the diagnostic's filtering proxy) and
 * `screenshot` is `{ evidence_id, sha256, width, height, … }`, or null with
 * `screenshot_refused` saying why (never for child sexual exploitation).
 */
import { closeChromium } from '../main/browser/chromium.ts';
import type { OnlineDiagnostic, OnlineOverride } from '../shared/diagnostics-online.ts';

export interface DiagnoseValues {
  case?: string | undefined;
  report?: string | undefined;
  proxy?: string | undefined;
  resolver?: string | undefined;
  'allow-private'?: boolean | undefined;
  'allow-direct'?: boolean | undefined;
  screenshot?: boolean | undefined;
}

export class DiagnoseUsageError extends Error {}

type Invoke = (channel: 'diagnostics.online', input: unknown) => Promise<{ diagnostics: OnlineDiagnostic[] }>;

export async function diagnoseOnline(invoke: Invoke, url: string, values: DiagnoseValues): Promise<string> {
  if (values.case !== undefined && values.report !== undefined) throw new DiagnoseUsageError('Give --case or --report, not both.');
  const override: OnlineOverride = {};
  if (values.proxy !== undefined) override.proxyUrl = values.proxy;
  if (values.resolver !== undefined) override.resolver = values.resolver;
  if (values['allow-private']) override.allowPrivate = true;
  if (values['allow-direct']) override.allowDirect = true;
  const input: Record<string, unknown> = { url };
  if (values.case !== undefined) input.caseRef = values.case;
  if (values.report !== undefined) input.reportId = values.report;
  if (Object.keys(override).length > 0) input.override = override;
  if (values.screenshot) input.screenshot = true;
  try {
    const result = await invoke('diagnostics.online', input);
    return JSON.stringify(result.diagnostics[0]);
  } finally {
    // The browser is kept warm for the app; a command exits now.
    if (values.screenshot) await closeChromium();
  }
}
