/**
 * pdf.js for the dossier preview, loaded when a preview first opens (not at
 * start-up). The PDF is bytes the core made, parsed in pdf.js's own worker and
 * drawn on canvases, under the renderer's CSP as it is:
 * - the worker is a module worker from the app's own origin (worker-src 'self');
 * - no eval: pdf.js 6 no longer has an eval path (the option `isEvalSupported`
 *   is gone), and the CSP's script-src 'self' would refuse one anyway;
 * - `disableFontFace`: the PDF's embedded fonts are drawn as paths by pdf.js
 *   rather than loaded as FontFace from data or blob URLs, which font-src
 *   'self' refuses (and should keep refusing);
 * - no network: the data is given, no CMap, standard font or wasm URL is set,
 *   `useWasm` and worker fetches are off, no system fonts;
 * - no annotations, forms, scripting or XFA layer: pages are pixels only.
 */
import type * as PdfJsModule from 'pdfjs-dist';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';

type PdfJs = typeof PdfJsModule;

interface Loaded {
  readonly lib: PdfJs;
  /**
   * One pdf.js worker for every preview, given to each document: a document's
   * loading task then never destroys it (it destroys only a worker it made
   * itself, and the shared global port's would be destroyed under the next
   * document while the previous one closes).
   */
  readonly worker: InstanceType<PdfJs['PDFWorker']>;
}

let loading: Promise<Loaded> | null = null;

function pdfjs(): Promise<Loaded> {
  loading ??= import('pdfjs-dist').then((lib) => {
    const port = new Worker(new URL('./pdf.worker.ts', import.meta.url), { type: 'module', name: 'pdfjs' });
    return { lib, worker: lib.PDFWorker.create({ port, name: 'dossier-preview' }) };
  });
  // A failed load (a chunk that could not be read) is tried again next time.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

export interface OpenedPdf {
  readonly doc: PDFDocumentProxy;
  /** Ends the document in the worker (its pages can no longer be drawn). */
  readonly close: () => Promise<void>;
}

/** Opens a PDF given as bytes (they are transferred to the worker). */
export async function openPdf(bytes: Uint8Array): Promise<OpenedPdf> {
  const { lib, worker } = await pdfjs();
  const task = lib.getDocument({
    data: bytes,
    worker,
    disableFontFace: true,
    useSystemFonts: false,
    useWasm: false,
    useWorkerFetch: false,
    enableXfa: false,
    disableWorkerRendering: true,
    stopAtErrors: true,
    verbosity: lib.VerbosityLevel.ERRORS,
  });
  try {
    return { doc: await task.promise, close: () => task.destroy() };
  } catch (error) {
    void task.destroy();
    throw error;
  }
}

export interface RenderedPage {
  readonly canvas: HTMLCanvasElement;
  /** CSS pixels. */
  readonly width: number;
  readonly height: number;
}

/** Draws one page at `scale` (1 = 72 dpi) on a new canvas, sharp on this screen; `signal` cancels it. */
export async function renderPage(page: PDFPageProxy, scale: number, signal: AbortSignal): Promise<RenderedPage> {
  const { lib } = await pdfjs();
  const viewport = page.getViewport({ scale });
  const ratio = window.devicePixelRatio || 1;
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.floor(viewport.width * ratio));
  canvas.height = Math.max(1, Math.floor(viewport.height * ratio));
  canvas.style.width = `${Math.floor(viewport.width)}px`;
  canvas.style.height = `${Math.floor(viewport.height)}px`;
  const task = page.render({
    canvas,
    viewport,
    transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
    annotationMode: lib.AnnotationMode.DISABLE,
  });
  const cancel = (): void => task.cancel();
  signal.addEventListener('abort', cancel, { once: true });
  try {
    await task.promise;
  } finally {
    signal.removeEventListener('abort', cancel);
  }
  return { canvas, width: Math.floor(viewport.width), height: Math.floor(viewport.height) };
}

/** pdf.js's 100 %: a PDF point (1/72 in) as a CSS pixel (1/96 in). */
export const ACTUAL_SIZE_SCALE = 96 / 72;
