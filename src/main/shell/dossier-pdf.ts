/**
 * The referral dossier's PDF in the app: the Electron twin of
 * dossiers/document/render.ts, given to the core as its `dossierPdf` (like the
 * image decoder's utility process and the page capture). Each render gets a
 * hidden window in a partition of its own, in memory only (no `persist:`
 * prefix), used once and cleared after; no preload, so no bridge; sandboxed,
 * context-isolated, JavaScript off; every web request cancelled but the page
 * itself and its own data: content (fonts, thumbnails), and the render fails
 * if the page tried any other. The page never touches the disk (it holds
 * reporters' identities when the analyst included them): the partition's own
 * protocol handler serves it from memory at a random URL, once, and is
 * removed after (a data: URL would not do: a case's HTML passes Chromium's
 * 2 MB limit on URLs). `webContents.printToPDF` prints it with the same
 * options as the plain-Node renderer (PRINT).
 */
import { randomUUID } from 'node:crypto';
import { BrowserWindow, session, type Session } from 'electron';
import { isolatedWebPreferences } from './isolated-window.ts';
import { AppError } from '../errors.ts';
import { pdfPageCount, PRINT, RequestAttemptedError, type DossierPdf, type DossierPdfRenderer } from '../dossiers/document/render.ts';

const LOAD_TIMEOUT_MS = 60_000;
/** The scheme the page is served under, in the render's own partition only. */
export const DOSSIER_SCHEME = 'iblagh-dossier';
const MM_PER_INCH = 25.4;

/** Whether the dossier window may make a request: its own page, and data: content (which never leaves the process). */
export function isDossierRequestAllowed(url: string, pageUrl: string): boolean {
  return url === pageUrl || url.slice(0, 5).toLowerCase() === 'data:';
}

/** The window's options: hidden, its own session, no preload, sandboxed, context-isolated, no JavaScript. */
export function dossierWindowOptions(ses: Session): Electron.BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794,
    height: 1123,
    paintWhenInitiallyHidden: true,
    webPreferences: { ...isolatedWebPreferences(ses, false), images: true },
  };
}

/** printToPDF's options: the plain-Node renderer's (render.ts PRINT), margins in inches. */
export function dossierPrintOptions(): Electron.PrintToPDFOptions {
  const m = PRINT.marginsMm;
  return {
    pageSize: PRINT.pageSize,
    printBackground: PRINT.printBackground,
    displayHeaderFooter: PRINT.displayHeaderFooter,
    preferCSSPageSize: PRINT.preferCSSPageSize,
    margins: { top: m.top / MM_PER_INCH, bottom: m.bottom / MM_PER_INCH, left: m.left / MM_PER_INCH, right: m.right / MM_PER_INCH },
  };
}

function timeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`the page did not load within ${String(ms)} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** A hidden window in a partition of its own, made ahead of a render: its page is set when the render comes. */
interface PreparedWindow {
  ses: Session;
  win: BrowserWindow;
  pageUrl: string;
  /** The page to serve, once (null until the render sets it). */
  html: string | null;
  served: boolean;
  attempted: string[];
}

function prepareWindow(): PreparedWindow {
  const pageUrl = `${DOSSIER_SCHEME}://render/${randomUUID()}.html`;
  const ses = session.fromPartition(`iblagh-dossier-${randomUUID()}`, { cache: false });
  const prepared: Omit<PreparedWindow, 'win'> & { win?: BrowserWindow } = { ses, pageUrl, html: null, served: false, attempted: [] };
  ses.protocol.handle(DOSSIER_SCHEME, (request) => {
    // The page, once, and only once the render has set it: nothing else of this scheme exists.
    if (request.url !== pageUrl || prepared.served || prepared.html === null) return new Response(null, { status: 404 });
    prepared.served = true;
    return new Response(prepared.html, { headers: { 'content-type': 'text/html; charset=utf-8' } });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // Replaces the hardening's listener for this session (one per session): the page's own file is its only load.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isDossierRequestAllowed(details.url, pageUrl);
    if (!allowed) prepared.attempted.push(details.url);
    callback({ cancel: !allowed });
  });
  ses.on('will-download', (event) => event.preventDefault());
  const win = new BrowserWindow(dossierWindowOptions(ses));
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  prepared.win = win;
  return prepared as PreparedWindow;
}

async function dispose(prepared: PreparedWindow): Promise<void> {
  prepared.win.destroy();
  prepared.ses.protocol.unhandle(DOSSIER_SCHEME);
  await prepared.ses.clearStorageData().catch(() => {});
  await prepared.ses.clearCache().catch(() => {});
}

/**
 * The window of the next render, made after each render: a new window
 * starts a renderer process, and a render in a window made just before waits
 * for it and then shares the processor with the rest of its start-up (the
 * plain-Node twin measured 2.7-3.5 s against 1.9 s on a 53-page Arabic
 * dossier: document/render.ts). Each window still serves one render, in a
 * partition of its own. One left unused for two minutes is closed, and
 * `closeDossierWindows` closes it with the app's window: a hidden window
 * must never keep the app (and its unlocked store) running.
 */
let spare: { prepared: PreparedWindow; timer: NodeJS.Timeout } | null = null;
let closing = false;
const SPARE_IDLE_MS = 120_000;

function prepareNext(): void {
  if (spare || closing) return;
  try {
    const prepared = prepareWindow();
    const timer = setTimeout(() => void dropSpare(), SPARE_IDLE_MS);
    timer.unref();
    spare = { prepared, timer };
  } catch {
    // The next render makes its own.
  }
}

async function dropSpare(): Promise<void> {
  const current = spare;
  spare = null;
  if (!current) return;
  clearTimeout(current.timer);
  await dispose(current.prepared);
}

/** The prepared window if it is still there, else a new one (as document/render.ts `takePage`). */
async function takeWindow(): Promise<PreparedWindow> {
  const ready = spare;
  spare = null;
  if (!ready) return prepareWindow();
  clearTimeout(ready.timer);
  if (!ready.prepared.win.isDestroyed()) return ready.prepared;
  await dispose(ready.prepared);
  return prepareWindow();
}

/** Gets the first render's window ready (the analyst opened a case's dossier choices). */
export function prepareElectronDossierPdf(): void {
  prepareNext();
}

/** The app's window closed: the prepared window goes, and none is made again. */
export async function closeDossierWindows(): Promise<void> {
  closing = true;
  await dropSpare();
}

/** Tests: back to a first render (no prepared window, preparing allowed). */
export async function resetDossierWindows(): Promise<void> {
  await dropSpare();
  closing = false;
}

export const electronDossierPdf: DossierPdfRenderer = async (rendered, hooks): Promise<DossierPdf> => {
  let prepared: PreparedWindow | null = null;
  try {
    prepared = await takeWindow();
    prepared.html = rendered.html;
    await timeout(prepared.win.webContents.loadURL(prepared.pageUrl), LOAD_TIMEOUT_MS);
    // printToPDF has sent its request to the page's renderer when it returns: the caller's work runs during the print.
    const printing = prepared.win.webContents.printToPDF(dossierPrintOptions());
    printing.catch(() => {});
    hooks?.whilePrinting?.();
    const pdf = await printing;
    if (prepared.attempted.length > 0) throw new RequestAttemptedError(prepared.attempted);
    const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    return { pdf: bytes, pages: pdfPageCount(bytes) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('RENDER_FAILED', `Electron failed to render the dossier: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    if (prepared) {
      prepared.html = null;
      await dispose(prepared);
    }
    // After the render, not during it: the new window's renderer would share the processor with this one.
    prepareNext();
  }
};
