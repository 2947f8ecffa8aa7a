/**
 * Page screenshots in the app (issue #11): the Electron twin of
 * diagnostics/screenshot/capture.ts, given to the core as its `pageCapture`
 * (like the image decoder's utility process). Each capture gets an offscreen
 * window in a partition of its own, in memory only (no `persist:` prefix),
 * used once and cleared after: its own cookies, cache and storage; no
 * preload, so no bridge; sandboxed, context-isolated, web security on;
 * JavaScript as the supervisor set it for screenshots (off by default); every
 * request sent to the capture's filtering proxy (session.setProxy, loopback
 * included with `<-loopback>`), WebRTC never outside it; no downloads, no
 * permissions, no new windows, no dialogs. capturePage gives the PNG.
 *
 * The hardening of every web contents and session (hardening.ts) keeps app
 * windows on app://; a capture session is told apart (isCaptureSession) so
 * that its window may load and follow http(s) pages, which only ever reach
 * the filter.
 */
import { randomUUID } from 'node:crypto';
import { BrowserWindow, session, type Session } from 'electron';
import { isolatedWebPreferences } from './isolated-window.ts';
import { CaptureFailedError, type CaptureRequest, type CaptureResult, type PageCapture } from '../diagnostics/screenshot/capture.ts';

const captureSessions = new WeakSet<Session>();

/** Whether a session is a page capture's (its window may load http(s) pages, through the filter only). */
export function isCaptureSession(ses: Session | undefined): boolean {
  return ses !== undefined && captureSessions.has(ses);
}

/** What a capture's page may request at all (everything else is cancelled before the proxy). */
const CAPTURE_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'ws:', 'wss:', 'data:', 'blob:', 'about:']);

export function isCaptureUrl(url: string): boolean {
  const colon = url.indexOf(':');
  return colon > 0 && CAPTURE_SCHEMES.has(url.slice(0, colon + 1).toLowerCase());
}

/** The window's options: offscreen, its own session, no preload, sandboxed, JavaScript per setting. */
export function captureWindowOptions(ses: Session, request: CaptureRequest): Electron.BrowserWindowConstructorOptions {
  return {
    show: false,
    width: request.viewport.width,
    height: request.viewport.height,
    useContentSize: true,
    paintWhenInitiallyHidden: true,
    webPreferences: { ...isolatedWebPreferences(ses, request.javaScript), offscreen: true, autoplayPolicy: 'document-user-activation-required' },
  };
}

function timeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)))]).finally(() => clearTimeout(timer));
}

export const electronPageCapture: PageCapture = async (request): Promise<CaptureResult> => {
  const ses = session.fromPartition(`iblagh-capture-${randomUUID()}`, { cache: false });
  captureSessions.add(ses);
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isCaptureUrl(details.url) }));
  ses.on('will-download', (event) => event.preventDefault());
  // The TLS chain is recorded, and judged, by the diagnostic's own fetch; the page is shown whatever its certificate.
  ses.setCertificateVerifyProc((_request, callback) => callback(0));
  ses.setUserAgent(request.userAgent);
  await ses.setProxy({ mode: 'fixed_servers', proxyRules: request.proxyUrl, proxyBypassRules: '<-loopback>' });
  const win = new BrowserWindow(captureWindowOptions(ses, request));
  const contents = win.webContents;
  contents.setWebRTCIPHandlingPolicy('disable_non_proxied_udp');
  contents.setAudioMuted(true);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  let status: number | null = null;
  contents.on('did-navigate', (_event, _url, httpResponseCode) => {
    status = httpResponseCode > 0 ? httpResponseCode : null;
  });
  try {
    let partial = false;
    try {
      const loaded = await timeout(contents.loadURL(request.url, { userAgent: request.userAgent }), request.timeoutMs);
      if (loaded === 'timeout') {
        if (contents.getURL() === '' || contents.getURL() === 'about:blank') throw new CaptureFailedError(`The page did not load within ${String(request.timeoutMs)} ms.`);
        partial = true;
      }
    } catch (error) {
      if (error instanceof CaptureFailedError) throw error;
      throw new CaptureFailedError(`The page could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
    }
    const image = await contents.capturePage();
    if (image.isEmpty()) throw new CaptureFailedError('The window gave an empty image.');
    return { png: image.toPNG(), status, partial, browser: `Electron ${process.versions['electron'] ?? ''} (Chromium ${process.versions['chrome'] ?? ''}), viewport only` };
  } finally {
    win.destroy();
    await ses.clearStorageData().catch(() => {});
    await ses.clearCache().catch(() => {});
  }
};
