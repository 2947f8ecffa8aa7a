/**
 * A page screenshot for an online diagnostic (issue #11): refused for a
 * report or case whose content is never shown (child sexual exploitation),
 * otherwise the page rendered by a disposable browser context (capture.ts, or
 * the Electron shell's twin) through a filtering proxy of its own
 * (filter-proxy.ts) that applies the diagnostic's destination policy, path
 * and resolver to every request. The PNG becomes an evidence item of kind
 * `screenshot`, linked to the same report or case as the diagnostic, its
 * method naming the viewport, JavaScript on or off, the route, the resolver
 * and every request the page made. online.ts stores it with the other
 * captures, in the same transaction.
 */
import { NO_VIEW_CATEGORIES } from '../../../shared/triage.ts';
import type { ScreenshotRefusal, ScreenshotRequest } from '../../../shared/diagnostics-online.ts';
import type { Db } from '../../store/database.ts';
import { headerDimensions } from '../images/image-header.ts';
import type { FetchConfig, FetchDeps } from '../online/fetch.ts';
import { formatResolver } from '../online/dns.ts';
import { CAPTURE_TIMEOUT_MS, CaptureFailedError, MAX_PAGE_HEIGHT, VIEWPORT, type PageCapture } from './capture.ts';
import { startFilterProxy } from './filter-proxy.ts';

/** Bytes the filter relays to the page, all requests together. */
export const SCREENSHOT_MAX_BYTES = 50 * 1024 * 1024;

export interface ScreenshotTarget {
  url: string;
  reportId: string | null;
  caseId: number | null;
}

export interface TakenScreenshot {
  png: Buffer;
  width: number;
  height: number;
  javascript: boolean;
  requests: ScreenshotRequest[];
  method: Record<string, unknown>;
}

/** Why a screenshot may not be taken for this report or case (its content is never shown); null when it may. */
export function screenshotRefusal(db: Db, target: ScreenshotTarget): ScreenshotRefusal | null {
  const noView = JSON.stringify(NO_VIEW_CATEGORIES);
  const byReport = target.reportId !== null && db.prepare('SELECT 1 FROM reports WHERE id = ? AND category IN (SELECT value FROM json_each(?))').get(target.reportId, noView) !== undefined;
  const byCase =
    target.caseId !== null &&
    db
      .prepare(
        `SELECT 1 FROM case_reports cr JOIN reports r ON r.id = cr.report_id
          WHERE cr.case_id = ? AND cr.removed_at IS NULL AND r.category IN (SELECT value FROM json_each(?)) LIMIT 1`,
      )
      .get(target.caseId, noView) !== undefined;
  if (!byReport && !byCase) return null;
  return {
    code: 'NO_VIEW_CATEGORY',
    message: `No screenshot is ever taken for ${byReport ? 'a report' : 'a case holding a report'} of a category whose content is never shown (child sexual exploitation): the diagnostic keeps the headers, hashes and WARC only.`,
  };
}

/**
 * Renders the page through its own filtering proxy; throws CaptureFailedError
 * when no page could be shown. The proxy is closed whatever happens.
 */
export async function takeScreenshot(url: string, config: FetchConfig, javascript: boolean, capture: PageCapture, deps: FetchDeps = {}): Promise<TakenScreenshot> {
  const proxy = await startFilterProxy({
    policy: config.policy,
    resolver: config.resolver,
    timeouts: { dnsMs: config.timeouts.dnsMs, connectMs: config.timeouts.connectMs },
    maxBytes: SCREENSHOT_MAX_BYTES,
    ...(deps.connectTcp ? { connectTcp: deps.connectTcp } : {}),
    ...(deps.extraCa ? { proxyCa: deps.extraCa } : {}),
  });
  try {
    const result = await capture({
      url,
      proxyUrl: proxy.url,
      javaScript: javascript,
      userAgent: config.userAgent,
      viewport: { ...VIEWPORT },
      maxHeight: MAX_PAGE_HEIGHT,
      timeoutMs: Math.min(CAPTURE_TIMEOUT_MS, config.timeouts.hopMs),
    });
    const size = headerDimensions('image/png', result.png);
    if (size === null) throw new CaptureFailedError('The browser did not give a PNG image.');
    const requests = proxy.requests.map((r) => ({ ...r }));
    return {
      png: result.png,
      width: size.width,
      height: size.height,
      javascript,
      requests,
      method: {
        what: 'Page screenshot (PNG) in a disposable browser context: its own session, no bridge, closed after',
        url,
        browser: result.browser,
        viewport: `${String(VIEWPORT.width)}x${String(VIEWPORT.height)}`,
        full_page_max_height: MAX_PAGE_HEIGHT,
        javascript: javascript ? 'on (supervisor setting)' : 'off',
        route: `every request through the workstation's filtering proxy (${proxy.url}, destination policy applied), then ${proxy.route}`,
        resolver: formatResolver(config.resolver),
        user_agent: config.userAgent,
        certificate_errors: 'not blocking (the TLS chain is recorded and judged by the diagnostic)',
        main_status: result.status,
        partial: result.partial,
        requests: requests.map((r) => `${r.allowed ? 'allowed' : 'refused'} ${r.method} ${r.target}${r.ip ? ` -> ${r.ip}` : ''}${r.reason ? `: ${r.reason}` : ''}`),
        requests_unlisted: proxy.unlisted(),
      },
    };
  } finally {
    await proxy.close();
  }
}
