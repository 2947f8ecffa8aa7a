/**
 * The dossier's HTML to PDF under plain Node (CLI, tests): the system Chromium
 * (browser/chromium.ts, kept warm and shared), a new context per render with
 * JavaScript disabled and the network offline, every request routed, recorded
 * and aborted. The render fails if the page tried any request at all: the page
 * is self-contained (fonts and thumbnails are data: URLs, which are not
 * requests), so an attempt can only mean that something escaped escaping.
 * The app renders the same HTML with Electron's own Chromium
 * (shell/dossier-pdf.ts), with the same print options (pdfOptions below).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AppError } from '../../errors.ts';
import { ChromiumMissingError, withChromium } from '../../browser/chromium.ts';
import { PAGE_MARGINS_MM } from './styles.ts';
import type { RenderedDossier } from './template.ts';

export interface DossierPdf {
  pdf: Uint8Array;
  pages: number;
}

/** What a renderer offers its caller while it renders. */
export interface PrintHooks {
  /**
   * Called once while Chromium prints, when this thread would only wait for it (the export writes the
   * package's other files then). Must not throw.
   */
  whilePrinting?: () => void;
}

/** Renders a dossier's HTML to a PDF: this module's plain-Node one, or the Electron shell's. */
export type DossierPdfRenderer = (rendered: RenderedDossier, hooks?: PrintHooks) => Promise<DossierPdf>;

/** The print settings both renderers use: A4, backgrounds, the header and footer templates, the CSS page size. */
export const PRINT = {
  pageSize: 'A4',
  printBackground: true,
  /** The running header and footer are the page's own CSS margin boxes (template.ts), not Chromium's templates. */
  displayHeaderFooter: false,
  preferCSSPageSize: true,
  marginsMm: PAGE_MARGINS_MM,
} as const;

/**
 * How long after asking for the print `whilePrinting` runs: the request goes through a few turns of the event
 * loop in playwright-core before it reaches Chromium, and work on this thread before then would hold it back.
 * The print itself takes a second or more.
 */
const PRINT_REQUEST_SENT_MS = 25;

export interface RenderOptions extends PrintHooks {
  /** Time allowed for the page to lay out and print (ms). */
  timeoutMs?: number;
  /** Receives every request the page attempted (each was aborted); the render fails if there was any. */
  onAttempt?: (url: string) => void;
}

/** Pages of a PDF as Chromium (Skia) or Electron writes it: the root page tree's `/Count`. */
export function pdfPageCount(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  let pages = 0;
  for (const match of text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)) {
    pages = Math.max(pages, Number(match[1] ?? match[2]));
  }
  return pages;
}

export class RequestAttemptedError extends AppError {
  readonly attempted: readonly string[];
  constructor(attempted: readonly string[]) {
    super('RENDER_FAILED', `The dossier page tried ${attempted.length} network request(s) while rendering (all blocked); nothing was produced.`);
    this.attempted = attempted;
  }
}

/** A context of its own and an empty page in it, ready for one render: requests are recorded and aborted from the start. */
interface Prepared {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  attempted: string[];
  onAttempt: ((url: string) => void) | undefined;
}

async function prepare(browser: Browser): Promise<Prepared> {
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true, serviceWorkers: 'block', acceptDownloads: false });
  const attempted: string[] = [];
  const prepared: Omit<Prepared, 'page'> & { page?: Page } = { browser, context, attempted, onAttempt: undefined };
  try {
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      attempted.push(url);
      prepared.onAttempt?.(url);
      await route.abort('blockedbyclient');
    });
    prepared.page = await context.newPage();
  } catch (error) {
    await context.close().catch(() => {});
    throw error;
  }
  return prepared as Prepared;
}

/**
 * The page for the next render, prepared after each render: a new page
 * starts a renderer process, and a render on a page made just before waits
 * for it (0.4-0.7 s) and then shares the processor with the rest of its
 * start-up. Measured on a 53-page Arabic dossier, interleaved: 2.7-3.5 s on
 * a page made for the render, 1.9 s on one made ahead (docs/benchmarks.md).
 * Each page still serves one render only, in a context of its own.
 */
let spare: Promise<Prepared | null> | null = null;

let preparedPagesUsed = 0;

/** How many renders used a page prepared ahead (tests). */
export function preparedPagesUsedCount(): number {
  return preparedPagesUsed;
}

/** Whether a page prepared ahead can serve a render in `browser` (not one left from a browser closed since). */
function usable(ready: Prepared, browser: Browser): boolean {
  return ready.browser === browser && browser.isConnected() && !ready.page.isClosed();
}

async function takePage(browser: Browser): Promise<Prepared> {
  const ready = spare ? await spare : null;
  spare = null;
  if (ready && usable(ready, browser)) {
    preparedPagesUsed += 1;
    return ready;
  }
  if (ready) await ready.context.close().catch(() => {});
  return prepare(browser);
}

/** Prepares the page of the next render (a failure only means the next render makes its own). */
function prepareNext(browser: Browser): void {
  if (spare || !browser.isConnected()) return;
  // A browser closed meanwhile is seen when the page is taken (`takePage`), which then makes a new one.
  spare = prepare(browser).catch(() => null);
}

/**
 * Gets the page of the first render ready, without waiting: Chromium is
 * launched and a page prepared (the bench calls it where the app's dossier
 * screen opens). Nothing is loaded in it; a missing Chromium is reported by
 * the render itself. The promise (which never rejects) says when the page is
 * ready; callers need not wait for it.
 */
export function prepareDossierPdf(): Promise<void> {
  return withChromium(async (browser) => {
    const current = spare;
    const ready = current ? await current : null;
    if (ready && usable(ready, browser)) return;
    // Left from a browser closed since (idle for a minute, or `closeChromium`): dropped, and a page made in this one.
    if (spare === current) {
      spare = null;
      if (ready) await ready.context.close().catch(() => {});
    }
    prepareNext(browser);
    await spare;
  }).catch(() => {});
}

async function renderIn(browser: Browser, rendered: RenderedDossier, options: RenderOptions): Promise<DossierPdf> {
  const timeout = options.timeoutMs ?? 120_000;
  const taken = await takePage(browser);
  // Set before anything is loaded: the page has been blank since it was made.
  taken.onAttempt = options.onAttempt;
  const { context, page, attempted } = taken;
  try {
    page.setDefaultTimeout(timeout);
    await page.setContent(rendered.html, { waitUntil: 'load', timeout });
    const m = PRINT.marginsMm;
    const printing = page.pdf({
      format: PRINT.pageSize,
      printBackground: PRINT.printBackground,
      displayHeaderFooter: PRINT.displayHeaderFooter,
      preferCSSPageSize: PRINT.preferCSSPageSize,
      margin: { top: `${m.top}mm`, bottom: `${m.bottom}mm`, left: `${m.left}mm`, right: `${m.right}mm` },
    });
    if (options.whilePrinting) {
      // Handled below; a failure while waiting here must not count as unhandled.
      printing.catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, PRINT_REQUEST_SENT_MS));
      options.whilePrinting();
    }
    const pdf = await printing;
    if (attempted.length > 0) throw new RequestAttemptedError(attempted);
    const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    return { pdf: bytes, pages: pdfPageCount(bytes) };
  } finally {
    await context.close().catch(() => {});
    // After the render, not during it: the new page's renderer would share the two cores with this one.
    prepareNext(browser);
  }
}

/** The dossier as a PDF, rendered by the system Chromium with no network. */
export async function renderDossierPdf(rendered: RenderedDossier, options: RenderOptions = {}): Promise<DossierPdf> {
  try {
    return await withChromium((browser) => renderIn(browser, rendered, options));
  } catch (error) {
    if (error instanceof AppError) throw error;
    const reason = error instanceof ChromiumMissingError ? error.message : `Chromium failed to render the dossier: ${error instanceof Error ? error.message : String(error)}`;
    throw new AppError('RENDER_FAILED', reason, { cause: error });
  }
}
