/**
 * The referral dossier's HTML: one template for both languages
 * (`<html lang dir>`, the layout mirrored by logical CSS properties), and the
 * header and footer templates Chromium prints on every page (reference,
 * classification, page X / Y, the package's pieces digest). The page holds no
 * script and no reference to anything outside itself: fonts and thumbnails are
 * data: URLs, and every string of the model is escaped (html.ts).
 */
import type { DossierModel } from '../model.ts';
import { fontFaces } from './fonts.ts';
import { html, trusted, type Html } from './html.ts';
import { dossierLabels } from './labels.ts';
import { analysis, cover, inventory, reports, signatureBlock, summaryAndQualification, type Context } from './sections.ts';
import { MARGIN_CSS, PAGE_CSS } from './styles.ts';
import { inlineText, ltr } from './text.ts';

export interface RenderedDossier {
  /** The whole document. */
  html: string;
  /** Chromium's header and footer templates (`pageNumber` and `totalPages` filled in by Chromium). */
  headerHtml: string;
  footerHtml: string;
}

/** A Content-Security-Policy that lets the page load nothing but its own data: fonts and images, and run nothing. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; script-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'";

function margin(model: DossierModel, body: Html): string {
  const dir = model.lang === 'ar' ? 'rtl' : 'ltr';
  return html`<style>${trusted(fontFaces(model.lang === 'ar' ? 'margins-ar' : 'margins-fr'))}${trusted(MARGIN_CSS)}</style><div class="m" dir="${dir}" lang="${model.lang}">${body}</div>`.value;
}

export function renderDossierHtml(model: DossierModel): RenderedDossier {
  const t = dossierLabels(model.lang);
  const ctx: Context = { model, t };
  const dir = model.lang === 'ar' ? 'rtl' : 'ltr';
  const page = html`<!doctype html>
<html lang="${model.lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${t.docTitle} ${model.caseRef}</title>
<style>${trusted(fontFaces('page'))}${trusted(PAGE_CSS)}</style>
</head>
<body>
${cover(ctx)}
${summaryAndQualification(ctx)}
${reports(ctx)}
${analysis(ctx)}
${inventory(ctx)}
${signatureBlock(ctx)}
</body>
</html>`;
  const headerHtml = margin(model, html`<span>${ltr(model.caseRef)} · ${t.version} ${ltr(model.version)}</span><span class="c">${inlineText(model.classification)}</span>`);
  const footerHtml = margin(
    model,
    html`<span>${t.piecesShort} ${ltr(model.piecesSha256, 'hash')}</span><span class="nw">${t.page} <bdi dir="ltr" class="ltr"><span class="pageNumber"></span> / <span class="totalPages"></span></bdi></span>`,
  );
  return { html: page.value, headerHtml, footerHtml };
}
