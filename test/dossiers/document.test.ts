/**
 * The referral dossier's document (src/main/dossiers/document/): the HTML
 * template and its PDF through the system Chromium, read back with poppler.
 * One browser for the whole file (browser/chromium.ts keeps it warm); the
 * 300-report case is rendered once, first, so its time includes the launch.
 * Pages are kept as PNG artefacts in test-results/dossiers/.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { PNG } from 'pngjs';
import { closeChromium } from '../../src/main/browser/chromium.ts';
import { FONT_SAMPLE, fontFaces } from '../../src/main/dossiers/document/fonts.ts';
import { escapeHtml, html, trusted } from '../../src/main/dossiers/document/html.ts';
import { pdfPageCount, prepareDossierPdf, preparedPagesUsedCount, renderDossierPdf, RequestAttemptedError, type DossierPdf } from '../../src/main/dossiers/document/render.ts';
import { renderDossierHtml, type RenderedDossier } from '../../src/main/dossiers/document/template.ts';
import { dateParts } from '../../src/main/dossiers/document/text.ts';
import type { DossierLang, DossierModel } from '../../src/main/dossiers/model.ts';
import { ARABIC_TEXT, dossierModel, FRENCH_TEXT, HIDDEN_CANARIES, INCLUDED_CANARIES, INCLUDED_REASON } from './document-fixture.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const ARTEFACTS = join(ROOT, 'test-results', 'dossiers');
const scratch = mkdtempSync(join(tmpdir(), 'iblagh-dossier-doc-'));

/** A loopback server that counts every hit: the pages must never reach it. */
let server: Server;
let port = 0;
const hits: string[] = [];

before(async () => {
  mkdirSync(ARTEFACTS, { recursive: true });
  // This file's pages of an earlier run (other tests keep theirs in the same folder).
  for (const file of readdirSync(ARTEFACTS)) if (file.startsWith('document-')) rmSync(join(ARTEFACTS, file));
  server = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'image/png' }).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as AddressInfo).port;
});

after(async () => {
  await closeChromium();
  await new Promise<void>((done) => server.close(() => done()));
  rmSync(scratch, { recursive: true, force: true });
});

/** pdftotext's bidi marks and the spaces it puts inside Arabic words, removed on both sides of a comparison. */
const BIDI_AND_SPACES = /[\s\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/gu;
const squash = (text: string): string => text.replace(BIDI_AND_SPACES, '');

function pdfText(file: string, extra: string[] = []): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...extra, file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function keep(name: string, pdf: DossierPdf, pages?: number[]): string {
  const file = join(scratch, `${name}.pdf`);
  writeFileSync(file, pdf.pdf);
  const wanted = pages ?? Array.from({ length: pdf.pages }, (_, index) => index + 1);
  for (const page of wanted) {
    execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', '-f', String(page), '-l', String(page), file, join(ARTEFACTS, `document-${name}-p${String(page).padStart(3, '0')}`)]);
  }
  return file;
}

function tinyPng(): Uint8Array {
  const png = new PNG({ width: 24, height: 16 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([120, 120, 120, 255], i);
  return new Uint8Array(PNG.sync.write(png));
}

/** Every SHA-256 the model prints. */
function hashesOf(model: DossierModel): string[] {
  return [
    model.piecesSha256,
    ...(model.auditHead ? [model.auditHead] : []),
    ...model.evidence.map((e) => e.sha256),
    ...model.diagnostics.flatMap((d) => [d.bodySha256, d.tls?.fingerprintSha256].filter((h): h is string => typeof h === 'string')),
    ...model.reports.map((r) => r.intakeSignature.keyFingerprint).filter((h): h is string => h !== null),
  ];
}

test('a case of 300 reports renders to 50 pages or more (cold: browser launch included)', { timeout: 180_000 }, async () => {
  const model = dossierModel('ar', { count: 300, port });
  const started = performance.now();
  const rendered = renderDossierHtml(model);
  const templated = performance.now();
  const pdf = await renderDossierPdf(rendered);
  const done = performance.now();
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: pdf.pdf, encoding: 'utf8' }))?.[1]);
  console.log(
    `300 reports, Arabic: ${pdf.pages} pages, ${Math.round(pdf.pdf.length / 1024)} KB; template ${Math.round(templated - started)} ms, ` +
      `PDF (cold, launch included) ${Math.round(done - templated)} ms`,
  );
  assert.equal(pdf.pages, pages, 'the page count read from the PDF is pdfinfo’s');
  assert.ok(pdf.pages >= 50, `${pdf.pages} pages`);
  const file = keep('ar-300', pdf, [1, Math.floor(pdf.pages / 2), pdf.pages]);
  const text = pdfText(file);
  const squashed = squash(text);
  for (const report of model.reports) assert.ok(squashed.includes(report.id), report.id);
  const missing = hashesOf(model).filter((hash) => !text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').includes(hash));
  assert.deepEqual(missing, [], 'every SHA-256 comes back whole from pdftotext');
  assert.deepEqual(hits, []);
});

for (const lang of ['fr', 'ar'] as const satisfies readonly DossierLang[]) {
  test(`the dossier in ${lang === 'fr' ? 'French' : 'Arabic'}: read back with pdftotext, nothing requested, canaries only where included`, { timeout: 120_000 }, async () => {
    const model = dossierModel(lang, { port, thumbnail: tinyPng() });
    const rendered = renderDossierHtml(model);
    const attempts: string[] = [];
    const pdf = await renderDossierPdf(rendered, { onAttempt: (url) => attempts.push(url) });
    assert.deepEqual(attempts, [], 'the page attempted no request: the hostile text was escaped');
    assert.deepEqual(hits, [], 'the loopback server was never reached');
    const file = keep(lang, pdf);
    const text = pdfText(file);
    const squashed = squash(text);

    assert.ok(squashed.includes(model.caseRef));
    for (const report of model.reports) assert.ok(squashed.includes(report.id), `report ${report.id}`);
    for (const q of model.qualifications) {
      assert.ok(squashed.includes(squash(q.label)), `qualification ${q.label}`);
      for (const article of q.articles) assert.ok(squashed.includes(article));
    }
    // The Arabic text of the reports comes back whole (Noto Sans Arabic: every letter extracted).
    assert.ok(squashed.includes(squash(ARABIC_TEXT)), 'the Arabic paragraph comes back whole');
    assert.ok(squashed.includes(squash(FRENCH_TEXT)));

    // Identities: the included one (with its reason) for its report only; the others never.
    for (const canary of HIDDEN_CANARIES) assert.ok(!squashed.includes(squash(canary)), `canary ${canary} must be absent`);
    for (const canary of INCLUDED_CANARIES) assert.equal(squashed.split(squash(canary)).length - 1, 1, `canary ${canary} present once`);
    assert.ok(squashed.includes(squash(INCLUDED_REASON)));
    const protectedLabel = lang === 'fr' ? 'Identitéprotégée' : 'هويةمحمية';
    const identified = model.reports.filter((r) => r.reporter.mode === 'identified' && !r.reporter.identity).length;
    assert.equal(squashed.split(protectedLabel).length - 1, identified, 'each identified report without its identity says it is protected');
    const anonymous = lang === 'fr' ? 'Signalementanonyme' : 'بلاغمجهولالهوية';
    assert.equal(squashed.split(anonymous).length - 1, model.reports.filter((r) => r.reporter.mode === 'anonymous').length);

    // Child sexual exploitation: no content, a line saying why.
    assert.ok(!squashed.includes('CSECONTENTMUSTNOTAPPEAR'));
    assert.ok(squashed.includes(lang === 'fr' ? squash("Contenu non reproduit : exploitation sexuelle d'enfants") : squash('المحتوى غير معروض')));
    // Thumbnails: the three chosen, never the CSE report's (its model carries one all the same).
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    assert.equal(images.length, 3, images.join('\n'));

    // Every SHA-256 whole, on one line.
    const plain = text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
    for (const hash of hashesOf(model)) assert.ok(plain.includes(hash), `hash ${hash}`);

    // Hostile text present as text: markup, defanged addresses, marks for bidi and invisible characters, and counted.
    assert.ok(squashed.includes("<script>document[.]title='pwned'</script>"));
    // (pdftotext moves a line's trailing brackets around in right-to-left pages: compared without them.)
    assert.ok(squashed.includes('onerror=alert(1'));
    assert.ok(squashed.includes('<iframesrc="hxxp[://]127[.]0[.]0[.]1'));
    assert.ok(squashed.includes('@importurl(hxxp[://]127[.]0[.]0[.]1'));
    assert.ok(squashed.includes('⟦U+202ERLO⟧gnp[.]exe⟦U+202CPDF⟧'));
    assert.ok(squashed.includes('zero⟦U+200BZWSP⟧width'));
    assert.ok(squashed.includes('javascript[:]alert(1'));
    assert.ok(!squashed.includes('127.0.0.1'), 'no address left live');
    assert.ok(squashed.includes(lang === 'fr' ? '5caractèresdedirectionneutralisés' : squash('من رموز الاتجاه تم تعطيلها')));
    // The 5,000-character word is all there (it wraps, nothing is cut).
    assert.equal((squashed.match(/A/g) ?? []).length >= 2500 * 2, true, 'the long Latin run, in the report and the note');

    // Header and footer on every page: reference, classification, page X / Y, the pieces digest.
    const pages = text.split('\f').filter((page, index, all) => index < all.length - 1 || page.trim() !== '');
    assert.equal(pages.length, pdf.pages);
    pages.forEach((page, index) => {
      const p = squash(page);
      assert.ok(p.includes(model.caseRef), `reference on page ${index + 1}`);
      // (pdftotext may give the parts of an Arabic marking around its hyphen in either order.)
      for (const part of model.classification.split(/\s+-\s+/)) assert.ok(p.includes(squash(part)), `classification on page ${index + 1}`);
      assert.ok(p.includes(`${index + 1}/${pdf.pages}`), `page ${index + 1} / ${pdf.pages}`);
      assert.ok(p.includes(model.piecesSha256), `pieces digest on page ${index + 1}`);
    });
    // Dates: Casablanca time (UTC+1 in January) with UTC beside it, Latin digits in both languages.
    assert.ok(squashed.includes('2026-01-2010:05'), 'local time');
    assert.ok(squashed.includes('09:05UTC'), 'UTC beside it');
  });
}

test('the HTML escapes everything untrusted: no markup, no live address, nothing loadable but data: URLs', () => {
  const { html: page } = renderDossierHtml(dossierModel('fr', { port, thumbnail: tinyPng() }));
  for (const part of [page]) {
    assert.ok(!/<(script|iframe|link|object|embed|base|meta http-equiv="refresh")\b/i.test(part), 'no active element');
    assert.ok(!part.includes('127.0.0.1'), 'no live loopback address');
    assert.ok(!/\sonerror=/i.test(part.replace(/&[a-z#0-9]+;/g, '')) || !/<img[^>]*onerror/i.test(part), 'no event handler');
    for (const match of part.matchAll(/\s(?:src|href)="([^"]*)"/g)) assert.ok(match[1]?.startsWith('data:'), match[0]);
    // CSS (style elements and attributes) loads nothing but data: URLs; a `url(` in escaped text is only text.
    const css = [...part.matchAll(/<style>([\s\S]*?)<\/style>|\sstyle="([^"]*)"/g)].map((match) => match[1] ?? match[2] ?? '');
    for (const sheet of css) {
      assert.ok(!/@import/i.test(sheet));
      for (const match of sheet.matchAll(/url\(([^)]*)\)/g)) assert.ok(match[1]?.startsWith('data:'), match[0].slice(0, 80));
    }
  }
  assert.ok(page.startsWith('<!doctype html>\n<html lang="fr" dir="ltr">'));
  assert.ok(renderDossierHtml(dossierModel('ar')).html.includes('<html lang="ar" dir="rtl">'));
  assert.ok(page.includes("Content-Security-Policy"));
});

function inRange(code: number, range: string): boolean {
  return range.split(',').some((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const low = parseInt((from ?? '').replace(/\?/g, '0'), 16);
    const high = to === undefined ? parseInt((from ?? '').replace(/\?/g, 'F'), 16) : parseInt(to, 16);
    return code >= low && code <= high;
  });
}

/** The `@font-face` rules of a stylesheet or page: family, weight, unicode-range. */
function faceRules(css: string): Array<{ face: string; range: string }> {
  return [...css.matchAll(/font-family:'([^']+)';font-style:normal;font-weight:(\d+);[^}]*unicode-range:([^;]+);/g)].map((m) => ({ face: `${m[1]} ${m[2]}`, range: m[3] as string }));
}

test('the screen shows only the font sample, which holds a letter of every face the page carries, so each is loaded before printing', () => {
  const sample = [...FONT_SAMPLE.replace(/ /g, '')].map((ch) => ch.codePointAt(0) as number);
  const all = faceRules(fontFaces('page'));
  assert.ok(all.length >= 12, `${all.length} faces`);
  for (const { face, range } of all) assert.ok(sample.some((code) => inRange(code, range)), `${face}: ${range.slice(0, 40)}`);
  for (const lang of ['ar', 'fr'] as const) {
    const { html: page } = renderDossierHtml(dossierModel(lang));
    const shown = /<div class="font-sample" aria-hidden="true">([^<]*) <b>\1<\/b><\/div>/.exec(page)?.[1];
    assert.ok(shown, 'the sample, in both weights');
    const carried = faceRules(page);
    for (const { face, range } of carried) assert.ok([...shown.replace(/ /g, '')].some((ch) => inRange(ch.codePointAt(0) as number, range)), `${lang}: ${face} is loaded by the sample`);
    // A face left out holds no character of the page (markup and text; the margin boxes' labels are in the page too).
    const text = page.replace(/<style>[\s\S]*?<\/style>/, '');
    const codes = new Set([...text].map((ch) => ch.codePointAt(0) as number));
    for (const { face, range } of all.filter((f) => !carried.some((c) => c.face === f.face && c.range === f.range))) {
      assert.ok(![...codes].some((code) => inRange(code, range)), `${lang}: ${face} (${range.slice(0, 30)}) left out but needed`);
    }
    assert.ok(carried.length < all.length, `${lang}: ${carried.length} of ${all.length} faces carried`);
    assert.ok(/@media screen \{ body > :not\(\.font-sample\) \{ display: none !important; \} \}/.test(page));
  }
  // The fixture's Cyrillic look-alike (`fаcebook`) brings the Cyrillic faces in; without it they are left out.
  const withCyrillic = renderDossierHtml(dossierModel('fr')).html;
  const latinOnly = JSON.parse(JSON.stringify(dossierModel('fr')).replace(/[\u0400-\u04ff]/gu, 'a')) as DossierModel;
  const plain = renderDossierHtml(latinOnly).html;
  const cyrillic = (page: string) => faceRules(page).filter(({ range }) => inRange(0x0430, range)).length;
  assert.equal(cyrillic(plain), 0);
  assert.equal(cyrillic(withCyrillic), 2, 'regular and bold');
});

test('hostile text costs linear time: 200,000 characters of near-URLs and letters template in well under a second', () => {
  const model = dossierModel('fr', { count: 6 });
  const nasty = ['a'.repeat(50_000), 'ab.'.repeat(20_000), 'x'.repeat(20_000) + '.c', 'www.' + 'w'.repeat(30_000), `${'\u202e'.repeat(5_000)}z`].join(' ');
  const heavy: DossierModel = { ...model, reports: model.reports.map((r) => ({ ...r, content: nasty, urls: [nasty.slice(0, 60_000)] })) };
  const started = performance.now();
  const { html: page } = renderDossierHtml(heavy);
  const ms = performance.now() - started;
  assert.ok(ms < 1500, `${Math.round(ms)} ms`);
  assert.ok(page.includes('ab[.]ab[.]'), 'the dotted token is defanged');
});

test('html`` escapes every interpolated value; only trusted() markup passes', () => {
  const hostile = `<img src=x onerror="alert('1')">&\``;
  assert.equal(escapeHtml(hostile), '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;&#96;');
  assert.equal(html`<td>${hostile}</td>`.value, `<td>${escapeHtml(hostile)}</td>`);
  assert.equal(html`<p>${[hostile, html`<b>${'<i>'}</b>`, null, false, 3]}</p>`.value, `<p>${escapeHtml(hostile)}<b>&lt;i&gt;</b>3</p>`);
  assert.equal(html`<style>${trusted('a>b{}')}</style>`.value, '<style>a>b{}</style>');
  // A look-alike object is not Html: it is printed (escaped), not trusted.
  assert.equal(html`${{ value: '<b>' } as unknown as string}`.value, '[object Object]');
});

test('dates: Africa/Casablanca with UTC beside it', () => {
  assert.deepEqual(dateParts('2026-01-15T13:32:00.000Z'), { local: '2026-01-15 14:32', utc: '2026-01-15 13:32' });
  assert.equal(dateParts('not a date'), null);
});

test('a page that tries a request fails the render, and the request never leaves', { timeout: 60_000 }, async () => {
  const base = `http://127.0.0.1:${port}`;
  const hostile: RenderedDossier = {
    html: `<!doctype html><html><head><link rel="stylesheet" href="${base}/a.css"><style>@import url(${base}/b.css); body{background:url(${base}/c.png)}</style></head><body><img src="${base}/d.png"><iframe src="${base}/e"></iframe>x</body></html>`,
  };
  const attempts: string[] = [];
  await assert.rejects(renderDossierPdf(hostile, { onAttempt: (url) => attempts.push(url) }), (error: unknown) => {
    assert.ok(error instanceof RequestAttemptedError);
    assert.equal(error.code, 'RENDER_FAILED');
    return true;
  });
  assert.ok(attempts.length >= 3, attempts.join(', '));
  assert.ok(attempts.every((url) => url.startsWith(base)));
  assert.deepEqual(hits, [], 'every attempt was aborted before it left');
});

test('the page prepared ahead serves one render, in its own context, and still records and aborts every request', { timeout: 60_000 }, async () => {
  const base = `http://127.0.0.1:${port}`;
  const used = preparedPagesUsedCount();
  // A page prepared ahead (the dossier screen opened) serves the first render; that render leaves one for the next.
  prepareDossierPdf();
  await renderDossierPdf({ html: '<!doctype html><html><body>a</body></html>' });
  assert.ok(preparedPagesUsedCount() > used, 'the prepared page served the first render');
  const attempts: string[] = [];
  await assert.rejects(renderDossierPdf({ html: `<!doctype html><html><body><img src="${base}/prepared.png">b</body></html>` }, { onAttempt: (url) => attempts.push(url) }), RequestAttemptedError);
  assert.ok(preparedPagesUsedCount() > used + 1, 'and the page prepared after it served the second');
  assert.deepEqual(attempts, [`${base}/prepared.png`], 'recorded by the render that used the prepared page');
  assert.deepEqual(hits, [], 'aborted before it left');
  // And the next render on a prepared page starts from nothing: no request of the last document comes back.
  const clean: string[] = [];
  const out = await renderDossierPdf({ html: '<!doctype html><html><body>c</body></html>' }, { onAttempt: (url) => clean.push(url) });
  assert.equal(out.pages, 1);
  assert.deepEqual(clean, []);
});

test('a page prepared in a browser closed since is not waited for: preparing again readies one in the new browser', { timeout: 60_000 }, async () => {
  await renderDossierPdf({ html: '<!doctype html><html><body>a</body></html>' });
  // The render left a page prepared for the next one; the browser goes (idle for a minute, or closed by the CLI).
  await closeChromium();
  const used = preparedPagesUsedCount();
  // The dossier screen opens again: a new browser, and a page in it (not the dead one kept).
  await prepareDossierPdf();
  const out = await renderDossierPdf({ html: '<!doctype html><html><body>b</body></html>' });
  assert.equal(out.pages, 1);
  assert.equal(preparedPagesUsedCount(), used + 1, 'the render used the page prepared in the new browser');
});

test('whilePrinting runs once, while Chromium prints: the render is still under way, and its PDF is whole', { timeout: 60_000 }, async () => {
  const events: string[] = [];
  const rendering = renderDossierPdf(
    { html: '<!doctype html><html><body><p>a</p><p style="break-before:page">b</p></body></html>' },
    { whilePrinting: () => events.push('hook') },
  );
  void rendering.then(() => events.push('pdf'));
  const out = await rendering;
  await Promise.resolve();
  assert.deepEqual(events, ['hook', 'pdf']);
  assert.equal(out.pages, 2);
});

test('pdfPageCount reads the page tree', () => {
  const fake = new TextEncoder().encode('%PDF-1.4\n1 0 obj <</Type /Pages /Kids [2 0 R] /Count 7>> endobj\n3 0 obj <</Count 2 /Type /Pages>> endobj');
  assert.equal(pdfPageCount(fake), 7);
});
