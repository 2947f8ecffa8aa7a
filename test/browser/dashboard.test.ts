/**
 * The dashboard in Chromium, against the real core fed by a real reference
 * intake service: the figures are the core's, the charts draw, Arabic
 * mirrors the screen and the time axis, and nothing breaks the CSP.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startIntakeServer } from '../../src/intake/server.ts';
import type { Dashboard } from '../../src/shared/triage.ts';
import { value } from '../helpers/store.ts';
import { ARTEFACTS, closeBrowser, openWorkstation, screenshot, type Workstation, setUpSupervisor } from './harness.ts';

after(() => closeBrowser());

const DAY = 86_400_000;
const FIGURES = ['total', 'open', 'overdue', 'danger'] as const;

/** Collects CSP violations from the first script on. */
async function watchCsp(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`));
  });
}

function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { __csp: string[] }).__csp]);
}

function dashboard(ws: Workstation, days: number): Promise<Dashboard> {
  return value(ws.core, 'dashboard.get', { days }) as Promise<Dashboard>;
}

const formats = { fr: new Intl.NumberFormat('fr-MA'), ar: new Intl.NumberFormat('ar-MA') };

function expectedFigures(data: Dashboard, locale: 'fr' | 'ar'): string[] {
  return [data.total, data.open, data.overdue, data.imminentDangerOpen].map((n) => formats[locale].format(n));
}

/** The four key figures (the referral follow-up has its own row below). */
const KEY_FIGURES = '[aria-labelledby="dash-figures-title"]';

async function shownFigures(page: Page): Promise<string[]> {
  return Promise.all(FIGURES.map(async (id) => ((await page.locator(`${KEY_FIGURES} [data-figure="${id}"] .dash-figure-value`).textContent()) ?? '').trim()));
}

/** Waits until the figures on screen are the core's (read again each time: overdue moves with the clock). */
async function figuresMatchCore(ws: Workstation, locale: 'fr' | 'ar', days: number): Promise<Dashboard> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const expected = await dashboard(ws, days);
    const shown = (await ws.page.locator(`${KEY_FIGURES} .dash-figure-value`).count()) === FIGURES.length ? await shownFigures(ws.page) : [];
    if (JSON.stringify(shown) === JSON.stringify(expectedFigures(expected, locale))) return expected;
    if (Date.now() > deadline) {
      await screenshot(ws.page, `dashboard-failure-${locale}`);
      assert.fail(`figures on screen ${JSON.stringify(shown)}, core ${JSON.stringify(expectedFigures(expected, locale))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Per canvas: painted pixels, and the mean x (0..1) of the coloured (bar) pixels. */
async function canvases(page: Page): Promise<{ painted: number; barCentre: number }[]> {
  return page.$$eval('.dashboard canvas', (elements) =>
    elements.map((element) => {
      const canvas = element as HTMLCanvasElement;
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0) return { painted: 0, barCentre: -1 };
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let painted = 0;
      let coloured = 0;
      let sumX = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! === 0) continue;
        painted++;
        const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
        if (Math.max(r, g, b) - Math.min(r, g, b) > 40) {
          coloured++;
          sumX += (i / 4) % canvas.width;
        }
      }
      return { painted, barCentre: coloured ? sumX / coloured / canvas.width : -1 };
    }),
  );
}

function total(day: Dashboard['perDay'][number]): number {
  return Object.values(day.counts).reduce((a, b) => a + b, 0);
}

/** Where the per-day bars should sit (0..1 from the left, left to right), from the core's counts. */
function perDayCentre(data: Dashboard): number {
  let weighted = 0;
  let total = 0;
  data.perDay.forEach(({ counts }, index) => {
    const n = Object.values(counts).reduce((a, b) => a + b, 0);
    weighted += (index + 0.5) * n;
    total += n;
  });
  return weighted / total / data.perDay.length;
}

/** Hovers the busiest day (the tooltip is drawn in the canvas, nothing is added to the page) and shoots the card. */
async function tooltipShot(page: Page, data: Dashboard, locale: 'fr' | 'ar'): Promise<void> {
  const box = await page.locator('.dash-card-wide canvas').first().boundingBox();
  assert.ok(box);
  const peak = data.perDay.reduce((best, day, index, days) => (total(day) > total(days[best]!) ? index : best), 0);
  const fromLeft = (peak + 0.5) / data.perDay.length;
  // The plot leaves room for the count axis on one side: aim a little inside it.
  const x = box.x + box.width * (0.08 + 0.9 * (locale === 'ar' ? 1 - fromLeft : fromLeft) - (locale === 'ar' ? 0.07 : 0));
  await page.mouse.move(x, box.y + box.height * 0.8);
  await page.waitForTimeout(150);
  await page.locator('.dash-card-wide').first().screenshot({ path: join(ARTEFACTS, `dashboard-tooltip-${locale}.png`) });
  await page.mouse.move(0, 0);
}

/** The rows of a chart's text alternative (the visually hidden table in the card titled `title`). */
async function hiddenRows(page: Page, title: string): Promise<string[][]> {
  const card = page.locator('.dash-card').filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });
  return card.locator('table.visually-hidden tbody tr').evaluateAll((rows) =>
    rows.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').trim())),
  );
}

test('dashboard: the core figures after a sync of 3,000 reports, charts in French and mirrored in Arabic', async (t) => {
  // Reports over the last few days, so that they fall in the per-day chart.
  const server = await startIntakeServer({ seed: 31, count: 3000, attachments: 30, startAt: new Date(Date.now() - 3.5 * DAY).toISOString() });
  t.after(() => server.close());
  const ws = await openWorkstation(t, { beforeLoad: watchCsp });
  const { page } = ws;
  await page.setViewportSize({ width: 1280, height: 2200 });
  await setUpSupervisor(page);
  await value(ws.core, 'intake.update', { url: server.url, token: server.token, publicKeyPem: server.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 });

  // Before the dashboard: zod's `new Function` probe at load (script-src eval) is the app's, not the dashboard's.
  const violationsBefore = (await cspViolations(page)).length;

  // Alt+2: the dashboard, empty before any sync, pointing to Settings.
  await page.keyboard.press('Alt+2');
  await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Les indicateurs apparaîtront ici' }).waitFor();
  await page.getByRole('button', { name: "Voir l'état du service d'intake" }).waitFor();
  await screenshot(page, 'dashboard-empty-fr');

  // A sync while the dashboard is open: it follows `queue.changed` on its own.
  await value(ws.core, 'sync.start');
  await ws.core.syncIdle();
  const status = (await value(ws.core, 'sync.status')) as { reports: number };
  assert.equal(status.reports, 3000);

  const data = await figuresMatchCore(ws, 'fr', 30);
  assert.equal(data.total, 3000);
  assert.equal(data.perDay.length, 30);

  // Every chart draws; the per-day bars sit at the recent (right) end in French.
  const drawn = await canvases(page);
  assert.equal(drawn.length, 5, 'per day, statuses, overdue by category, platforms, regions');
  for (const [index, canvas] of drawn.entries()) assert.ok(canvas.painted > 2000, `canvas ${index} is drawn: ${canvas.painted} pixels`);
  const centre = perDayCentre(data);
  assert.ok(Math.abs(drawn[0]!.barCentre - centre) < 0.12, `per-day bars centred at ${drawn[0]!.barCentre}, data at ${centre}`);

  // The text alternatives carry the core's numbers.
  const perDayRows = await hiddenRows(page, 'Signalements reçus par jour');
  assert.equal(perDayRows.length, data.perDay.length);
  const perDayTotal = data.perDay.reduce((sum, { counts }) => sum + Object.values(counts).reduce((a, b) => a + b, 0), 0);
  assert.equal(
    perDayRows.reduce((sum, row) => sum + Number((row[1] ?? '').replace(/\D/g, '')), 0),
    perDayTotal,
  );
  const platformCounts = (await hiddenRows(page, 'Signalements par plateforme')).map((row) => Number((row[1] ?? '').replace(/\D/g, '')));
  assert.deepEqual(
    platformCounts.sort((a, b) => a - b),
    data.byPlatform.map((facet) => facet.count).filter((n) => n > 0).sort((a, b) => a - b),
  );
  const statusCounts = (await hiddenRows(page, 'Signalements par statut')).map((row) => Number((row[1] ?? '').replace(/\D/g, '')));
  assert.equal(statusCounts.reduce((a, b) => a + b, 0), data.total);
  const canvasLabel = await page.locator('.dash-card-wide canvas').first().getAttribute('aria-label');
  assert.match(canvasLabel ?? '', /^Signalements reçus sur les 30 derniers jours/);

  // The largest clusters, with their sample report.
  const clusters = page.getByRole('table', { name: 'Groupes de signalements visant le même contenu' });
  assert.equal(await clusters.locator('tbody tr').count(), data.topClusters.length);
  assert.ok(data.topClusters.length > 0, 'the generated feed has clusters');
  const first = data.topClusters[0]!;
  await clusters.locator('tbody tr').first().getByText(first.sampleReportId).waitFor();
  assert.equal(((await clusters.locator('tbody tr').first().locator('td').first().textContent()) ?? '').trim(), formats.fr.format(first.size));
  await screenshot(page, 'dashboard-fr');
  await tooltipShot(page, data, 'fr');

  // The period: 7 days.
  await page.getByRole('radio', { name: '7 jours' }).click();
  await page.getByText('7 derniers jours, par catégorie').waitFor();
  const week = await dashboard(ws, 7);
  await page.waitForFunction(
    (n) => document.querySelectorAll('.dash-card-wide table.visually-hidden tbody tr').length === n,
    week.perDay.length,
  );
  assert.equal(week.perDay.length, 7);
  await page.getByRole('radio', { name: '30 jours' }).click();
  await page.getByText('30 derniers jours, par catégorie').waitFor();

  // Arabic: the layout mirrors, and the time axis runs right to left.
  await page.getByRole('button', { name: 'العربية' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'لوحة المتابعة' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  const arData = await figuresMatchCore(ws, 'ar', 30);
  const totalBox = await page.locator('[data-figure="total"]').boundingBox();
  const dangerBox = await page.locator('[data-figure="danger"]').boundingBox();
  assert.ok(totalBox && dangerBox && totalBox.x > dangerBox.x, 'the first figure is on the right');
  const arDrawn = await canvases(page);
  assert.equal(arDrawn.length, 5);
  for (const [index, canvas] of arDrawn.entries()) assert.ok(canvas.painted > 2000, `canvas ${index} is drawn in Arabic`);
  const arCentre = 1 - perDayCentre(arData);
  assert.ok(Math.abs(arDrawn[0]!.barCentre - arCentre) < 0.12, `per-day bars centred at ${arDrawn[0]!.barCentre} in Arabic, data at ${arCentre}`);
  await page.getByRole('table', { name: 'مجموعات البلاغات التي تخصّ المحتوى نفسه' }).waitFor();
  await screenshot(page, 'dashboard-ar');

  await tooltipShot(page, arData, 'ar');

  // No inline style element, no CSP violation, no error, nothing fetched from elsewhere.
  assert.equal(await page.locator('style').count(), 0, 'no <style> element in the page');
  const violations = await cspViolations(page);
  assert.deepEqual(violations.slice(violationsBefore), [], 'no CSP violation from the dashboard');
  assert.deepEqual(
    violations.filter((violation) => !violation.startsWith('script-src eval ')),
    [],
    'no style (or other) violation at all',
  );
  assert.deepEqual(ws.foreignRequests, []);
  assert.deepEqual(ws.pageErrors, []);
});
