/**
 * A demo that looks alive: started today, its reports are from the last
 * weeks, so the dashboard's 7-, 30- and 90-day charts all have bars, and
 * most open reports are within their deadline (some are overdue).
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Dashboard } from '../../src/shared/triage.ts';
import { value } from '../helpers/store.ts';
import { closeBrowser, openWorkstation, screenshot, setUpSupervisor } from './harness.ts';

after(() => closeBrowser());

/** The per-day chart's text alternative: one row per day, the day's count in the second cell. */
async function perDayCounts(page: Page): Promise<number[]> {
  return page
    .locator('.dash-card-wide table.visually-hidden tbody tr')
    .evaluateAll((rows) => rows.map((row) => Number((row.children[1]?.textContent ?? '').replace(/\D/g, '')) || 0));
}

/** Coloured (bar) pixels of the per-day chart's canvas. */
async function barPixels(page: Page): Promise<number> {
  return page.locator('.dash-card-wide canvas').first().evaluate((element) => {
    const canvas = element as HTMLCanvasElement;
    const context = canvas.getContext('2d');
    if (!context || canvas.width === 0) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! > 0 && Math.max(data[i]!, data[i + 1]!, data[i + 2]!) - Math.min(data[i]!, data[i + 1]!, data[i + 2]!) > 40) coloured++;
    }
    return coloured;
  });
}

test('the demo started today fills the dashboard: 7, 30 and 90 days have bars; most open reports are within their deadline', async (t) => {
  const ws = await openWorkstation(t);
  const { page, core } = ws;
  await page.setViewportSize({ width: 1280, height: 1400 });
  await setUpSupervisor(page);
  await value(core, 'intake.startDemo');
  await core.syncIdle();
  assert.equal(((await value(core, 'sync.status')) as { reports: number }).reports, 5000);

  await page.keyboard.press('Alt+2');
  await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
  for (const [days, label] of [[7, '7 jours'], [30, '30 jours'], [90, '90 jours']] as const) {
    await page.getByRole('radio', { name: label }).click();
    const data = (await value(core, 'dashboard.get', { days })) as Dashboard;
    await page.waitForFunction((n) => document.querySelectorAll('.dash-card-wide table.visually-hidden tbody tr').length === n, data.perDay.length);
    const counts = await perDayCounts(page);
    const received = counts.reduce((a, b) => a + b, 0);
    // Most days of the period received reports, and the chart draws them.
    assert.ok(received > (days === 7 ? 800 : days === 30 ? 3000 : 4800), `${received} reports in the last ${days} days`);
    assert.ok(counts.filter((n) => n > 0).length >= Math.min(days, 80), `${counts.filter((n) => n > 0).length} of ${days} days with reports`);
    await page.waitForFunction(() => {
      const canvas = document.querySelector('.dash-card-wide canvas') as HTMLCanvasElement | null;
      return canvas !== null && canvas.width > 0;
    });
    assert.ok((await barPixels(page)) > 500, `the ${days}-day chart draws its bars`);
    if (days === 7) {
      await screenshot(page, 'demo-dashboard-7-days-fr');
      // Open work is mostly within its deadline: some overdue, most not.
      assert.ok(data.open > 200, `${data.open} open`);
      assert.ok(data.overdue > 0 && data.overdue < data.open / 2, `${data.overdue} overdue of ${data.open} open`);
    }
  }
  assert.deepEqual(ws.pageErrors, []);
});
