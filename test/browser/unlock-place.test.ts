/**
 * Unlocking returns to where the analyst was: the screen in use, with the
 * report open in the queue or the case open in Cases; another analyst
 * unlocking starts from the queue, and the place is forgotten.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startIntakeServer } from '../../src/intake/server.ts';
import { ANALYST, createProfile, SUPERVISOR, value } from '../helpers/store.ts';
import { closeBrowser, openWorkstation, screenshot, setUpSupervisor } from './harness.ts';

after(() => closeBrowser());

async function lockAndUnlock(page: Page, name: string = SUPERVISOR.name, passphrase: string = SUPERVISOR.passphrase): Promise<void> {
  await page.getByRole('button', { name: /^(Verrouiller|قفل)$/ }).first().click();
  await page.getByLabel('Nom de connexion', { exact: true }).fill(name);
  await page.getByLabel('Phrase secrète', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Déverrouiller' }).click();
  await page.getByRole('navigation').first().waitFor();
}

test('unlocking returns to the screen in use, with its report or case open; another analyst starts from the queue', async (t) => {
  const server = await startIntakeServer({ seed: 41, count: 40, attachments: 0 });
  t.after(() => server.close());
  const ws = await openWorkstation(t);
  const { page, core } = ws;
  await setUpSupervisor(page);
  await createProfile(core, ANALYST);
  await value(core, 'intake.update', { url: server.url, token: server.token, publicKeyPem: server.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 });
  await value(core, 'sync.start');
  await core.syncIdle();

  // The queue with a report open: after the lock, the same report is open again.
  const grid = page.getByRole('grid');
  const firstRow = grid.locator('[role="row"][aria-rowindex="2"]:not([aria-busy])');
  await firstRow.waitFor();
  await firstRow.dblclick();
  const panel = page.locator('section.q-report');
  await panel.waitFor();
  const reportLabel = (await panel.getAttribute('aria-label')) ?? '';
  assert.match(reportLabel, /^Signalement IBL-/);
  await lockAndUnlock(page);
  await page.getByRole('region', { name: reportLabel, exact: true }).waitFor();
  await screenshot(page, 'unlock-place-report-fr');

  // The Cases screen with a case open.
  const reportId = reportLabel.replace(/^Signalement /, '');
  const created = await value(core, 'cases.create', { title: 'Menaces répétées contre une commerçante', reportIds: [reportId] });
  await page.keyboard.press('Alt+3');
  await page.getByRole('button', { name: `Ouvrir le dossier ${created.ref}` }).click();
  await page.getByRole('heading', { level: 1, name: 'Menaces répétées contre une commerçante' }).waitFor();
  await lockAndUnlock(page);
  await page.getByRole('heading', { level: 1, name: 'Menaces répétées contre une commerçante' }).waitFor();

  // Back to the cases list, then the sync screen and Settings: each comes back as it was left.
  await page.keyboard.press('Alt+4');
  await page.getByRole('heading', { level: 1, name: 'Synchronisation' }).waitFor();
  await lockAndUnlock(page);
  await page.getByRole('heading', { level: 1, name: 'Synchronisation' }).waitFor();
  await page.keyboard.press('Alt+6');
  await page.getByRole('heading', { level: 1, name: 'Paramètres' }).waitFor();
  await lockAndUnlock(page);
  await page.getByRole('heading', { level: 1, name: 'Paramètres' }).waitFor();
  assert.equal(await page.locator('[aria-current="page"]').count(), 1);
  assert.match((await page.locator('[aria-current="page"]').textContent()) ?? '', /Paramètres/);

  // Another analyst unlocking does not land on the supervisor's screen, nor learns what was open.
  await lockAndUnlock(page, ANALYST.name, ANALYST.passphrase);
  await page.locator('html[dir="rtl"]').waitFor();
  await grid.waitFor();
  assert.equal(await page.locator('section.q-report').count(), 0);
  // And the supervisor, after them, starts from the queue too: the place went with the change of analyst.
  await page.getByRole('button', { name: 'قفل', exact: true }).first().click();
  await page.locator('input[autocomplete="username"]').fill(SUPERVISOR.name);
  await page.locator('input[autocomplete="current-password"]').fill(SUPERVISOR.passphrase);
  await page.locator('form button[type="submit"]').click();
  await grid.waitFor();
  assert.equal(await page.locator('section.q-report').count(), 0);
  assert.deepEqual(ws.pageErrors, []);
});
