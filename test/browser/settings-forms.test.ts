/**
 * Settings forms driven as an analyst would: the idle delay, and a new
 * profile added by the supervisor (name, service, role, initial passphrase).
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { ANALYST, value } from '../helpers/store.ts';
import { closeBrowser, openWorkstation, setUpSupervisor } from './harness.ts';

after(() => closeBrowser());

test('a supervisor sets the idle delay and adds an analyst profile from the settings screen', async (t) => {
  const ws = await openWorkstation(t);
  const { page } = ws;
  await setUpSupervisor(page);
  await page.keyboard.press('Alt+6');

  const idle = page.getByLabel("Délai d'inactivité avant verrouillage (minutes)");
  await idle.fill('0');
  await page.getByRole('button', { name: 'Enregistrer le délai' }).click();
  assert.equal(await idle.getAttribute('aria-invalid'), 'true', 'out of range: refused inline');
  await idle.fill('15');
  await page.getByRole('button', { name: 'Enregistrer le délai' }).click();
  await page.getByText('Délai enregistré.').waitFor();
  assert.equal((await value(ws.core, 'settings.get')).idleLockMinutes, 15);

  const form = page.locator('form', { has: page.getByRole('button', { name: 'Créer le profil' }) });
  await form.getByLabel('Nom', { exact: true }).fill(ANALYST.name);
  await form.getByLabel('Service', { exact: true }).fill(ANALYST.service);
  await form.getByLabel('Phrase secrète initiale', { exact: true }).fill(ANALYST.passphrase);
  await form.getByRole('button', { name: 'Créer le profil' }).click();
  await page.getByText('Profil créé.').waitFor();
  const profiles = await value(ws.core, 'profiles.list');
  assert.ok(profiles.some((p) => p.name === ANALYST.name && p.service === ANALYST.service));
  assert.deepEqual(ws.pageErrors, []);
});
