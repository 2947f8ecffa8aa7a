/**
 * The referral dossier's HTML: one template for both languages
 * (`<html lang dir>`, the layout mirrored by logical CSS properties), with its
 * running header and footer on every page (reference, classification,
 * page X / Y, the package's pieces digest) as CSS page-margin boxes. Chromium's
 * header and footer templates did the same at twice the cost: it lays each
 * template out again, fonts included, on every page (a 115-page dossier
 * printed in 5.5 s with them, 2.1–3.5 s without). The page holds no script and
 * no reference to anything outside itself: fonts and thumbnails are data:
 * URLs, and every string of the model is escaped (html.ts, cssString below).
 *
 * On screen the page shows only a line of sample letters in every face
 * (SCREEN_CSS): Chromium then lays the document out once, for print, instead
 * of once for the screen and again for print (0.7 s of a 74-page dossier's
 * 3 s), and every font is loaded before printing starts.
 */
import type { DossierModel } from '../model.ts';
import { FONT_STACK, fontFacesFor } from './fonts.ts';
import { html, trusted } from './html.ts';
import { dossierLabels } from './labels.ts';
import { analysis, cover, inventory, reports, signatureBlock, summaryAndQualification, type Context } from './sections.ts';
import { PAGE_CSS } from './styles.ts';

export interface RenderedDossier {
  /** The whole document, its running header and footer included. */
  html: string;
}

/** A Content-Security-Policy that lets the page load nothing but its own data: fonts and images, and run nothing. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; script-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'";

/** A CSS string literal of any text: every character but plain ASCII letters, digits and a few marks is a hex escape, so nothing can end the string or the rule. */
export function cssString(text: string): string {
  let out = '"';
  for (const ch of text) out += /^[A-Za-z0-9 .,:/_-]$/.test(ch) ? ch : `\\${(ch.codePointAt(0) as number).toString(16)} `;
  return `${out}"`;
}

/** Only the font sample is laid out on screen; only the document is printed. */
const SCREEN_CSS = '@media screen { body > :not(.font-sample) { display: none !important; } } @media print { .font-sample { display: none !important; } }';

/** Isolates a left-to-right run (an id, a hash, a number) inside the margin box's text, as `<bdi dir=ltr>` does in the page. */
const LRI = '\u2066';
const PDI = '\u2069';

/**
 * The running header and footer: page-margin boxes, mirrored in Arabic (the reference at the start side). They use
 * the page's own fonts; `counter(page)` and `counter(pages)` give "page X / Y".
 */
function marginBoxes(model: DossierModel, t: ReturnType<typeof dossierLabels>): { css: string; text: string } {
  const rtl = model.lang === 'ar';
  const [start, end] = rtl ? ['right', 'left'] : ['left', 'right'];
  const box = `font-family: ${FONT_STACK}; font-size: 7.5pt; color: #333; direction: ${rtl ? 'rtl' : 'ltr'};`;
  const texts = {
    reference: `${LRI}${model.caseRef}${PDI} · ${t.version} ${LRI}${model.version}${PDI}`,
    classification: model.classification,
    pieces: `${t.piecesShort} ${LRI}${model.piecesSha256}${PDI}`,
    page: `${t.page} ${LRI}0123456789 /${PDI}`,
  };
  const reference = cssString(texts.reference);
  const pieces = cssString(texts.pieces);
  const page = cssString(`${t.page} `);
  const css = `@page {
  @top-${start} { content: ${reference}; ${box} vertical-align: bottom; }
  @top-${end} { content: ${cssString(model.classification)}; ${box} color: #9b1c1c; letter-spacing: 0.04em; vertical-align: bottom; }
  @bottom-${start} { content: ${pieces}; ${box} font-size: 6.8pt; white-space: nowrap; vertical-align: top; }
  @bottom-${end} { content: ${page} "${LRI}" counter(page) " / " counter(pages) "${PDI}"; ${box} white-space: nowrap; vertical-align: top; }
}
`;
  return { css, text: Object.values(texts).join(' ') };
}

export function renderDossierHtml(model: DossierModel): RenderedDossier {
  const t = dossierLabels(model.lang);
  const ctx: Context = { model, t };
  const dir = model.lang === 'ar' ? 'rtl' : 'ltr';
  const title = html`${t.docTitle} ${model.caseRef}`;
  const body = html`${cover(ctx)}
${summaryAndQualification(ctx)}
${reports(ctx)}
${analysis(ctx)}
${inventory(ctx)}
${signatureBlock(ctx)}`;
  const boxes = marginBoxes(model, t);
  // Only the faces the document's characters need (the margin boxes' texts are hex-escaped in their CSS).
  const fonts = fontFacesFor('page', `${title.value} ${body.value} ${boxes.text}`);
  const page = html`<!doctype html>
<html lang="${model.lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${title}</title>
<style>${trusted(fonts.css)}${trusted(PAGE_CSS)}${trusted(boxes.css)}${trusted(SCREEN_CSS)}</style>
</head>
<body>
<div class="font-sample" aria-hidden="true">${fonts.sample} <b>${fonts.sample}</b></div>
${body}
</body>
</html>`;
  return { html: page.value };
}
