/**
 * Priorities and deadlines in the settings: a supervisor edits them (ranges
 * refused inline, the core then returns what was saved and the audit trail
 * records it), an analyst reads them; in French and in Arabic.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import type { TriageSettings } from '../../src/shared/triage.ts';
import { ANALYST, value, createProfile } from '../helpers/store.ts';
import { ARTEFACTS, closeBrowser, openWorkstation, type Workstation, setUpSupervisor } from './harness.ts';

after(() => closeBrowser());

/** The settings screen, scrolled to the section; returns the section. */
async function openSection(page: Page, settings: string, title: string): Promise<Locator> {
  await page.getByRole('navigation').getByRole('button', { name: settings }).click();
  const section = page.getByRole('region', { name: title });
  await section.getByRole('table').waitFor();
  await section.scrollIntoViewIfNeeded();
  return section;
}

/** The whole section: the screen scrolls inside the shell, so the window is made tall enough for it. */
async function shoot(page: Page, section: Locator, name: string): Promise<void> {
  mkdirSync(ARTEFACTS, { recursive: true });
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize({ width: viewport.width, height: 2600 });
  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: join(ARTEFACTS, `${name}.png`) });
  await page.setViewportSize(viewport);
}

function assertClean(ws: Workstation): void {
  assert.deepEqual(ws.foreignRequests, [], 'no request leaves the page');
  assert.deepEqual(ws.pageErrors, [], 'no error in the page');
}

test('a supervisor changes points and deadlines; out-of-range values are refused inline', async (t) => {
  const ws = await openWorkstation(t);
  const { page, core } = ws;
  await setUpSupervisor(page);
  const section = await openSection(page, 'Paramètres', 'Priorités et délais');
  const save = section.getByRole('button', { name: 'Enregistrer les priorités et délais' });
  const revert = section.getByRole('button', { name: 'Annuler les modifications' });
  const example = section.getByTestId('triage-example');

  // The saved values, and the example worked out from them; nothing to save yet.
  assert.equal(await section.getByLabel('Points de priorité : Sextorsion').inputValue(), '45');
  assert.equal(await section.getByLabel('Délai de traitement : Sextorsion').inputValue(), '4');
  assert.equal(await section.getByLabel('Unité du délai : Sextorsion').inputValue(), 'hours');
  assert.equal(await section.getByLabel('Délai de traitement : Escroquerie en ligne').inputValue(), '3');
  assert.equal(await section.getByLabel('Unité du délai : Escroquerie en ligne').inputValue(), 'days');
  assert.match(((await example.textContent()) ?? '').replace(/\s+/g, ' '), /Sextorsion, danger imminent, signalé 8 fois, en attente depuis 3 jours : 45 \+ 40 \+ 15 \+ 6 = 106/);
  assert.ok(await save.isDisabled());
  assert.ok(await revert.isDisabled());

  // An edit updates the example at once and enables saving; cancelling restores the saved value.
  await section.getByLabel('Points de priorité : Sextorsion').fill('50');
  await section.getByText(/50 \+ 40 \+ 15 \+ 6 = 111/).waitFor();
  assert.ok(await save.isEnabled());
  await revert.click();
  assert.equal(await section.getByLabel('Points de priorité : Sextorsion').inputValue(), '45');
  assert.ok(await save.isDisabled());

  // Out of range: refused inline, field by field, and nothing reaches the core.
  await section.getByLabel('Points de priorité : Sextorsion').fill('50');
  await section.getByLabel('Points de priorité : Contenu violent').fill('150');
  await section.getByLabel('Délai de traitement : Danger imminent').fill('2');
  await section.getByLabel('Unité du délai : Danger imminent').selectOption('minutes');
  await section.getByLabel('Plafond (points)').first().fill('');
  await save.click();
  const violence = section.getByLabel('Points de priorité : Contenu violent');
  assert.equal(await violence.getAttribute('aria-invalid'), 'true');
  await section.getByText('Nombre entier de 0 à 100.').first().waitFor();
  await section.getByText('Durée entière, de 5 min à 90 j.').waitFor();
  await section.getByRole('alert').filter({ hasText: 'Certaines valeurs sont hors limites' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Points de priorité : Contenu violent', 'the first wrong field has the focus');
  assert.equal(await section.locator('[aria-invalid="true"]').count(), 3);
  assert.equal((await value(core, 'triage.settings')).weights.category['sextortion'], 45, 'nothing saved');
  await shoot(page, section, 'triage-settings-invalid-fr');

  // Corrected, and a deadline in another unit: saved.
  await violence.fill('35');
  assert.equal(await violence.getAttribute('aria-invalid'), null, 'the error goes as the value is changed');
  await section.getByLabel('Délai de traitement : Danger imminent').fill('30');
  await section.getByLabel('Plafond (points)').first().fill('25');
  await section.getByLabel('Délai de traitement : Escroquerie en ligne').fill('36');
  await section.getByLabel('Unité du délai : Escroquerie en ligne').selectOption('hours');
  await save.click();
  await section.getByRole('status').filter({ hasText: 'Priorités et délais enregistrés' }).waitFor();
  assert.ok(await save.isDisabled());
  await section.getByText(/50 \+ 40 \+ 15 \+ 6 = 111/).waitFor();

  const saved: TriageSettings = await value(core, 'triage.settings');
  assert.equal(saved.weights.category['sextortion'], 50);
  assert.equal(saved.weights.category['violence'], 35);
  assert.equal(saved.weights.clusterMax, 25);
  assert.equal(saved.deadlines.categoryMinutes['fraud'], 36 * 60);
  assert.equal(saved.deadlines.imminentDangerMinutes, 30);
  assert.equal(saved.weights.category['fraud'], 20, 'untouched values kept');
  assert.equal(saved.deadlines.categoryMinutes['child_sexual_exploitation'], 60);
  const audit = await value(core, 'audit.list', {});
  assert.ok(audit.events.some((event) => event.action === 'triage.settings_updated'));
  await shoot(page, section, 'triage-settings-fr');

  // The same form in Arabic, mirrored.
  await page.getByRole('button', { name: 'العربية' }).first().click();
  const arSection = page.getByRole('region', { name: 'الأولويات والآجال' });
  await arSection.getByRole('button', { name: 'حفظ الأولويات والآجال' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await arSection.getByLabel('نقاط الأولوية: الابتزاز الجنسي').inputValue(), '50');
  await arSection.scrollIntoViewIfNeeded();
  await shoot(page, arSection, 'triage-settings-ar');
  assertClean(ws);
});

test('an analyst reads the priorities and deadlines without being able to change them', async (t) => {
  const ws = await openWorkstation(t);
  const { page, core } = ws;
  await setUpSupervisor(page);
  await createProfile(core, ANALYST);
  await page.getByRole('button', { name: 'Verrouiller', exact: true }).click();
  await page.getByLabel('Nom de connexion', { exact: true }).fill(ANALYST.name);
  await page.getByLabel('Phrase secrète', { exact: true }).fill(ANALYST.passphrase);
  await page.getByRole('button', { name: 'Déverrouiller' }).click();
  await page.getByRole('navigation', { name: 'التنقل الرئيسي' }).waitFor();

  const section = await openSection(page, 'الإعدادات', 'الأولويات والآجال');
  assert.equal(await section.locator('input, select, button').count(), 0, 'nothing to edit');
  await section.getByText('لا يمكن تعديل الأولويات والآجال إلا لمشرف.').waitFor();
  const row = (name: string): Locator => section.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
  assert.deepEqual(await row('الابتزاز الجنسي').getByRole('cell').allTextContents(), ['45', '4 ساعات']);
  assert.deepEqual(await row('خطر وشيك').getByRole('cell').allTextContents(), ['40', 'ساعة']);
  assert.deepEqual(await row('النصب والاحتيال الإلكتروني').getByRole('cell').allTextContents(), ['20', '3 أيام']);
  await shoot(page, section, 'triage-settings-analyst-ar');

  // The core refuses a change from an analyst, whatever the interface shows.
  const refused = await core.dispatch('triage.updateSettings', await value(core, 'triage.settings'));
  assert.equal(refused.ok ? null : refused.error.code, 'FORBIDDEN');
  assertClean(ws);
});
