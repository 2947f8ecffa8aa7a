/**
 * A page screenshot's browser side (issue #11): what the core asks of a
 * browser, and the plain-Node answer (the system Chromium through
 * browser/chromium.ts). The Electron shell gives its twin
 * (shell/page-capture.ts: an offscreen window in an in-memory partition) as
 * the core's `pageCapture` option, like the image decoder.
 *
 * Each capture is a new browser context: its own cookies, cache and storage,
 * closed after; JavaScript off unless a supervisor turned it on for
 * screenshots; service workers blocked, downloads refused, CSP kept, a fixed
 * viewport, the declared user agent; and every request through the
 * capture's filtering proxy (filter-proxy.ts), loopback included
 * (`<-loopback>`). The browser itself is launched with a proxy that answers
 * nothing (`--proxy-server=http://127.0.0.1:9`), so anything outside a
 * capture's context fails closed; no host resolver of its own (every name is
 * NOTFOUND: the filter resolves); WebRTC never sends UDP outside the proxy.
 */
import { withChromium } from '../../browser/chromium.ts';

export interface CaptureRequest {
  url: string;
  /** The filtering proxy, `http://127.0.0.1:PORT`. */
  proxyUrl: string;
  javaScript: boolean;
  userAgent: string;
  viewport: { width: number; height: number };
  /** Full page, cut at this height. */
  maxHeight: number;
  timeoutMs: number;
}

export interface CaptureResult {
  png: Buffer;
  /** The main document's HTTP status, when it answered. */
  status: number | null;
  /** The navigation did not finish loading in time: what was there is captured. */
  partial: boolean;
  /** Which browser made it. */
  browser: string;
}

/** Takes one screenshot; throws CaptureFailedError when no page could be shown. */
export type PageCapture = (request: CaptureRequest) => Promise<CaptureResult>;

export class CaptureFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaptureFailedError';
  }
}

export const VIEWPORT = { width: 1280, height: 800 } as const;
export const MAX_PAGE_HEIGHT = 6000;
export const CAPTURE_TIMEOUT_MS = 30_000;

/** The launch flags of the capture browser (on top of browser/chromium.ts's closed-network flags). */
export const CAPTURE_LAUNCH_ARGS: readonly string[] = [
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--disable-features=DnsOverHttps,NetworkPrediction,Prerender2',
];

/** The plain-Node capture: the system Chromium, one disposable context per capture. */
export const chromiumPageCapture: PageCapture = (request) =>
  withChromium(async (browser) => {
    const context = await browser.newContext({
      proxy: { server: request.proxyUrl, bypass: '<-loopback>' },
      javaScriptEnabled: request.javaScript,
      serviceWorkers: 'block',
      acceptDownloads: false,
      bypassCSP: false,
      // The TLS chain is recorded, and judged, by the diagnostic's own fetch; the page is shown whatever its certificate.
      ignoreHTTPSErrors: true,
      viewport: { ...request.viewport },
      userAgent: request.userAgent,
      permissions: [],
      offline: false,
    });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(request.timeoutMs);
      let status: number | null = null;
      let partial = false;
      try {
        const response = await page.goto(request.url, { waitUntil: 'load', timeout: request.timeoutMs });
        status = response?.status() ?? null;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (!(error instanceof Error && error.name === 'TimeoutError') || page.url() === 'about:blank') {
          throw new CaptureFailedError(`The page could not be loaded: ${message.split('\n')[0] ?? message}`);
        }
        partial = true;
      }
      const png = await page.screenshot({
        type: 'png',
        fullPage: true,
        clip: { x: 0, y: 0, width: request.viewport.width, height: request.maxHeight },
        animations: 'disabled',
        timeout: request.timeoutMs,
      });
      return { png, status, partial, browser: `Chromium ${browser.version()}` };
    } finally {
      await context.close().catch(() => {});
    }
  }, CAPTURE_LAUNCH_ARGS);
