/**
 * The dossier's real pages: the PDF the core rendered, drawn by pdf.js on
 * canvases in a scrolling column. Only the pages near the visible area are
 * drawn (and those far from it let go), the page count and the current page
 * are shown, and the zoom is the column's width or 100 %. A new PDF replaces
 * the pages one by one as they are drawn: the previous pixels stay until then.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { MessageNotice } from '../../components/Notice.tsx';
import { useI18n } from '../../i18n/index.ts';
import { base64Bytes } from './dossierDraft.ts';
import { ACTUAL_SIZE_SCALE, openPdf, renderPage, type OpenedPdf } from './pdfDocument.ts';

type Zoom = 'fit' | 'actual';

interface Opened {
  readonly doc: PDFDocumentProxy;
  /** Page 1's size in PDF points (every page of a dossier is A4). */
  readonly width: number;
  readonly height: number;
}

/** Space around a page and between pages, in CSS pixels (dossier.css's .dossier-pages padding and gap). */
const GUTTER = 16;

interface PdfPreviewProps {
  /** The PDF to show, base64; null while none has arrived. */
  readonly pdfBase64: string | null;
  /** Shown above the pages (the "updating" line, a failure). */
  readonly status?: ReactNode;
}

export function PdfPreview({ pdfBase64, status }: PdfPreviewProps): ReactNode {
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [failed, setFailed] = useState(false);
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [columnWidth, setColumnWidth] = useState(0);
  const [current, setCurrent] = useState(1);

  useEffect(() => {
    if (pdfBase64 === null) return;
    let cancelled = false;
    let pdf: OpenedPdf | null = null;
    void (async () => {
      try {
        pdf = await openPdf(base64Bytes(pdfBase64));
        if (cancelled) {
          void pdf.close();
          return;
        }
        const first = (await pdf.doc.getPage(1)).getViewport({ scale: 1 });
        if (cancelled) return;
        setOpened({ doc: pdf.doc, width: first.width, height: first.height });
        setFailed(false);
      } catch {
        if (!cancelled) setFailed(true);
      }
    })();
    return () => {
      cancelled = true;
      // The canvases already drawn stay on screen: they no longer need the document.
      void pdf?.close();
    };
  }, [pdfBase64]);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setColumnWidth(entry?.contentRect.width ?? 0));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const scale = opened ? (zoom === 'fit' ? Math.max(0.2, (columnWidth - 2 * GUTTER) / opened.width) : ACTUAL_SIZE_SCALE) : 1;
  const pageWidth = opened ? Math.floor(opened.width * scale) : 0;
  const pageHeight = opened ? Math.floor(opened.height * scale) : 0;
  const pages = opened?.doc.numPages ?? 0;

  function onScroll(): void {
    const element = scroller.current;
    if (!element || pageHeight === 0) return;
    const middle = element.scrollTop + element.clientHeight / 3;
    setCurrent(Math.min(pages, Math.max(1, Math.floor(middle / (pageHeight + GUTTER)) + 1)));
  }

  return (
    <section className="dossier-preview" aria-labelledby="dossier-preview-title">
      <div className="dossier-preview-bar">
        <h2 id="dossier-preview-title" className="dossier-preview-title">
          {t('dossier.preview.title')}
        </h2>
        {opened ? (
          <span className="dossier-preview-pages" data-pages={pages}>
            {t('dossier.preview.page', { page: Math.min(current, pages), count: pages })}
          </span>
        ) : null}
        <div className="dossier-zoom" role="group" aria-label={t('dossier.preview.zoom')}>
          {(['fit', 'actual'] as const).map((value) => (
            <button key={value} type="button" className="btn btn-small" aria-pressed={zoom === value} onClick={() => setZoom(value)}>
              {t(value === 'fit' ? 'dossier.preview.fit' : 'dossier.preview.actual')}
            </button>
          ))}
        </div>
      </div>
      {status}
      {failed ? <MessageNotice tone="error">{t('dossier.preview.unreadable')}</MessageNotice> : null}
      <div ref={scroller} className="dossier-pages" tabIndex={0} aria-label={t('dossier.preview.title')} onScroll={onScroll} dir="ltr">
        {opened
          ? Array.from({ length: pages }, (_, index) => (
              <PageSlot key={index} doc={opened.doc} number={index + 1} scale={scale} width={pageWidth} height={pageHeight} root={scroller} />
            ))
          : null}
      </div>
    </section>
  );
}

interface PageSlotProps {
  readonly doc: PDFDocumentProxy;
  readonly number: number;
  readonly scale: number;
  readonly width: number;
  readonly height: number;
  readonly root: RefObject<HTMLDivElement | null>;
}

/** One page: a box of the page's size, drawn when near the visible area, emptied when far from it. */
function PageSlot({ doc, number, scale, width, height, root }: PageSlotProps): ReactNode {
  const { t } = useI18n();
  const slot = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  const drawn = useRef<{ doc: PDFDocumentProxy; scale: number } | null>(null);

  useEffect(() => {
    const element = slot.current;
    if (!element) return;
    // A page is "near" within one column's height above or below the visible area.
    const observer = new IntersectionObserver(([entry]) => setNear(entry?.isIntersecting ?? false), { root: root.current, rootMargin: '100% 0px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [root]);

  useEffect(() => {
    const element = slot.current;
    if (!element) return;
    if (!near) {
      // Far from view: let the pixels go (a 50-page dossier would otherwise hold hundreds of MB).
      for (const canvas of element.querySelectorAll('canvas')) canvas.width = 0;
      element.replaceChildren();
      drawn.current = null;
      return;
    }
    if (drawn.current?.doc === doc && drawn.current.scale === scale) return;
    const controller = new AbortController();
    void (async () => {
      try {
        const page = await doc.getPage(number);
        const rendered = await renderPage(page, scale, controller.signal);
        if (controller.signal.aborted) return;
        rendered.canvas.className = 'dossier-page-canvas';
        rendered.canvas.dataset['rendered'] = 'true';
        for (const canvas of element.querySelectorAll('canvas')) canvas.width = 0;
        element.replaceChildren(rendered.canvas);
        drawn.current = { doc, scale };
      } catch {
        // Cancelled (a newer document or zoom, or the page left the view), or the document was destroyed: the next one draws.
      }
    })();
    return () => controller.abort();
  }, [near, doc, scale, number]);

  return (
    <div
      ref={slot}
      className="dossier-page"
      data-page={number}
      role="img"
      aria-label={t('dossier.preview.page', { page: number, count: doc.numPages })}
      style={{ width: `${width}px`, height: `${height}px` }}
    />
  );
}
