/**
 * The dossier's style sheet: a sober official document on A4. One sheet for
 * both languages: logical properties only (start/end, inline/block), so the
 * whole layout mirrors in Arabic from `<html dir="rtl">`. Untrusted runs wrap
 * anywhere (a 5,000-character word cannot push the page wider); hashes, ids
 * and dates never wrap (`.nw`), and sit in cells or rows wide enough for them.
 */
import { FONT_STACK } from './fonts.ts';

/** Page margins in millimetres: the running header and footer (CSS margin boxes) sit inside the top and bottom ones. */
export const PAGE_MARGINS_MM = { top: 20, bottom: 20, left: 18, right: 18 } as const;

export const PAGE_CSS = `
@page { size: A4; margin: ${PAGE_MARGINS_MM.top}mm ${PAGE_MARGINS_MM.right}mm ${PAGE_MARGINS_MM.bottom}mm ${PAGE_MARGINS_MM.left}mm; }
* { box-sizing: border-box; }
html { font-family: ${FONT_STACK}; font-size: 10pt; line-height: 1.42; color: #111; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
h1, h2, h3 { font-weight: 700; line-height: 1.25; break-after: avoid; }
h2 { font-size: 13pt; margin-block: 0 8pt; padding-block-end: 3pt; border-block-end: 1.2pt solid #1d3557; color: #1d3557; }
h3 { font-size: 10.5pt; margin-block: 10pt 4pt; color: #1d3557; }
section.chapter { break-before: page; }
section.chapter.first { break-before: auto; }
p { margin-block: 0 5pt; }
.ltr { direction: ltr; unicode-bidi: isolate; }
.nw { white-space: nowrap; }
.url { white-space: pre-wrap; overflow-wrap: anywhere; word-break: normal; }
.hash { font-size: 8.6pt; letter-spacing: 0.01em; }
.muted { color: #555; }
.tz { color: #555; font-size: 0.9em; }
.notice { color: #7a4b00; font-size: 9pt; }
.mark { color: #9b1c1c; font-size: 0.85em; white-space: nowrap; }
.ut { overflow-wrap: anywhere; word-break: normal; white-space: pre-wrap; }
.ut-line { unicode-bidi: plaintext; text-align: start; }
table { width: 100%; border-collapse: collapse; margin-block: 2pt 8pt; font-size: 9.2pt; }
th, td { text-align: start; vertical-align: top; padding: 2.5pt 4pt; border-block-end: 0.5pt solid #c9ced6; overflow-wrap: break-word; }
th { font-weight: 700; background: #eef1f5; border-block-end: 0.8pt solid #8a94a3; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
tr.sub td { border-block-end: 0.5pt solid #c9ced6; padding-block-start: 0; color: #333; }
tr.main td { border-block-end: none; }
td.k { width: 24%; color: #444; font-weight: 700; }
.kv td { border-block-end: 0.5pt solid #e3e6eb; }

/* Cover */
.cover { min-height: 250mm; display: flex; flex-direction: column; }
.classification { align-self: stretch; text-align: center; font-weight: 700; letter-spacing: 0.06em; border: 1.2pt solid #9b1c1c; color: #9b1c1c; padding: 4pt; margin-block-end: 18pt; }
.issuer { font-weight: 700; font-size: 11pt; margin-block-end: 26pt; }
.cover h1 { font-size: 22pt; margin: 0 0 4pt; color: #1d3557; }
.cover .subtitle { font-size: 11pt; color: #333; margin-block-end: 18pt; }
.cover .ref { font-size: 15pt; font-weight: 700; margin-block-end: 16pt; }
.cover .box { border: 0.8pt solid #8a94a3; padding: 8pt 10pt; margin-block-end: 10pt; }
.cover .box h3 { margin-block-start: 0; }
.cover .grow { flex: 1; }
.seal { border-block-start: 0.8pt solid #8a94a3; padding-block-start: 6pt; font-size: 9pt; }

/* Reports */
.report { border: 0.8pt solid #b8bfca; margin-block-end: 4pt; break-inside: auto; }
.report-head { display: flex; gap: 10pt; align-items: baseline; background: #eef1f5; padding: 2pt 6pt; font-weight: 700; break-after: avoid; }
.report-head .rh-date { margin-inline-start: auto; white-space: nowrap; font-weight: 400; font-size: 8.8pt; }
.report-body { padding: 1.5pt 6pt 3pt; font-size: 9.6pt; line-height: 1.36; }
.meta { font-size: 8.4pt; display: flex; flex-wrap: wrap; column-gap: 12pt; row-gap: 1pt; margin-block-end: 2pt; }
.fl { color: #555; font-size: 0.92em; }
.alert { color: #9b1c1c; }
.ok { color: #1e6b35; }
.report table.kv { margin-block: 0 4pt; font-size: 8.8pt; }
.report table.kv td { padding: 1.5pt 3pt; }
.report table.kv td.k { width: 17%; }
.content { border-inline-start: 2pt solid #b8bfca; padding-inline-start: 6pt; margin-block: 2pt 3pt; }
.withheld { border: 0.8pt dashed #9b1c1c; color: #9b1c1c; padding: 4pt 6pt; margin-block: 3pt; }
.identity { background: #fff7e6; border: 0.6pt solid #d9a441; padding: 3pt 6pt; margin-block: 3pt; }
.protected { font-weight: 700; }
.urls { margin-block: 1pt 0; }
.urls .sep { color: #8a94a3; }
.thumbs { display: flex; flex-wrap: wrap; gap: 6pt; margin-block: 4pt; }
.thumbs figure { margin: 0; font-size: 8pt; }
.thumbs img { max-width: 40mm; max-height: 30mm; border: 0.5pt solid #999; display: block; }

table.inv { font-size: 8.8pt; }
table.orig { font-size: 7.6pt; }
table.orig td, table.orig th { padding: 1.2pt 3pt; }
table.orig .hash { font-size: 6.9pt; }
.small { font-size: 8.4pt; }

/* Notes (the app's safe Markdown, inert) */
.note { border-block-start: 0.6pt solid #c9ced6; padding-block: 4pt; }
.note-head { font-size: 9pt; color: #444; margin-block-end: 3pt; }
.md { overflow-wrap: anywhere; }
.md-h { font-weight: 700; margin-block: 4pt 2pt; }
.md-h1 { font-size: 11pt; } .md-h2 { font-size: 10.5pt; } .md-h3 { font-size: 10pt; }
.md-html, .md code { font-size: 0.92em; background: #f1f3f6; }
.md blockquote { margin-block: 3pt; margin-inline: 0; padding-inline-start: 8pt; border-inline-start: 2pt solid #c9ced6; color: #333; }
.md ul, .md ol { margin-block: 2pt; padding-inline-start: 16pt; }
.md-code { background: #f5f6f8; border: 0.5pt solid #d5d9df; padding: 3pt 5pt; margin-block: 3pt; font-size: 9pt; }
.md-table { font-size: 8.8pt; }
.md-footnote { font-size: 9pt; }
.md-plain { border: 0.5pt dashed #b8bfca; padding: 3pt 5pt; }

/* Signature */
.signature { break-inside: avoid; border: 0.8pt solid #8a94a3; padding: 10pt 12pt; margin-block-start: 16pt; width: 60%; margin-inline-start: auto; }
.signature .line { margin-block-start: 26pt; border-block-start: 0.6pt dotted #555; padding-block-start: 3pt; font-size: 8.5pt; color: #555; }
`;
