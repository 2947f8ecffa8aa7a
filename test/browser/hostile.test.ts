/**
 * A corpus of hostile reports (test/fixtures/hostile-reports.ts), validly
 * signed, goes through sync into the real core and is rendered by the real
 * renderer in Chromium: the queue with every column, search snippets, and the
 * report panel of each one, in French and in Arabic. Whatever the text tries,
 * no script runs, no dialog opens, no request leaves the page, the CSP is
 * never even tested, no element is made of report text, bidi controls stay
 * isolated in their own field, and the layout holds.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { inflateSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { startIntakeServer, type IntakeServer } from '../../src/intake/server.ts';
import { utcSeconds, type ReportPayload } from '../../src/intake/contract.ts';
import { QueueColumn } from '../../src/shared/triage.ts';
import { SUPERVISOR, value } from '../helpers/store.ts';
import { HOSTILE_FILENAMES, HOSTILE_REPORTS, type HostileReport } from '../fixtures/hostile-reports.ts';
import { closeBrowser, openWorkstation, screenshot, type Workstation } from './harness.ts';

after(() => closeBrowser());

const VIEW_NAME = 'Corpus hostile';
/** The report text of the panel: UserText's isolated runs and lines. */
const PANEL_TEXT = '.report-panel .user-text, .report-panel .user-text-line';
/** The report text of the grid: every cell's isolated text. */
const GRID_TEXT = '[role="gridcell"] bdi';
const FILENAMES_REPORT = 'attachment file names';

interface Hostile {
  readonly id: string;
  readonly name: string;
  /** Short name for screenshots. */
  readonly slug: string;
}

/** What the init script records in the page. */
interface Probe {
  pwned: string[];
  dialogs: string[];
  csp: string[];
}

function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .split('-')
    .filter(Boolean)
    .slice(0, 3)
    .join('-');
}

/**
 * The corpus, appended after the generated feed: each hostile report is a
 * valid generated report (its shape, signature, times) with the fixture's
 * patch applied, a fresh id IBL-2026-99xxxxx and revision 1. One more report
 * carries every hostile file name: three with real image bytes (verified),
 * three the service does not have (404: quarantined, the report kept).
 */
function appendCorpus(server: IntakeServer): Hostile[] {
  const donorRow = server.appendReport({ attachments: 3, category: 'fraud' });
  const donor = JSON.parse(donorRow.payload) as ReportPayload;
  let at = Date.parse(donor.updated_at);
  const corpus: Hostile[] = [];
  const append = (name: string, patch: HostileReport['patch'], attachments: ReportPayload['attachments']): void => {
    const id = `IBL-2026-99${String(corpus.length + 1).padStart(5, '0')}`;
    at += 60_000;
    const payload = structuredClone({ ...donor, id, revision: 1, submitted_at: utcSeconds(at), updated_at: utcSeconds(at), attachments }) as unknown as Parameters<HostileReport['patch']>[0];
    patch(payload);
    server.appendRaw('report', JSON.stringify(payload));
    corpus.push({ id, name, slug: slugOf(name) });
  };
  for (const report of HOSTILE_REPORTS) append(report.name, report.patch, []);

  const filenamesId = `IBL-2026-99${String(corpus.length + 1).padStart(5, '0')}`;
  const refs = HOSTILE_FILENAMES.map((filename, index) => {
    const real = donor.attachments[index];
    if (real) {
      const stored = server.store.attachment(real.id);
      assert.ok(stored, `the donor's attachment ${real.id} is stored`);
      const id = `att_hostile${index + 1}`;
      server.store.addAttachment({ id, reportId: filenamesId, mediaType: stored.media_type, bytes: stored.bytes });
      return { ...real, id, filename };
    }
    // Declared, never uploaded: the download gets 404 and the attachment is quarantined.
    return { id: `att_hostilemissing${index + 1}`, filename, media_type: 'image/png', size: 4096, sha256: 'ab'.repeat(32) };
  });
  append(
    FILENAMES_REPORT,
    (p) => {
      p.content['description'] = `Pièces jointes aux noms hostiles : ${HOSTILE_FILENAMES.join(' | ')}`;
    },
    refs,
  );
  return corpus;
}

async function connectAndSync(ws: Workstation, server: IntakeServer): Promise<void> {
  await value(ws.core, 'intake.update', { url: server.url, token: server.token, publicKeyPem: server.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 });
  await value(ws.core, 'sync.start');
  const deadline = Date.now() + 30_000;
  for (;;) {
    await ws.core.syncIdle();
    const status = await value(ws.core, 'sync.status');
    const pending = ws.core.unlockedStore().db.prepare("SELECT count(*) FROM attachments WHERE state = 'pending'").pluck().get() as number;
    if (!status.running && status.cursor === server.headSeq() && pending === 0) break;
    assert.ok(Date.now() < deadline, `sync did not finish: ${JSON.stringify(status)}, ${pending} attachments pending`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Before any script of the page: a setter trap on window.__pwned, the dialog
 * functions replaced by recorders, and CSP violations recorded (in every
 * frame: an iframe made of report text would report to its parent too).
 */
async function instrument(page: Page, dialogs: string[]): Promise<void> {
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    const root = window.top === window ? window : (window.top as Window);
    const probe = ((root as unknown as { __hostileProbe?: Probe }).__hostileProbe ??= { pwned: [], dialogs: [], csp: [] });
    if (window !== root) Object.defineProperty(window, '__hostileProbe', { value: probe });
    Object.defineProperty(window, '__pwned', {
      configurable: false,
      get: () => undefined,
      set: (v: unknown) => {
        probe.pwned.push(`${String(v)} in ${location.href}`);
      },
    });
    for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
      Object.defineProperty(window, name, {
        configurable: false,
        writable: false,
        value: (...args: unknown[]) => {
          probe.dialogs.push(`${name}(${args.map(String).join(', ')})`);
          return name === 'confirm' ? false : null;
        },
      });
    }
    window.addEventListener(
      'securitypolicyviolation',
      (event) => {
        probe.csp.push(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} ${event.sample}`.trim());
      },
      true,
    );
  });
}

/**
 * Elements and attributes that report text could have produced: event
 * handler attributes, URLs to anywhere but the page's own origin, frames,
 * scripts, styles and links outside the app's own head, images other than
 * revealed blob: attachments, links with a href other than the app's own
 * "#..." anchors, and tags of the corpus that the queue and panel never use.
 */
function domProblems(): string[] {
  const problems: string[] = [];
  const origin = location.origin;
  const describe = (el: Element): string => el.outerHTML.slice(0, 160);
  const URL_ATTRIBUTES = new Set(['src', 'href', 'action', 'formaction', 'data', 'poster', 'background', 'xlink:href', 'ping', 'codebase', 'cite']);
  const NEVER = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal', 'base', 'svg', 'math', 'mtext', 'mglyph', 'video', 'audio', 'source', 'track', 'noscript']);
  const NOT_IN_MAIN = new Set(['b', 'table', 'script', 'style', 'link', 'meta', 'form']);
  const main = document.querySelector('main');
  for (const el of document.querySelectorAll('*')) {
    const tag = el.localName;
    for (const attribute of el.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`event handler attribute ${name}: ${describe(el)}`);
      if (name === 'srcdoc' || name === 'srcset') problems.push(`${name} attribute: ${describe(el)}`);
      if (URL_ATTRIBUTES.has(name)) {
        const target = URL.canParse(attribute.value, document.baseURI) ? new URL(attribute.value, document.baseURI) : null;
        if (!target || target.origin !== origin) problems.push(`URL outside the page's origin in ${name}: ${describe(el)}`);
      }
      if (name === 'style' && /url\s*\(|expression\s*\(|@import/i.test(attribute.value)) problems.push(`style attribute that loads: ${describe(el)}`);
    }
    if (NEVER.has(tag)) problems.push(`<${tag}> element: ${describe(el)}`);
    if (main?.contains(el) && NOT_IN_MAIN.has(tag)) problems.push(`<${tag}> in the screen: ${describe(el)}`);
    if ((tag === 'script' || tag === 'link' || tag === 'meta' || tag === 'style') && el.parentElement !== document.head) problems.push(`<${tag}> outside the head: ${describe(el)}`);
    if (tag === 'script' && !(el as HTMLScriptElement).src) problems.push(`inline script: ${describe(el)}`);
    if (tag === 'style' && /pwned|198\.51|display\s*:\s*none/i.test(el.textContent ?? '')) problems.push(`style made of report text: ${describe(el)}`);
    if (tag === 'img' && !(el.classList.contains('rp-image') && (el as HTMLImageElement).src.startsWith(`blob:${origin}/`))) problems.push(`image not revealed by the analyst: ${describe(el)}`);
    if (tag === 'a' && el.hasAttribute('href') && !(el.getAttribute('href') ?? '').startsWith('#')) problems.push(`link: ${describe(el)}`);
  }
  return problems;
}

/** Embeddings, overrides and isolates (the marks LRM/RLM/ALM, which Intl puts in Arabic dates, reorder nothing around them). */
const BIDI_CONTROLS = '[\u202a-\u202e\u2066-\u2069]';

/**
 * Text holding a bidi control must sit in an isolating element of its own (a
 * <bdi>, or an element with dir, never the page's <html dir>), and the first
 * words after it in the same row or section must read in their natural
 * order (left to right for Latin, right to left for Arabic): an override
 * that leaked would reverse them. Returns the problems and how many texts
 * after a hostile field were checked.
 */
function bidiProblems(controls: string): { problems: string[]; followersChecked: number } {
  const bidi = new RegExp(controls);
  const problems: string[] = [];
  let followersChecked = 0;
  const isolators = new Set<Element>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    if (!bidi.test(text)) continue;
    const parent = node.parentElement;
    const isolator = parent?.closest('bdi, [dir]');
    const style = isolator ? getComputedStyle(isolator) : null;
    const isolates = style !== null && (['isolate', 'isolate-override', 'plaintext'].includes(style.unicodeBidi) || style.display !== 'inline');
    if (!isolator || isolator === document.documentElement || !isolates) {
      problems.push(`bidi control outside an isolating element: "${text.slice(0, 50)}" in ${parent?.outerHTML.slice(0, 120)}`);
      continue;
    }
    isolators.add(isolator);
  }
  const charX = (textNode: Node, index: number): number => {
    const range = document.createRange();
    range.setStart(textNode, index);
    range.setEnd(textNode, index + 1);
    const rect = range.getBoundingClientRect();
    return rect.left + rect.width / 2;
  };
  for (const isolator of isolators) {
    const container = isolator.closest('[role="row"], section, li') ?? isolator.parentElement;
    if (!container) continue;
    const after = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    after.currentNode = isolator;
    for (let node = after.nextNode(); node; node = after.nextNode()) {
      if (isolator.contains(node)) continue;
      const text = node.textContent ?? '';
      const parent = node.parentElement;
      if (!parent || bidi.test(text) || parent.closest('.visually-hidden, [aria-hidden="true"]')) continue;
      const rect = parent.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const word = /[A-Za-z]{3}|[\u0621-\u063a\u0641-\u064a]{3}/.exec(text);
      if (!word) continue;
      const xs = [0, 1, 2].map((i) => charX(node, word.index + i));
      const latin = /[A-Za-z]/.test(word[0]);
      const inOrder = latin ? xs[0]! < xs[1]! && xs[1]! < xs[2]! : xs[0]! > xs[2]!;
      followersChecked += 1;
      if (!inOrder) problems.push(`text after a hostile field reordered: "${word[0]}" at x ${xs.map((x) => x.toFixed(1)).join(', ')} after "${(isolator.textContent ?? '').slice(0, 40)}"`);
      break;
    }
  }
  return { problems, followersChecked };
}

function cleanRequests(ws: Workstation): string[] {
  // Blob URLs of images the analyst showed are the page's own memory, not requests.
  return ws.foreignRequests.filter((url) => !url.startsWith(`blob:${ws.host.origin}/`));
}

async function inViewport(page: Page, locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox();
  const width = await page.evaluate(() => window.innerWidth);
  const height = await page.evaluate(() => window.innerHeight);
  assert.ok(box, `${what} is shown`);
  assert.ok(box.width > 0 && box.height > 0, `${what} has a size: ${JSON.stringify(box)}`);
  assert.ok(box.x >= -0.5 && box.x + box.width <= width + 0.5, `${what} within the viewport horizontally: ${JSON.stringify(box)} in ${width}`);
  assert.ok(box.y >= -0.5 && box.y < height, `${what} within the viewport vertically: ${JSON.stringify(box)}`);
}

/** Nothing ran, nothing left, nothing was made of report text, and the frame of the page holds. */
async function assertInert(ws: Workstation, dialogs: string[], where: string): Promise<void> {
  const { page } = ws;
  const probe = await page.evaluate(() => (window as unknown as { __hostileProbe: Probe }).__hostileProbe);
  assert.deepEqual(probe.pwned, [], `${where}: no report script ran`);
  assert.deepEqual(probe.dialogs, [], `${where}: no dialog function called`);
  assert.deepEqual(dialogs, [], `${where}: no dialog opened`);
  assert.deepEqual(probe.csp, [], `${where}: no CSP violation (nothing even tried to load)`);
  assert.deepEqual(cleanRequests(ws), [], `${where}: no request leaves the page`);
  assert.deepEqual(ws.pageErrors, [], `${where}: no error in the page`);
  assert.deepEqual(await page.evaluate(domProblems), [], `${where}: no element made of report text`);
  const bidi = await page.evaluate(bidiProblems, BIDI_CONTROLS);
  assert.deepEqual(bidi.problems, [], `${where}: bidi controls isolated`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${where}: the page does not scroll sideways (${overflow} px too wide)`);
  await inViewport(page, page.locator('header.topbar'), `${where}: the top bar`);
  await inViewport(page, page.locator('nav.sidebar'), `${where}: the sidebar navigation`);
  await inViewport(page, page.locator('[role="grid"]'), `${where}: the queue grid`);
}

/** The panel of an open report: within the viewport, nothing wider than it. */
async function assertPanelHolds(page: Page, where: string): Promise<void> {
  await inViewport(page, page.locator('.q-report'), `${where}: the report panel`);
  const widths = await page.evaluate(() => {
    const measure = (el: Element | null): number => (el ? el.scrollWidth - el.clientWidth : Number.NaN);
    const panel = document.querySelector('.report-panel');
    // The widest descendant that sticks out of the panel on either side.
    const box = panel?.getBoundingClientRect();
    let outside = 0;
    if (panel && box) {
      for (const el of panel.querySelectorAll('*')) {
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || el.closest('.visually-hidden')) continue;
        outside = Math.max(outside, box.left - rect.left, rect.right - box.right);
      }
    }
    return { panel: measure(panel), region: measure(document.querySelector('.q-report')), outside };
  });
  assert.ok(widths.panel <= 1 && widths.region <= 1 && widths.outside <= 1, `${where}: long strings wrap inside the panel ${JSON.stringify(widths)}`);
}

/** A PNG screenshot (8-bit RGB or RGBA, not interlaced, as Chromium writes them) as pixels. */
function decodePng(png: Buffer): { width: number; height: number; channels: number; pixels: Uint8Array } {
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      assert.equal(data[8], 8, '8-bit PNG');
      assert.equal(data[12], 0, 'not interlaced');
      channels = data[9] === 6 ? 4 : data[9] === 2 ? 3 : 0;
      assert.ok(channels > 0, `PNG colour type ${data[9]}`);
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x += 1) {
      const rawByte = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = (rawByte + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/** How far (px) ink may stray out of a text's box: accents and anti-aliasing. */
const INK_MARGIN = 4;

/**
 * Report text draws inside its own box: every pixel that changes when the
 * report's text elements are hidden (visibility, so nothing moves) lies
 * within the boxes of those elements, give or take INK_MARGIN. Stacked
 * combining marks that paint over the labels and fields around them fail
 * this. The scroller is checked one screenful at a time; returns the spills.
 */
async function inkSpills(page: Page, scrollerSelector: string, textSelector: string, where: string): Promise<string[]> {
  const scroller = page.locator(scrollerSelector);
  const clip = await scroller.boundingBox();
  assert.ok(clip, `${where}: ${scrollerSelector} shown`);
  const { scrollHeight, clientHeight } = await scroller.evaluate((el) => ({ scrollHeight: el.scrollHeight, clientHeight: el.clientHeight }));
  const spills: string[] = [];
  for (let top = 0; ; top += Math.max(100, clientHeight - 60)) {
    await scroller.evaluate((el, y) => el.scrollTo({ top: y }), top);
    const shown = decodePng(await page.screenshot({ clip }));
    const rects = await page.evaluate((selector) => {
      const found = [...document.querySelectorAll<HTMLElement>(selector)];
      for (const el of found) el.style.setProperty('visibility', 'hidden');
      return found.flatMap((el) => [...el.getClientRects()].map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom, text: (el.textContent ?? '').slice(0, 30) })));
    }, textSelector);
    const hidden = decodePng(await page.screenshot({ clip }));
    await page.evaluate((selector) => {
      for (const el of document.querySelectorAll<HTMLElement>(selector)) el.style.removeProperty('visibility');
    }, textSelector);
    // The boxes of the text, as a mask over the screenshot's pixels.
    const scale = shown.width / clip.width;
    const inside = new Uint8Array(shown.width * shown.height);
    for (const r of rects) {
      const x0 = Math.max(0, Math.floor((r.left - INK_MARGIN - clip.x) * scale));
      const x1 = Math.min(shown.width, Math.ceil((r.right + INK_MARGIN - clip.x) * scale));
      const y0 = Math.max(0, Math.floor((r.top - INK_MARGIN - clip.y) * scale));
      const y1 = Math.min(shown.height, Math.ceil((r.bottom + INK_MARGIN - clip.y) * scale));
      for (let y = y0; y < y1; y += 1) inside.fill(1, y * shown.width + x0, y * shown.width + Math.max(x0, x1));
    }
    const outside = { count: 0, left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
    for (let y = 0; y < shown.height; y += 1) {
      for (let x = 0; x < shown.width; x += 1) {
        if (inside[y * shown.width + x]) continue;
        const i = (y * shown.width + x) * shown.channels;
        if (Math.abs(shown.pixels[i]! - hidden.pixels[i]!) + Math.abs(shown.pixels[i + 1]! - hidden.pixels[i + 1]!) + Math.abs(shown.pixels[i + 2]! - hidden.pixels[i + 2]!) < 24) continue;
        const px = clip.x + x / scale;
        const py = clip.y + y / scale;
        outside.count += 1;
        outside.left = Math.min(outside.left, px);
        outside.top = Math.min(outside.top, py);
        outside.right = Math.max(outside.right, px);
        outside.bottom = Math.max(outside.bottom, py);
      }
    }
    if (outside.count > 0) {
      const near = rects.filter((r) => r.left - 40 < outside.right && r.right + 40 > outside.left && r.top - 300 < outside.bottom && r.bottom + 300 > outside.top).map((r) => r.text);
      spills.push(`${where}: ${outside.count} px of report text drawn outside its box, in x ${outside.left.toFixed(0)}..${outside.right.toFixed(0)}, y ${outside.top.toFixed(0)}..${outside.bottom.toFixed(0)} (scrolled to ${top}; texts near: ${JSON.stringify(near.slice(0, 4))})`);
    }
    if (top + clientHeight >= scrollHeight) break;
  }
  await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
  return spills;
}

function grid(page: Page): Locator {
  return page.locator('[role="grid"]');
}

function rowOf(page: Page, id: string): Locator {
  return grid(page).locator('[role="row"][aria-rowindex]:not([aria-busy])').filter({ hasText: id });
}

/**
 * Every hostile row is on screen, as tall as an ordinary row, its cells laid
 * out in the page direction, and no cell's content spilling over another.
 */
async function assertRows(page: Page, corpus: readonly Hostile[], where: string): Promise<void> {
  const scroller = await grid(page).boundingBox();
  assert.ok(scroller);
  const ordinary = await grid(page).locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"]):not([aria-busy])').last().boundingBox();
  assert.ok(ordinary);
  for (const report of corpus) {
    const row = rowOf(page, report.id);
    await row.waitFor();
    const box = await row.boundingBox();
    assert.ok(box, `${where}: row of ${report.name}`);
    assert.ok(box.y >= scroller.y - 0.5 && box.y + box.height <= scroller.y + scroller.height + 0.5, `${where}: row of ${report.name} on screen`);
    assert.ok(Math.abs(box.height - ordinary.height) <= 0.5, `${where}: row of ${report.name} is ${box.height} px tall, not ${ordinary.height}`);
    const layout = await row.evaluate((el) => {
      const rtl = getComputedStyle(el).direction === 'rtl';
      const cells = [...el.querySelectorAll(':scope > [role="gridcell"]')];
      const spills: string[] = [];
      let ordered = true;
      let previous: DOMRect | null = null;
      for (const cell of cells) {
        const rect = cell.getBoundingClientRect();
        if (previous) ordered &&= rtl ? rect.right <= previous.left + 0.5 : rect.left >= previous.right - 0.5;
        previous = rect;
        for (const child of cell.querySelectorAll('*')) {
          if (child.closest('.visually-hidden')) continue;
          const inner = child.getBoundingClientRect();
          if (inner.width === 0) continue;
          if (inner.left < rect.left - 0.5 || inner.right > rect.right + 0.5) spills.push(`${cell.className}: ${child.outerHTML.slice(0, 80)} ${inner.left.toFixed(0)}..${inner.right.toFixed(0)} outside ${rect.left.toFixed(0)}..${rect.right.toFixed(0)}`);
        }
      }
      return { ordered, spills, cells: cells.length };
    });
    assert.ok(layout.ordered, `${where}: cells of ${report.name} in the page direction`);
    assert.deepEqual(layout.spills, [], `${where}: cells of ${report.name} keep their content`);
  }
}

/**
 * The grid scrolled to its far end (the last columns: account, URL): those
 * headers and every hostile row's account and URL cells on screen, inside
 * the grid's box.
 */
async function showLastColumns(page: Page, corpus: readonly Hostile[], account: string, url: string): Promise<void> {
  await grid(page).evaluate((el) => el.scrollTo({ left: getComputedStyle(el).direction === 'rtl' ? -el.scrollWidth : el.scrollWidth }));
  const box = await grid(page).boundingBox();
  assert.ok(box);
  for (const header of [account, url]) {
    const cell = await grid(page).getByRole('columnheader', { name: header, exact: true }).boundingBox();
    assert.ok(cell && cell.x >= box.x - 0.5 && cell.x + cell.width <= box.x + box.width + 0.5, `the ${header} column in view: ${JSON.stringify(cell)} in ${JSON.stringify(box)}`);
  }
  for (const report of corpus) {
    for (const column of ['account', 'url']) {
      const cell = await rowOf(page, report.id).locator(`.qt-c-${column}`).boundingBox();
      assert.ok(cell && cell.x >= box.x - 0.5 && cell.x + cell.width <= box.x + box.width + 0.5, `${report.name}: ${column} cell in view`);
    }
  }
}

/** Opens a report from the grid by its id button; returns the panel. */
async function openReport(page: Page, id: string, label: string): Promise<Locator> {
  await grid(page).getByRole('button', { name: label.replace('{id}', id), exact: true }).click();
  const panel = page.locator('.report-panel');
  await panel.getByRole('heading', { level: 2 }).filter({ hasText: id }).waitFor();
  await panel.locator('.rp-body').waitFor();
  return panel;
}

/** The page with one part of the panel scrolled into view. */
async function shot(page: Page, part: Locator, name: string): Promise<void> {
  await part.first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, name);
}

test('hostile reports: synced, listed and opened, in French and Arabic, and nothing runs, loads, leaks or breaks', async (t) => {
  const server = await startIntakeServer({ seed: 29, count: 40, attachments: 0 });
  t.after(() => server.close());
  const corpus = appendCorpus(server);
  const filenamesReport = corpus.find((report) => report.name === FILENAMES_REPORT);
  assert.ok(filenamesReport);

  const dialogs: string[] = [];
  const ws = await openWorkstation(t, { beforeLoad: (page) => instrument(page, dialogs) });
  const { page } = ws;
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await value(ws.core, 'session.setup', SUPERVISOR);
  await connectAndSync(ws, server);

  // Every report of the corpus was accepted, none quarantined; the file names report keeps its six attachments.
  const db = ws.core.unlockedStore().db;
  for (const report of corpus) assert.ok(db.prepare('SELECT 1 FROM reports WHERE id = ?').get(report.id), `${report.name} synced`);
  const states = db.prepare('SELECT state, count(*) AS n FROM attachments WHERE report_id = ? GROUP BY state ORDER BY state').all(filenamesReport.id);
  assert.deepEqual(states, [
    { state: 'quarantined', n: 3 },
    { state: 'verified', n: 3 },
  ]);

  // A view with every column, newest id first: the corpus (IBL-2026-99…) on top.
  await value(ws.core, 'queue.saveView', { name: VIEW_NAME, state: { filters: {}, sort: { key: 'id', dir: 'desc' }, grouping: 'reports', columns: [...QueueColumn.options] } });
  await page.reload();
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
  await page.getByRole('grid', { name: 'File des signalements' }).waitFor();
  await page.getByRole('button', { name: /^Vues/ }).click();
  await page.getByRole('button', { name: `Appliquer la vue ${VIEW_NAME}` }).click();
  await page.keyboard.press('Escape');
  await grid(page).getByRole('columnheader', { name: 'Compte' }).waitFor();
  await grid(page).getByRole('columnheader', { name: 'URL' }).waitFor();
  // The column chooser agrees: every column shown.
  await page.getByRole('button', { name: 'Colonnes', exact: true }).click();
  const chooser = page.getByRole('dialog', { name: 'Colonnes affichées' });
  const boxes = chooser.getByRole('checkbox');
  assert.equal(await boxes.count(), QueueColumn.options.length);
  for (let i = 0; i < QueueColumn.options.length; i += 1) assert.ok(await boxes.nth(i).isChecked(), `column ${i} shown`);
  await page.keyboard.press('Escape');
  await chooser.waitFor({ state: 'detached' });

  await t.test('the queue, every column, French', async () => {
    await assertRows(page, corpus, 'queue fr');
    // Hostile text shows as text, in the cells that hold it.
    await rowOf(page, corpus[0]!.id).getByText('"><svg onload=window.__pwned=11>').waitFor();
    await rowOf(page, corpus[0]!.id).getByText('<script>window.__pwned=9</script>').waitFor();
    await screenshot(page, 'hostile-queue-fr');
    await showLastColumns(page, corpus, 'Compte', 'URL');
    await screenshot(page, 'hostile-queue-columns-end-fr');
    await assertInert(ws, dialogs, 'queue fr');
    await grid(page).evaluate((el) => el.scrollTo({ left: 0 }));
  });

  await t.test('search snippets highlight hostile text, as text', async () => {
    await page.locator('#q-search-input').fill('pwned');
    await grid(page).getByRole('columnheader', { name: 'Extrait' }).waitFor();
    const mark = grid(page).locator('.q-snippet mark').first();
    await mark.waitFor();
    assert.match((await mark.textContent()) ?? '', /pwned/i);
    assert.ok((await grid(page).locator('.q-snippet').allTextContents()).some((text) => text.includes('window.__pwned=')));
    await screenshot(page, 'hostile-queue-search-fr');
    await assertInert(ws, dialogs, 'search fr');
    // Stacked combining marks in a snippet stay in their cell.
    await page.locator('#q-search-input').fill('zalgo');
    await page.getByRole('button', { name: /Retirer le filtre Recherche.*zalgo/ }).waitFor();
    await grid(page).locator('.q-snippet mark').first().waitFor();
    await screenshot(page, 'hostile-queue-search-zalgo-fr');
    assert.deepEqual(await inkSpills(page, '[role="grid"]', GRID_TEXT, 'search zalgo fr'), []);
    await page.locator('#q-search-input').fill('');
    await grid(page).getByRole('columnheader', { name: 'Extrait' }).waitFor({ state: 'detached' });
  });

  await t.test('each report in the panel, French, invisible characters on and off', async () => {
    // Text drawn over its neighbours is asserted last, so that every other check runs for every report.
    const spills: string[] = [];
    for (const report of corpus) {
      const panel = await openReport(page, report.id, 'Ouvrir le signalement {id}');
      await page.getByRole('region', { name: `Signalement ${report.id}` }).waitFor();
      await assertPanelHolds(page, `${report.name} fr`);
      await assertInert(ws, dialogs, `${report.name} fr`);
      await screenshot(page, `hostile-${report.slug}-fr`);
      spills.push(...(await inkSpills(page, '.q-report', PANEL_TEXT, `${report.name} fr`)));
      const toggle = panel.getByRole('button', { name: 'Afficher les caractères invisibles' });
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
      await assertPanelHolds(page, `${report.name} fr, invisible shown`);
      await assertInert(ws, dialogs, `${report.name} fr, invisible shown`);
      await shot(page, panel.locator('.rp-description, .rp-attachments').last(), `hostile-${report.slug}-invisible-fr`);
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      await assertInert(ws, dialogs, `${report.name} fr, invisible hidden again`);
    }
    // The markup report: its hostile text is all there, as text.
    const markup = await openReport(page, corpus[0]!.id, 'Ouvrir le signalement {id}');
    for (const text of ['<img src=x onerror="window.__pwned=1">', '<script>window.__pwned=2</script>', '<style>body{display:none}</style>', '<b onmouseover=window.__pwned=15>Casablanca</b>']) {
      await markup.getByText(text, { exact: false }).first().waitFor();
    }
    // The file names report: shown, one image asked for (its greyscale pixels drawn on a canvas, blurred:
    // the page never decodes a citizen's bytes), the quarantined ones listed.
    const files = await openReport(page, filenamesReport.id, 'Ouvrir le signalement {id}');
    const attachments = files.getByRole('region', { name: 'Pièces jointes' });
    for (const name of HOSTILE_FILENAMES) await attachments.getByText(name).first().waitFor();
    assert.equal(await attachments.locator('.rp-att-state-quarantined').count(), 3);
    assert.equal(await attachments.locator('.rp-att-state-verified').count(), 3);
    await attachments.getByRole('button', { name: 'Afficher la pièce jointe 1' }).click();
    const image = attachments.locator('canvas.rp-image');
    await image.waitFor();
    assert.equal(await attachments.locator('img').count(), 0, 'no <img> of citizen bytes');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('canvas.rp-image')].every((c) => {
        const canvas = c as HTMLCanvasElement;
        if (canvas.width === 0) return false;
        const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < d.length; i += 4) if (d[i] === 255) return true;
        return false;
      }),
    );
    await assertPanelHolds(page, 'file names fr, image shown');
    await assertInert(ws, dialogs, 'file names fr, image shown');
    await shot(page, attachments, 'hostile-filenames-image-fr');
    await attachments.getByRole('button', { name: 'Masquer la pièce jointe 1' }).click();
    await image.waitFor({ state: 'detached' });
    assert.deepEqual(spills, [], 'report text stays inside its box');
  });

  const bidi = corpus.find((report) => report.name.startsWith('bidi'));
  const long = corpus.find((report) => report.name.includes('unbroken'));
  assert.ok(bidi && long);

  await t.test('in Arabic: the queue, a search, the bidi and long-string reports', async () => {
    await page.locator('.report-panel .rp-close').click();
    await page.locator('.report-panel').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'العربية' }).first().click();
    await page.getByRole('navigation', { name: 'التنقل الرئيسي' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    await grid(page).getByRole('columnheader', { name: 'الحساب' }).waitFor();
    await grid(page).getByRole('columnheader', { name: 'الرابط' }).waitFor();
    await assertRows(page, corpus, 'queue ar');
    await screenshot(page, 'hostile-queue-ar');
    await showLastColumns(page, corpus, 'الحساب', 'الرابط');
    await screenshot(page, 'hostile-queue-columns-end-ar');
    await assertInert(ws, dialogs, 'queue ar');
    await grid(page).evaluate((el) => el.scrollTo({ left: 0 }));

    await page.locator('#q-search-input').fill('script');
    await grid(page).getByRole('columnheader', { name: 'مقتطف' }).waitFor();
    await grid(page).locator('.q-snippet mark').first().waitFor();
    await screenshot(page, 'hostile-queue-search-ar');
    await assertInert(ws, dialogs, 'search ar');
    await page.locator('#q-search-input').fill('');
    await grid(page).getByRole('columnheader', { name: 'مقتطف' }).waitFor({ state: 'detached' });

    for (const report of [bidi, long]) {
      const panel = await openReport(page, report.id, 'فتح البلاغ {id}');
      await page.getByRole('region', { name: `البلاغ ${report.id}` }).waitFor();
      await assertPanelHolds(page, `${report.name} ar`);
      await assertInert(ws, dialogs, `${report.name} ar`);
      await screenshot(page, `hostile-${report.slug}-ar`);
      assert.deepEqual(await inkSpills(page, '.q-report', PANEL_TEXT, `${report.name} ar`), []);
      const toggle = panel.getByRole('button', { name: 'إظهار الأحرف غير المرئية' });
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
      await assertPanelHolds(page, `${report.name} ar, invisible shown`);
      await shot(page, panel.locator('.rp-description'), `hostile-${report.slug}-invisible-ar`);
      await toggle.click();
      await assertInert(ws, dialogs, `${report.name} ar, invisible hidden again`);
    }
  });

  await t.test('the bidi report: every spoofing field isolated, what follows it in order', async () => {
    // The bidi report open and its row in the grid: texts after its hostile fields are measured.
    await openReport(page, bidi.id, 'فتح البلاغ {id}');
    const measured = await page.evaluate(bidiProblems, BIDI_CONTROLS);
    assert.deepEqual(measured.problems, []);
    assert.ok(measured.followersChecked >= 3, `${measured.followersChecked} texts after a hostile field checked`);
    await page.getByRole('button', { name: 'Français' }).first().click();
    await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
    await openReport(page, bidi.id, 'Ouvrir le signalement {id}');
    const fr = await page.evaluate(bidiProblems, BIDI_CONTROLS);
    assert.deepEqual(fr.problems, []);
    assert.ok(fr.followersChecked >= 3, `${fr.followersChecked} texts after a hostile field checked`);
  });

  await assertInert(ws, dialogs, 'end');
});
