/**
 * Online diagnostics as a service (issue #11): the settings turned into a
 * fetch configuration, one URL fetched (fetch.ts), its captures kept as
 * evidence items (http_capture: the final body; warc: the whole exchange;
 * dns_answer: each lookup; tls_chain: the served chain in PEM) with the exact
 * request, the path and the resolver as their method, and the result kept in
 * `online_diagnostics` with its still-online state.
 */
import type { HistoryResult, OnlineDiagnostic, OnlineSettings, ScreenshotRefusal } from '../../../shared/diagnostics-online.ts';
import { AppError } from '../../errors.ts';
import type { Db } from '../../store/database.ts';
import { storeEvidence } from '../../evidence/store.ts';
import { packageVersion } from '../../version.ts';
import type { DestinationPolicy } from '../net/destination-policy.ts';
import { formatResolver, parseResolver } from './dns.ts';
import { fetchUrl, sha256, systemResolver, type FetchConfig, type FetchDeps, type FetchOutcome } from './fetch.ts';
import { describeRoute, parseProxyUrl } from './tunnel.ts';
import { buildWarc } from './warc.ts';
import { CaptureFailedError, type PageCapture } from '../screenshot/capture.ts';
import { screenshotRefusal, takeScreenshot, type TakenScreenshot } from '../screenshot/screenshot.ts';

export const USER_AGENT = `IblaghWorkstation-Diagnostics/${packageVersion()} (+police technical analysis)`;
export const MAX_REDIRECTS = 10;
export const PREVIEW_BYTES = 4096;

export const DEFAULT_TIMEOUTS: FetchConfig['timeouts'] = { dnsMs: 5_000, connectMs: 10_000, headersMs: 15_000, hopMs: 60_000 };

/** Why a diagnostic may not run with these settings (null: it may), and the path it would take. */
export function onlineReadiness(settings: OnlineSettings): { disabledReason: 'disabled' | 'no_route' | 'bad_proxy' | 'bad_resolver' | null; route: string | null } {
  const proxy = settings.proxyUrl === null ? null : parseProxyUrl(settings.proxyUrl);
  const route = proxy !== null ? describeRoute({ kind: 'proxy', proxy }) : settings.allowDirect && settings.proxyUrl === null ? 'direct' : null;
  if (settings.proxyUrl !== null && proxy === null) return { disabledReason: 'bad_proxy', route: null };
  if (settings.resolver !== null && parseResolver(settings.resolver) === null) return { disabledReason: 'bad_resolver', route };
  if (!settings.enabled) return { disabledReason: 'disabled', route };
  if (route === null) return { disabledReason: 'no_route', route: null };
  return { disabledReason: null, route };
}

/** The fetch configuration from the settings; throws AppError when they do not allow a diagnostic. */
export function fetchConfig(settings: OnlineSettings, timeouts: FetchConfig['timeouts'] = DEFAULT_TIMEOUTS): FetchConfig {
  const proxy = settings.proxyUrl === null ? null : parseProxyUrl(settings.proxyUrl);
  if (settings.proxyUrl !== null && proxy === null) throw new AppError('INVALID_INPUT', `The proxy ${JSON.stringify(settings.proxyUrl)} is not an http://, https:// or socks5:// URL with a host and a port.`);
  const resolver = settings.resolver === null ? systemResolver() : parseResolver(settings.resolver);
  if (resolver === null) throw new AppError('INVALID_INPUT', `The resolver ${JSON.stringify(settings.resolver)} is not IP:PORT.`);
  const policy: DestinationPolicy = { allowPrivate: settings.allowPrivate, allowDirect: settings.allowDirect, proxy };
  return { policy, resolver, bodyCapBytes: settings.bodyCapBytes, userAgent: USER_AGENT, maxRedirects: MAX_REDIRECTS, timeouts };
}

export interface DiagnoseTarget {
  url: string;
  reportId: string | null;
  caseId: number | null;
  caseRef: string | null;
}

function preview(bytes: Buffer): { kind: 'text' | 'hex'; text: string } {
  const head = bytes.subarray(0, PREVIEW_BYTES);
  const text = head.toString('utf8');
  // Text when it decodes without replacement characters and has few control characters.
  let controls = 0;
  for (const byte of head) if (byte < 0x09 || (byte > 0x0d && byte < 0x20) || byte === 0x7f) controls += 1;
  if (!text.includes('\ufffd') || (head.length === PREVIEW_BYTES && text.slice(0, -4).indexOf('\ufffd') < 0)) {
    if (controls <= head.length / 100) return { kind: 'text', text };
  }
  const lines: string[] = [];
  for (let i = 0; i < Math.min(head.length, 512); i += 16) {
    const row = head.subarray(i, i + 16);
    lines.push(`${i.toString(16).padStart(8, '0')}  ${[...row].map((b) => b.toString(16).padStart(2, '0')).join(' ')}`);
  }
  return { kind: 'hex', text: lines.join('\n') };
}

function stateOf(outcome: FetchOutcome, previousSha: string | null | undefined, bodySha: string | null): OnlineDiagnostic['state'] {
  const last = outcome.hops.at(-1);
  if (outcome.failure?.code === 'DNS_FAILED') return outcome.dns.some((d) => d.answers.some((a) => a.rcode === 'NXDOMAIN' || (a.rcode === 'NOERROR' && (a.type === 'A' || a.type === 'AAAA')))) ? 'removed' : 'failed';
  if (last?.status === 404 || last?.status === 410) return 'removed';
  if (outcome.failure !== null || last?.status === null || last === undefined) return 'failed';
  if (previousSha !== undefined && previousSha !== null && bodySha !== null && previousSha !== bodySha) return 'changed';
  return 'online';
}

export interface DiagnosticOptions extends FetchDeps {
  timeouts?: FetchConfig['timeouts'];
  /** A page screenshot too, taken with this browser (screenshot/capture.ts, or the Electron shell's twin). */
  screenshot?: PageCapture | null;
}

/**
 * Runs one diagnostic and keeps it. A refused destination throws (AppError
 * DESTINATION_REFUSED) and nothing is fetched; a misbehaving server is a
 * recorded failure. With `screenshot`, the page is also rendered (never for a
 * category whose content is never shown: `screenshot_refused` says so).
 */
export async function runOnlineDiagnostic(db: Db, analystId: string | null, target: DiagnoseTarget, settings: OnlineSettings, deps: DiagnosticOptions = {}): Promise<OnlineDiagnostic> {
  const config = fetchConfig(settings, deps.timeouts);
  let outcome: FetchOutcome;
  try {
    outcome = await fetchUrl(target.url, config, deps);
  } catch (error) {
    if (error instanceof Error && error.name === 'DestinationRefusedError') throw new AppError('DESTINATION_REFUSED', error.message, { cause: error });
    throw error;
  }
  let shot: TakenScreenshot | null = null;
  let shotRefused: ScreenshotRefusal | null = null;
  if (deps.screenshot) {
    shotRefused = screenshotRefusal(db, target);
    const answered = outcome.hops.at(-1)?.status ?? null;
    if (shotRefused === null && answered === null) {
      shotRefused = { code: 'NO_PAGE', message: `No page to capture: ${outcome.failure?.message ?? 'the server gave no answer.'}` };
    }
    if (shotRefused === null) {
      try {
        shot = await takeScreenshot(target.url, config, settings.screenshotJavaScript, deps.screenshot, deps);
      } catch (error) {
        // No browser, a page that never loads, a browser that crashed: recorded with the diagnostic, which stands.
        const message = error instanceof Error ? error.message : String(error);
        shotRefused = { code: 'CAPTURE_FAILED', message: (error instanceof CaptureFailedError ? message : `The capture failed: ${message}`).split('\n')[0]?.slice(0, 500) ?? '' };
      }
    }
  }
  const resolver = formatResolver(config.resolver);
  const warcBytes = await buildWarc(outcome.hops, { software: `Iblagh Workstation ${packageVersion()}`, userAgent: USER_AGENT, route: outcome.route, resolver }, outcome.startedAt);
  const last = outcome.hops.at(-1);
  const previous = db
    .prepare(`SELECT body_sha256 FROM online_diagnostics WHERE url = ? AND report_id IS ? AND case_id IS ? ORDER BY id DESC LIMIT 1`)
    .get(target.url, target.reportId, target.caseId) as { body_sha256: string | null } | undefined;

  return db.transaction((): OnlineDiagnostic => {
    const method = (what: string) => ({
      what,
      request: last ? last.requestHead.toString('latin1') : null,
      url: target.url,
      route: outcome.route,
      resolver,
      user_agent: USER_AGENT,
    });
    const common = { reportId: target.reportId, caseId: target.caseId, acquiredBy: analystId, acquiredAt: outcome.finishedAt, custodyDetail: { url: target.url.slice(0, 500), route: outcome.route } };
    const dns = outcome.dns.map((answer) => {
      const id = storeEvidence(db, { ...common, kind: 'dns_answer', bytes: Buffer.from(JSON.stringify(answer, null, 2)), label: `DNS ${answer.name} @ ${answer.resolver}`, declaredType: 'application/json', method: method('DNS A, AAAA, CNAME, MX, NS, TXT') });
      return { name: answer.name, resolver: answer.resolver, queried_at: answer.queriedAt, answers: answer.answers, evidence_id: id };
    });
    let body: OnlineDiagnostic['body'] = null;
    let bodyId: string | null = null;
    if (last?.body) {
      const bytes = last.body.bytes;
      bodyId = storeEvidence(db, { ...common, kind: 'http_capture', bytes, label: `Body of ${last.url.slice(0, 300)}`, declaredType: last.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value.slice(0, 200) ?? null, method: method('HTTP GET, final response body (decoded)') });
      const mediaType = (db.prepare('SELECT media_type FROM evidence_items WHERE id = ?').pluck().get(bodyId) as string | undefined) ?? 'application/octet-stream';
      body = { sha256: sha256(bytes), size: bytes.length, truncated: last.body.truncated, truncated_reason: last.body.truncatedReason, media_type: mediaType, content_encoding: last.body.contentEncoding, preview: preview(bytes) };
    }
    let tls: OnlineDiagnostic['tls'] = null;
    if (last?.tls) {
      const { pem, ...info } = last.tls;
      const tlsId = storeEvidence(db, { ...common, kind: 'tls_chain', bytes: Buffer.from(pem.join('')), label: `TLS chain of ${new URL(last.url).host}`, declaredType: 'application/x-pem-file', method: method('TLS peer certificate chain') });
      tls = { ...info, evidence_id: tlsId };
    }
    let screenshot: OnlineDiagnostic['screenshot'] = null;
    if (shot !== null) {
      const shotId = storeEvidence(db, { ...common, kind: 'screenshot', bytes: shot.png, label: `Screenshot of ${target.url.slice(0, 300)}`, declaredType: 'image/png', method: shot.method });
      screenshot = { evidence_id: shotId, sha256: sha256(shot.png), width: shot.width, height: shot.height, javascript: shot.javascript, requests: shot.requests };
    }
    const warcId = storeEvidence(db, { ...common, kind: 'warc', bytes: warcBytes, label: `WARC of ${target.url.slice(0, 300)}`, declaredType: 'application/warc', method: method('WARC 1.1: warcinfo, request and response of every hop') });
    const hops = outcome.hops.map((h) => ({ url: h.url, ip: h.ip, status: h.status, location: h.location, headers: h.headers }));
    const finalHop = hops.at(-1);
    const state = stateOf(outcome, previous?.body_sha256, body?.sha256 ?? null);
    const result: Omit<OnlineDiagnostic, 'id'> = {
      evidence_id: bodyId,
      requested_url: target.url,
      final_url: finalHop?.url ?? null,
      route: outcome.route,
      user_agent: USER_AGENT,
      redirects: finalHop ? hops.slice(0, -1) : [],
      status: finalHop?.status ?? null,
      headers: finalHop?.headers ?? [],
      body,
      tls,
      dns,
      warc: { evidence_id: warcId, sha256: sha256(warcBytes) },
      failure: outcome.failure,
      state,
      ...(deps.screenshot ? { screenshot, screenshot_refused: shotRefused } : {}),
      report_id: target.reportId,
      case_ref: target.caseRef,
      started_at: outcome.startedAt,
      finished_at: outcome.finishedAt,
    };
    const id = Number(
      db
        .prepare(
          `INSERT INTO online_diagnostics (url, report_id, case_id, analyst_id, started_at, finished_at, state, status, body_sha256, failure_code, result)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(target.url, target.reportId, target.caseId, analystId, outcome.startedAt, outcome.finishedAt, state, result.status, body?.sha256 ?? null, outcome.failure?.code ?? null, JSON.stringify(result)).lastInsertRowid,
    );
    return { id, ...result };
  })();
}

interface HistoryRow {
  id: number;
  url: string;
  state: OnlineDiagnostic['state'];
  status: number | null;
  body_sha256: string | null;
  finished_at: string;
  result: string;
}

/**
 * The history of each URL diagnosed for a report or a case, newest state
 * first: its state, since when it has been in it (the oldest diagnostic of the
 * latest run of that state; a `changed` counts as online for "since"), the last
 * result, and every check.
 */
export function urlHistory(db: Db, where: { reportId: string } | { caseId: number }): HistoryResult['urls'] {
  const rows = (
    'reportId' in where
      ? db.prepare('SELECT id, url, state, status, body_sha256, finished_at, result FROM online_diagnostics WHERE report_id = ? ORDER BY id').all(where.reportId)
      : db.prepare('SELECT id, url, state, status, body_sha256, finished_at, result FROM online_diagnostics WHERE case_id = ? ORDER BY id').all(where.caseId)
  ) as HistoryRow[];
  const byUrl = new Map<string, HistoryRow[]>();
  for (const row of rows) byUrl.set(row.url, [...(byUrl.get(row.url) ?? []), row]);
  const family = (s: string) => (s === 'changed' ? 'online' : s);
  return [...byUrl.entries()].map(([url, checks]) => {
    const last = checks.at(-1) as HistoryRow;
    let since = last.finished_at;
    for (let i = checks.length - 1; i >= 0; i -= 1) {
      const check = checks[i];
      if (check === undefined || family(check.state) !== family(last.state)) break;
      since = check.finished_at;
    }
    return {
      url,
      state: last.state,
      since,
      last: { id: last.id, ...(JSON.parse(last.result) as Omit<OnlineDiagnostic, 'id'>) },
      checks: checks.map((c) => ({ id: c.id, state: c.state, at: c.finished_at, status: c.status, sha256: c.body_sha256 })),
    };
  });
}
