/**
 * Date filters in a Chromium whose own locale is en-US (where a native date
 * input shows mm/dd/yyyy): the queue's and the audit journal's day fields are
 * written dd/mm/yyyy as the interface writes days, in French and in Arabic;
 * a day that is not one gets a message and nothing typed is lost.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startIntakeServer } from '../../src/intake/server.ts';
import { value } from '../helpers/store.ts';
import { ARTEFACTS, closeBrowser, openWorkstation, screenshot, setUpSupervisor } from './harness.ts';

after(() => closeBrowser());

const unmarked = (text: string): string => text.replace(/[\u200e\u200f\u061c]/g, '');

test('date filters follow the interface, not the browser locale (en-US Chromium), in French and Arabic', async (t) => {
  const server = await startIntakeServer({ seed: 43, count: 60, attachments: 0, startAt: '2026-04-01T06:00:00Z' });
  t.after(() => server.close());
  const ws = await openWorkstation(t, { locale: 'en-US' });
  const { page, core } = ws;
  assert.equal(await page.evaluate(() => navigator.language), 'en-US');
  await page.setViewportSize({ width: 1500, height: 900 });
  await setUpSupervisor(page);
  await value(core, 'intake.update', { url: server.url, token: server.token, publicKeyPem: server.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 });
  await value(core, 'sync.start');
  await core.syncIdle();

  // The queue: a day typed dd/mm/yyyy is a filter, shown back the same way.
  const panel = page.getByRole('complementary', { name: 'Filtres' });
  await panel.getByText('Date de soumission').click();
  const from = panel.getByRole('textbox', { name: 'Du', exact: true });
  const to = panel.getByRole('textbox', { name: 'Au', exact: true });
  assert.equal(await from.getAttribute('placeholder'), 'jj/mm/aaaa');
  await from.pressSequentially('2/4/2026');
  await from.press('Tab');
  await page.getByRole('button', { name: /^Retirer le filtre Du : / }).waitFor();
  assert.equal(await from.inputValue(), '02/04/2026');

  // Not a day: said so, what was typed stays, the filter in force stays.
  await to.fill('31/02/2026');
  await to.press('Tab');
  const invalid = panel.getByRole('alert').filter({ hasText: 'Date non reconnue' });
  await invalid.waitFor();
  assert.match((await invalid.textContent()) ?? '', /06\/12\/2026/);
  assert.equal(await to.inputValue(), '31/02/2026');
  assert.equal(await to.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByRole('button', { name: /^Retirer le filtre Au : / }).count(), 0);
  await page.getByRole('button', { name: /^Retirer le filtre Du : / }).waitFor();
  // Before the start: said so too.
  await to.fill('01/04/2026');
  await to.press('Tab');
  await panel.getByRole('alert').filter({ hasText: 'Cette date précède le 02/04/2026' }).waitFor();
  await to.fill('05/04/2026');
  await to.press('Tab');
  await page.getByRole('button', { name: /^Retirer le filtre Au : / }).waitFor();
  assert.equal(await panel.getByRole('alert').count(), 0);
  await panel.screenshot({ path: join(ARTEFACTS, 'date-filters-panel-fr.png') });

  // Arabic: the same days, written as the Arabic interface writes them (day/month/year).
  await page.getByRole('button', { name: /العربية/ }).first().click();
  await page.locator('html[dir="rtl"]').waitFor();
  const arDays = page.locator('.qf-date input');
  await arDays.first().waitFor();
  await page.waitForFunction(() => document.querySelector('.qf-date input')?.getAttribute('placeholder') === 'يوم/شهر/سنة');
  assert.equal(unmarked(await arDays.first().inputValue()), '02/04/2026');
  assert.equal(unmarked(await arDays.nth(1).inputValue()), '05/04/2026');
  await page.locator('aside').filter({ has: page.locator('.qf-date') }).first().screenshot({ path: join(ARTEFACTS, 'date-filters-panel-ar.png') });

  // The audit journal's filters too, in Arabic then in French.
  await page.keyboard.press('Alt+5');
  const arFrom = page.getByRole('form').locator('input[placeholder="يوم/شهر/سنة"]').first();
  await arFrom.waitFor();
  await arFrom.fill('٠١/١٢/٢٠٢٦');
  await arFrom.press('Tab');
  assert.equal(unmarked(await arFrom.inputValue()), '01/12/2026');
  const arTo = page.getByRole('form').locator('input[placeholder="يوم/شهر/سنة"]').nth(1);
  await arTo.fill('32/12/2026');
  await arTo.press('Tab');
  await page.getByRole('alert').filter({ hasText: 'تاريخ غير مفهوم' }).waitFor();
  assert.equal(await arTo.inputValue(), '32/12/2026');
  await screenshot(page, 'date-filters-audit-ar');
  await page.getByRole('button', { name: /Français/ }).first().click();
  await page.locator('html[dir="ltr"]').waitFor();
  const auditFilters = page.getByRole('form', { name: 'Filtrer le journal' });
  const auditFrom = auditFilters.getByLabel('Du', { exact: true });
  assert.equal(await auditFrom.getAttribute('placeholder'), 'jj/mm/aaaa');
  assert.equal(await auditFrom.inputValue(), '01/12/2026');
  // What was typed and refused is still there after the switch.
  assert.equal(await auditFilters.getByLabel('Au', { exact: true }).inputValue(), '32/12/2026');
  assert.deepEqual(ws.pageErrors, []);
});
