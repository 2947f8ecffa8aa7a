/**
 * Hardening of every web contents and every session: no navigation away from
 * the app, no new windows, no webviews, no permissions, no request that leaves
 * the app:// scheme.
 */
import { app, session, type Session, type WebContents } from 'electron';
import { isAppEntryUrl } from './origin.ts';
import { isCaptureSession, isCaptureUrl } from './page-capture.ts';

// Every load is app://; devtools:// only matters when DevTools open (never when packaged);
// blob: is what the CSP allows for images built in the page, and never leaves the process.
const ALLOWED_SCHEMES: ReadonlySet<string> = new Set(['app:', 'devtools:', 'blob:']);

function schemeOf(url: string): string {
  const colon = url.indexOf(':');
  return colon < 0 ? '' : url.slice(0, colon + 1).toLowerCase();
}

function hardenWebContents(contents: WebContents): void {
  // The only page is the app's own; it never navigates, except reloading itself. A page capture's offscreen
  // window (page-capture.ts: its own session, no preload) follows http(s) pages, which only reach its filter.
  const allowed = (url: string, mainFrame = true) => (isCaptureSession(contents.session) ? isCaptureUrl(url) : mainFrame && isAppEntryUrl(url));
  contents.on('will-navigate', (event) => {
    if (!allowed(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!allowed(event.url, event.isMainFrame)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!allowed(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // The spellchecker would fetch dictionaries from the network.
  ses.setSpellCheckerEnabled(false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !ALLOWED_SCHEMES.has(schemeOf(details.url)) });
  });
  // The only downloads are the evidence exports the app builds as a Blob (EvidenceList): Electron's save dialog
  // asks where, never a silent write. A page capture downloads nothing.
  ses.on('will-download', (event, item) => {
    if (isCaptureSession(ses) || !item.getURL().startsWith('blob:app://')) {
      event.preventDefault();
      return;
    }
    item.setSaveDialogOptions({ title: 'Iblagh Workstation', defaultPath: item.getFilename() });
  });
}

/** Before ready: covers every web contents and session created from then on. */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('session-created', hardenSession);
}

/** After ready. The default session may predate the 'session-created' listener; the handlers are idempotent. */
export function hardenDefaultSession(): void {
  hardenSession(session.defaultSession);
}
