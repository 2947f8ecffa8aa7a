/**
 * Switching intake service as a supervisor does it (issue #14), in Chromium
 * against the real core and the reference intake service on loopback: the
 * demo started from the empty queue (offered on the empty sync screen too),
 * settings tested before they are saved, what leaving demo mode deletes said
 * with counts and confirmed, a sync state that belongs to the new service,
 * and failures in the analyst's language only (French and Arabic).
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startIntakeServer } from '../../src/intake/server.ts';
import { value } from '../helpers/store.ts';
import { closeBrowser, openWorkstation, screenshot, setUpSupervisor } from './harness.ts';

after(() => closeBrowser());

const WRONG_TOKEN = 'iblw_unknown_token_value_0000000000';

/** The core's English sentences that once reached the screen. */
const ENGLISH = /The intake|does not accept|HTTP 401\)|must be a PEM|nothing was saved/;

async function fillIntake(page: Page, settings: { url: string; token: string; key: string }): Promise<void> {
  await page.locator('[data-field="url"]').fill(settings.url);
  await page.locator('[data-field="token"]').fill(settings.token);
  await page.locator('[data-field="key"]').fill(settings.key);
  await page.locator('[data-field="workstationId"]').fill('ws-rabat-03');
  await page.locator('[data-field="interval"]').fill('0');
  await page.locator('form[aria-labelledby="intake-form-title"] button[type="submit"]').click();
}

async function visibleText(locator: Locator): Promise<string> {
  return locator.evaluate((element) => (element as HTMLElement).innerText);
}

test('demo from the empty queue, then a real service: a wrong token is refused, the deletion is counted and confirmed, the sync state starts afresh', async (t) => {
  const real = await startIntakeServer({ seed: 31, count: 20, attachments: 0 });
  t.after(() => real.close());
  const ws = await openWorkstation(t);
  const { page, core } = ws;
  await setUpSupervisor(page);

  // The empty sync screen offers the demo where the README says, and so does the empty queue, where it starts.
  await page.keyboard.press('Alt+4');
  await page.getByRole('button', { name: 'Démarrer le mode démonstration' }).waitFor();
  await page.keyboard.press('Alt+1');
  await page.getByRole('button', { name: 'Démarrer le mode démonstration' }).click();
  await page.getByText('DÉMO — données fictives').first().waitFor();
  await core.syncIdle();
  await page.getByRole('grid').locator('[role="row"][aria-rowindex="2"]').waitFor({ timeout: 60_000 });
  const demoRows = (await value(core, 'queue.query', { limit: 1, facets: false })).rows;
  await value(core, 'reports.setStatus', { reportId: demoRows[0]!.id, status: 'in_analysis' });
  await core.syncIdle();
  const demoReports = (await value(core, 'sync.status')).reports;

  // A real service with a wrong token: the test refuses it, in French, and nothing changes.
  await page.keyboard.press('Alt+6');
  await fillIntake(page, { url: real.url, token: WRONG_TOKEN, key: real.publicKeyPem });
  const dialog = page.getByRole('dialog');
  await dialog.getByText('La connexion n’a pas passé le test').waitFor();
  await dialog.getByText('Réponse du service : HTTP 401.').waitFor();
  await dialog.getByText(/refuse le jeton de ce poste/).waitFor();
  assert.doesNotMatch(await visibleText(dialog), ENGLISH);
  // No saving without insisting.
  assert.equal(await dialog.getByRole('button', { name: 'Enregistrer sans test réussi' }).count(), 0);
  await screenshot(page, 'intake-test-failed-fr');
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  const still = await value(core, 'intake.get');
  assert.equal(still.demo, true, 'still in demo mode');
  assert.equal((await value(core, 'sync.status')).reports, demoReports, 'no demo report deleted');

  // The right token: the dialog says what leaving demo mode deletes, counted from the store.
  await fillIntake(page, { url: real.url, token: real.token, key: real.publicKeyPem });
  await dialog.getByText('Quitter le mode démonstration supprime définitivement de ce poste :').waitFor();
  const formatted = new Intl.NumberFormat('fr-MA').format(demoReports).replace(/\s/g, '\\s');
  await dialog.getByText(new RegExp(`^${formatted} signalements de démonstration$`)).waitFor();
  await dialog.getByText('1 statut fixé sur ce poste').waitFor();
  await dialog.getByText(/Sont conservés : les profils/).waitFor();
  await dialog.getByText('Connexion réussie.').waitFor();
  await screenshot(page, 'intake-switch-confirm-fr');
  await dialog.getByRole('button', { name: 'Supprimer les données de démonstration et enregistrer' }).click();
  await page.locator('code').filter({ hasText: /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/ }).first().waitFor();
  // The top bar follows the saved settings (it reads them again after the save): the demo marking goes.
  await page.getByText('DÉMO — données fictives').waitFor({ state: 'detached', timeout: 10_000 });
  assert.equal((await value(core, 'sync.status')).reports, 0);

  // The sync screen describes the new service: nothing known yet, not the demo's "reachable" and last success.
  await page.keyboard.press('Alt+4');
  await page.getByText("Joignabilité du service d'intake inconnue", { exact: false }).waitFor();
  const lastSuccess = page.locator('.fact').filter({ hasText: 'Dernière synchronisation réussie' }).locator('dd');
  assert.equal((await lastSuccess.innerText()).trim(), 'Jamais');
  assert.equal(await page.getByText('La dernière synchronisation a échoué').count(), 0);
  await page.getByRole('button', { name: 'Synchroniser maintenant' }).click();
  await core.syncIdle();
  await page.getByText("Service d'intake joignable").waitFor();
  assert.equal((await value(core, 'sync.status')).reports, 20);
  assert.deepEqual(ws.foreignRequests, []);
  assert.deepEqual(ws.pageErrors, []);
});

test('in Arabic: a failed test in Arabic only, saved anyway with a reason, and the sync screen says the service refuses this workstation', async (t) => {
  const real = await startIntakeServer({ seed: 32, count: 5, attachments: 0 });
  t.after(() => real.close());
  const ws = await openWorkstation(t);
  const { page, core } = ws;
  await setUpSupervisor(page);
  await page.getByRole('button', { name: 'العربية' }).first().click();
  await page.getByRole('navigation', { name: 'التنقل الرئيسي' }).waitFor();
  await page.keyboard.press('Alt+6');
  await fillIntake(page, { url: real.url, token: WRONG_TOKEN, key: real.publicKeyPem });
  const dialog = page.getByRole('dialog');
  await dialog.getByText('لم ينجح الاتصال في الاختبار').waitFor();
  await dialog.getByText('ردّ الخدمة: HTTP 401.').waitFor();
  assert.doesNotMatch(await visibleText(dialog), ENGLISH);
  await dialog.getByText('الحفظ رغم ذلك دون اختبار ناجح', { exact: false }).click();
  await dialog.getByLabel('السبب').fill('.....');
  await dialog.getByRole('button', { name: 'الحفظ دون اختبار ناجح' }).click();
  await dialog.getByText('اذكر السبب في بضع كلمات: ثلاث كلمات أو عشرة أحرف على الأقل', { exact: false }).waitFor();
  assert.equal((await value(core, 'intake.get')).configured, false, 'nothing saved without a reason');
  await screenshot(page, 'intake-test-failed-ar');
  await dialog.getByLabel('السبب').fill('الخدمة لم تُفتح بعد لهذه المحطة');
  await dialog.getByRole('button', { name: 'الحفظ دون اختبار ناجح' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal((await value(core, 'intake.get')).configured, true);
  const journal = core.unlockedStore().db.prepare("SELECT detail FROM audit_events WHERE action = 'intake.updated'").pluck().get() as string;
  assert.equal((JSON.parse(journal) as { untestedReason: string }).untestedReason, 'الخدمة لم تُفتح بعد لهذه المحطة');

  await page.keyboard.press('Alt+4');
  await page.getByRole('button', { name: 'المزامنة الآن' }).click();
  await core.syncIdle();
  await page.getByText('خدمة الاستقبال متاحة، لكنها ترفض هذه المحطة', { exact: false }).waitFor();
  const banner = page.getByRole('alert').filter({ hasText: 'فشلت المزامنة الأخيرة' });
  await banner.waitFor();
  // The core's English words are only behind "technical detail", closed.
  assert.doesNotMatch(await visibleText(banner), ENGLISH);
  await screenshot(page, 'sync-refused-ar');
  assert.deepEqual(ws.foreignRequests, []);
  assert.deepEqual(ws.pageErrors, []);
});
