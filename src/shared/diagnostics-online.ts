/**
 * Online URL diagnostics as the contract carries them (issue #11): what a
 * request for a reported URL brought back (DNS, every redirect hop, TLS
 * chain, body hash), the settings that allow it, and the history of a URL.
 *
 * The result is written in snake_case: it is the object `iblagh-ws diagnose
 * URL --json` prints, and the record kept with the captures. Everything in it
 * came from an untrusted server and is shown as inert text only.
 * Pure zod, shared by the core, the renderer and the CLI.
 */
import { z } from 'zod';
import { CaseRef } from './cases.ts';
import { ReportId } from './triage.ts';

export const DEFAULT_BODY_CAP = 10 * 1024 * 1024;
export const MAX_BODY_CAP = 100 * 1024 * 1024;

/** A supervisor's settings for online diagnostics. */
export const OnlineSettings = z
  .object({
    enabled: z.boolean(),
    /** http://host:port, https://host:port or socks5://host:port; null: none. */
    proxyUrl: z.string().max(300).nullable(),
    /** IP:PORT or [IPv6]:PORT; null: the system's first resolver. */
    resolver: z.string().max(100).nullable(),
    allowDirect: z.boolean(),
    /** Lab setting: private, loopback and reserved destinations. */
    allowPrivate: z.boolean(),
    bodyCapBytes: z.number().int().min(1024).max(MAX_BODY_CAP),
    /** Still-online re-check of a case's URLs, in hours; 0: never. */
    recheckHours: z.number().int().min(0).max(24 * 30),
    /** Page screenshots run the page's JavaScript (off by default: the page is rendered as served, no script runs). */
    screenshotJavaScript: z.boolean(),
  })
  .strict();
export type OnlineSettings = z.infer<typeof OnlineSettings>;

export const DEFAULT_ONLINE_SETTINGS: OnlineSettings = {
  enabled: false,
  proxyUrl: null,
  resolver: null,
  allowDirect: false,
  allowPrivate: false,
  bodyCapBytes: DEFAULT_BODY_CAP,
  recheckHours: 0,
  screenshotJavaScript: false,
};

export const OnlineSettingsInput = OnlineSettings.partial().strict();
export type OnlineSettingsInput = z.infer<typeof OnlineSettingsInput>;

/** What the screen says before a diagnostic: whether it may run, why not, and by which path. */
export const OnlineStatus = z.object({
  settings: OnlineSettings,
  /** null when a diagnostic may run. */
  disabledReason: z.enum(['disabled', 'no_route', 'bad_proxy', 'bad_resolver']).nullable(),
  /** "socks5://127.0.0.1:9050", "direct", or null when no path is allowed. */
  route: z.string().nullable(),
});
export type OnlineStatus = z.infer<typeof OnlineStatus>;

const Header = z.object({ name: z.string(), value: z.string() });

export const DnsRecordOut = z.object({ type: z.string(), name: z.string(), ttl: z.number(), data: z.string() });
export const DnsLookup = z.object({
  name: z.string(),
  resolver: z.string(),
  queried_at: z.string(),
  answers: z.array(z.object({ type: z.string(), rcode: z.string(), records: z.array(DnsRecordOut), error: z.string().optional(), transport: z.string() })),
  evidence_id: z.string().nullable(),
});
export type DnsLookup = z.infer<typeof DnsLookup>;

export const TlsCert = z.object({
  subject: z.string(),
  issuer: z.string(),
  san: z.string().nullable(),
  not_before: z.string(),
  not_after: z.string(),
  fingerprint_sha256: z.string(),
});
export type TlsCert = z.infer<typeof TlsCert>;

export const TlsInfo = TlsCert.extend({
  /** Chain verified against the system's roots, name matched, dates current. */
  valid: z.boolean(),
  /** Why not, in OpenSSL's and Node's words (CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID…). */
  errors: z.array(z.string()),
  protocol: z.string().nullable(),
  /** As the server sent it, leaf first (the last issuer may be completed from the trust store). */
  chain: z.array(TlsCert),
  evidence_id: z.string().nullable(),
});
export type TlsInfo = z.infer<typeof TlsInfo>;

export const Hop = z.object({
  url: z.string(),
  ip: z.string().nullable(),
  status: z.number().int().nullable(),
  location: z.string().nullable(),
  headers: z.array(Header),
});
export type Hop = z.infer<typeof Hop>;

export const FAILURE_CODES = [
  'DNS_FAILED',
  'REDIRECT_REFUSED',
  'REDIRECT_LOOP',
  'TOO_MANY_REDIRECTS',
  'BAD_REDIRECT',
  'CONNECT_TIMEOUT',
  'CONNECT_FAILED',
  'PROXY_REFUSED',
  'PROXY_ERROR',
  'TLS_FAILED',
  'HEADERS_TIMEOUT',
  'BODY_TIMEOUT',
  'BAD_RESPONSE',
  'CONNECTION_CLOSED',
  'DECOMPRESSION_FAILED',
] as const;
export const FailureCode = z.enum(FAILURE_CODES);

/** One request the screenshot's page made, as the workstation's filtering proxy judged it. */
export const ScreenshotRequest = z.object({ target: z.string(), method: z.string(), allowed: z.boolean(), ip: z.string().nullable(), reason: z.string().nullable() });
export type ScreenshotRequest = z.infer<typeof ScreenshotRequest>;

/** The page screenshot kept as evidence (kind `screenshot`): never its pixels here, only its id, hash and size. */
export const ScreenshotInfo = z.object({
  evidence_id: z.string(),
  sha256: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  javascript: z.boolean(),
  /** Every request the page made (capped), allowed or refused and why. */
  requests: z.array(ScreenshotRequest),
});
export type ScreenshotInfo = z.infer<typeof ScreenshotInfo>;

/** Why no screenshot was kept: never for a category whose content is never shown; no page answered; the capture failed. */
export const SCREENSHOT_REFUSALS = ['NO_VIEW_CATEGORY', 'NO_PAGE', 'CAPTURE_FAILED'] as const;
export const ScreenshotRefusal = z.object({ code: z.enum(SCREENSHOT_REFUSALS), message: z.string() });
export type ScreenshotRefusal = z.infer<typeof ScreenshotRefusal>;

export const OnlineDiagnostic = z.object({
  id: z.number().int(),
  evidence_id: z.string().nullable(),
  requested_url: z.string(),
  final_url: z.string().nullable(),
  route: z.string(),
  user_agent: z.string(),
  /** The hops before the final answer (each a 3xx with its Location). */
  redirects: z.array(Hop),
  status: z.number().int().nullable(),
  headers: z.array(Header),
  body: z
    .object({
      sha256: z.string(),
      size: z.number().int(),
      truncated: z.boolean(),
      truncated_reason: z.enum(['size_cap', 'decompression_cap', 'timeout', 'connection_closed']).nullable(),
      media_type: z.string(),
      content_encoding: z.string().nullable(),
      preview: z.object({ kind: z.enum(['text', 'hex']), text: z.string() }),
    })
    .nullable(),
  tls: TlsInfo.nullable(),
  dns: z.array(DnsLookup),
  warc: z.object({ evidence_id: z.string(), sha256: z.string() }).nullable(),
  failure: z.object({ code: FailureCode, message: z.string() }).nullable(),
  /** online: answered 2xx/3xx…; removed: 404/410 or the name is gone; failed: no usable answer. */
  state: z.enum(['online', 'changed', 'removed', 'failed']),
  /** Present when a screenshot was asked for: the capture, or null and `screenshot_refused` says why. */
  screenshot: ScreenshotInfo.nullable().optional(),
  screenshot_refused: ScreenshotRefusal.nullable().optional(),
  report_id: ReportId.nullable(),
  case_ref: CaseRef.nullable(),
  started_at: z.string(),
  finished_at: z.string(),
});
export type OnlineDiagnostic = z.infer<typeof OnlineDiagnostic>;

/** For one run only, instead of the stored settings (the command line's --proxy, --resolver, --allow-private, --allow-direct): supervisors only. */
export const OnlineOverride = OnlineSettings.pick({ proxyUrl: true, resolver: true, allowPrivate: true, allowDirect: true }).partial().strict();
export type OnlineOverride = z.infer<typeof OnlineOverride>;

const Url = z.string().min(1).max(8192);
/** Also a screenshot of the page (never for a category whose content is never shown). */
const Screenshot = z.boolean().optional();
export const OnlineDiagnoseInput = z.union([
  z.object({ url: Url, reportId: ReportId, override: OnlineOverride.optional(), screenshot: Screenshot }).strict(),
  z.object({ url: Url, caseRef: CaseRef, override: OnlineOverride.optional(), screenshot: Screenshot }).strict(),
  z.object({ url: Url, override: OnlineOverride.optional(), screenshot: Screenshot }).strict(),
  z.object({ caseRef: CaseRef, all: z.literal(true), screenshot: Screenshot }).strict(),
]);
export type OnlineDiagnoseInput = z.infer<typeof OnlineDiagnoseInput>;

export const OnlineDiagnoseResult = z.object({ diagnostics: z.array(OnlineDiagnostic), refused: z.array(z.object({ url: z.string(), message: z.string() })) });
export type OnlineDiagnoseResult = z.infer<typeof OnlineDiagnoseResult>;

export const ScreenshotPreviewInput = z.object({ evidenceId: z.string().min(1).max(64) }).strict();

export const HistoryInput = z.union([z.object({ reportId: ReportId }).strict(), z.object({ caseRef: CaseRef }).strict()]);
export type HistoryInput = z.infer<typeof HistoryInput>;

export const UrlHistory = z.object({
  url: z.string(),
  state: z.enum(['online', 'changed', 'removed', 'failed']),
  /** Since when the URL is in that state (the first diagnostic of the current run of it). */
  since: z.string(),
  last: OnlineDiagnostic,
  checks: z.array(z.object({ id: z.number().int(), state: z.string(), at: z.string(), status: z.number().int().nullable(), sha256: z.string().nullable() })),
});
export const HistoryResult = z.object({ urls: z.array(UrlHistory) });
export type HistoryResult = z.infer<typeof HistoryResult>;
