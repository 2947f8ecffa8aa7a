/**
 * Settings → Compétence territoriale, in Chromium against the real core: the
 * table per region (province → court of first instance, court of appeal,
 * judicial police service, inferred facts marked), its two rules and its
 * note; a supervisor changes a province's police service and saves the
 * table, exports it (a JSON download under the app's CSP), imports a table
 * the core refuses (its reason shown), and restores the shipped one; an
 * analyst reads it without any way to change it. French and Arabic.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { ANALYST, SUPERVISOR, value, createProfile } from '../helpers/store.ts';
import { ARTEFACTS, closeBrowser, openWorkstation, setUpSupervisor, type Workstation } from './harness.ts';

after(() => closeBrowser());

interface Named {
  id: string;
  name_fr: string;
  name_ar: string;
}
interface Province extends Named {
  tpis: string[];
  police_service: string;
  police_inferred: boolean;
}
interface Table {
  rules: { terrorism: { court_of_appeal: string } };
  courts_of_appeal: (Named & { city_fr: string })[];
  police_services: (Named & { scope: string })[];
  regions: { code: string; name_fr: string; name_ar: string; provinces: Province[] }[];
}

async function table(ws: Workstation): Promise<{ table: Table; edited: boolean }> {
  const answer = await value(ws.core, 'jurisdiction.table');
  return { table: answer.table as Table, edited: answer.edited };
}

async function openSection(page: Page, settings: string, title: string): Promise<Locator> {
  await page.getByRole('navigation').getByRole('button', { name: settings }).click();
  const section = page.getByRole('region', { name: title });
  await section.locator('.jt-region').first().waitFor();
  await section.scrollIntoViewIfNeeded();
  return section;
}

/** The whole section: the screen scrolls inside the shell, so the window is made tall enough for it. */
async function shoot(page: Page, section: Locator, name: string): Promise<void> {
  mkdirSync(ARTEFACTS, { recursive: true });
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const height = Math.ceil((await section.boundingBox())?.height ?? 2000) + 200;
  await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, viewport.height), 6000) });
  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: join(ARTEFACTS, `${name}.png`) });
  await page.setViewportSize(viewport);
}

/** What the window shows at 1280 × 800, the element at its top. */
async function shootView(page: Page, element: Locator, name: string): Promise<void> {
  mkdirSync(ARTEFACTS, { recursive: true });
  await element.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(ARTEFACTS, `${name}.png`) });
}

/** Nothing in the section is wider than it, and its tables need no sideways scrolling. */
async function assertNoOverflow(section: Locator, where: string): Promise<void> {
  const sizes = await section.evaluate((el) => ({
    section: el.scrollWidth - el.clientWidth,
    tables: [...el.querySelectorAll('.jt-table-wrap')].map((wrap) => wrap.scrollWidth - wrap.clientWidth),
    page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  }));
  assert.ok(sizes.section <= 1, `${where}: the section overflows by ${sizes.section}px`);
  assert.ok(sizes.page <= 0, `${where}: the page overflows by ${sizes.page}px`);
  for (const extra of sizes.tables) assert.ok(extra <= 1, `${where}: a region's table scrolls sideways by ${extra}px`);
}

function provinceRow(section: Locator, name: string): Locator {
  return section.getByRole('row').filter({ has: section.page().getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
}

function assertClean(ws: Workstation): void {
  assert.deepEqual(ws.foreignRequests, [], 'no request leaves the page');
  assert.deepEqual(ws.pageErrors, [], 'no error in the page');
}

test('a supervisor changes a province’s police service, saves, exports, is refused an invalid table, restores the shipped one', async (t) => {
  const ws = await openWorkstation(t);
  const { page } = ws;
  await setUpSupervisor(page);
  const shipped = await table(ws);
  assert.equal(shipped.edited, false);
  const region = shipped.table.regions.find((r) => r.code === 'MA-01');
  const province = region?.provinces.find((p) => p.police_inferred);
  assert.ok(region && province, 'a province of MA-01 whose police service is inferred');
  const police = shipped.table.police_services.find((service) => service.id !== province.police_service && service.scope !== 'national');
  assert.ok(police, 'another police service');
  const section = await openSection(page, 'Paramètres', 'Compétence territoriale');

  await t.test('the table reads: note, rules, regions, provinces with inferred facts marked', async () => {
    await section.getByText('Table de suggestion, jamais de décision').waitFor();
    await section.getByText('Table livrée avec le poste').waitFor();
    const rules = section.locator('.jt-rules');
    await rules.getByText("Compétence nationale de la Cour d'appel de Rabat (loi 03-03, art. 7)", { exact: false }).waitFor();
    await rules.getByText(/Région Casablanca-Settat : juridictions et services de Casablanca/).waitFor();
    assert.equal(await section.locator('.jt-region').count(), 12);
    await section.locator('summary').filter({ hasText: 'MA-01' }).click();
    const row = provinceRow(section, province.name_fr);
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    const court = shipped.table.regions.flatMap((r) => r.provinces).find((p) => p.id === province.id)?.tpis[0] ?? '';
    assert.ok(cells.some((text) => text.includes('Tribunal de première instance')), `a court of first instance: ${court}`);
    assert.ok(cells.some((text) => text.startsWith("Cour d'appel")), 'a court of appeal');
    await row.locator('.jt-inferred').filter({ hasText: /^inféré · confiance (élevée|moyenne|faible|incertaine)$/ }).first().waitFor();
    await assertNoOverflow(section, 'French');
  });

  await t.test('a change is a draft until the table is saved; then the core holds it', async () => {
    await section.getByRole('button', { name: `Modifier ${province.name_fr}` }).click();
    const form = section.locator('.jt-form');
    await form.getByLabel('Service de police judiciaire').selectOption(police.id);
    // Checked by the supervisor: no longer an inference.
    await form.getByLabel('Correspondance inférée, à vérifier').nth(1).uncheck();
    await form.getByRole('button', { name: 'Appliquer' }).click();
    const row = provinceRow(section, province.name_fr);
    await row.getByText(police.name_fr).waitFor();
    await row.getByText('modifiée', { exact: true }).waitFor();
    await section.getByText('1 province modifiée, non enregistrée.').waitFor();
    // Nothing saved yet.
    assert.equal((await table(ws)).edited, false);
    await shoot(page, section, 'jurisdiction-settings-draft-fr');
    await shootView(page, section.locator('.jt-draft'), 'jurisdiction-settings-draft-view-fr');
    await section.getByRole('button', { name: 'Enregistrer la table' }).click();
    await section.getByText('Table de compétence enregistrée').waitFor();
    await section.getByText('Modifiée sur ce poste').waitFor();
    const now = await table(ws);
    assert.equal(now.edited, true);
    const saved = now.table.regions.flatMap((r) => r.provinces).find((p) => p.id === province.id);
    assert.equal(saved?.police_service, police.id);
    assert.equal(saved?.police_inferred, false);
    // Seen again after leaving the screen.
    await page.keyboard.press('Alt+1');
    const again = await openSection(page, 'Paramètres', 'Compétence territoriale');
    await again.locator('summary').filter({ hasText: 'MA-01' }).click();
    await provinceRow(again, province.name_fr).getByText(police.name_fr).waitFor();
    assert.equal(await provinceRow(again, province.name_fr).locator('td').nth(2).locator('.jt-inferred').count(), 0);
  });

  await t.test('export: the table as a JSON download', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Exporter la table (JSON)' }).click()]);
    assert.match(download.suggestedFilename(), /^competence-territoriale-\d{4}-\d{2}-\d{2}\.json$/);
    const path = await download.path();
    const exported = JSON.parse(readFileSync(path, 'utf8')) as Table;
    assert.deepEqual(exported, (await table(ws)).table);
    await section.getByText('Fichier JSON téléchargé.').waitFor();
  });

  await t.test('an imported table the core refuses: its reason shown, nothing saved', async () => {
    const current = (await table(ws)).table;
    const other = current.courts_of_appeal.find((court) => court.city_fr !== 'Rabat');
    assert.ok(other);
    const wrong = { ...current, rules: { ...current.rules, terrorism: { ...current.rules.terrorism, court_of_appeal: other.id } } };
    await section.locator('input[type="file"]').setInputFiles({ name: 'table-modifiee.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(wrong)) });
    await section.getByText(/Table importée de table-modifiee\.json, non enregistrée/).waitFor();
    await section.getByRole('button', { name: 'Enregistrer la table' }).click();
    const alert = section.getByRole('alert');
    await alert.getByText('La table n’a pas été enregistrée').waitFor();
    await alert.getByText('rules.terrorism.court_of_appeal: Terrorism must go to the court of appeal of Rabat (law 03-03, art. 7)').waitFor();
    assert.equal((await table(ws)).table.rules.terrorism.court_of_appeal, 'CA-RABAT');
    await shootView(page, section.locator('.jt-draft'), 'jurisdiction-settings-invalid-fr');
    await section.getByRole('button', { name: 'Annuler les modifications' }).click();
    await alert.waitFor({ state: 'detached' });
    // A file that is not a table is refused before the core is asked.
    await section.locator('input[type="file"]').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"regions": 3}') });
    await section.getByText(/Ce fichier n’est pas une table de compétence lisible/).waitFor();
  });

  await t.test('in Arabic: names, inferred marks, rules; the layout holds', async () => {
    await page.getByRole('button', { name: 'العربية' }).first().click();
    const arSection = page.getByRole('region', { name: 'الاختصاص الترابي' });
    await arSection.waitFor();
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    await arSection.getByText('القانون 03-03، المادة 7', { exact: false }).waitFor();
    // The reason a file was refused follows the language.
    await arSection.getByText(/ليس جدول اختصاص مقروءًا/).waitFor();
    await shootView(page, arSection, 'jurisdiction-settings-ar-top');
    await arSection.locator('summary').filter({ hasText: 'MA-06' }).click();
    const ma06 = arSection.locator('.jt-region').filter({ has: page.locator('summary', { hasText: 'MA-06' }) });
    await ma06.getByText('مقر الجهة').waitFor();
    await arSection.locator('.jt-inferred').filter({ hasText: /^استنتاج · ثقة / }).first().waitFor();
    // MA-01 was left open: the changed province, in Arabic.
    await provinceRow(arSection, province.name_ar).getByText(police.name_ar).waitFor();
    await assertNoOverflow(arSection, 'Arabic');
    await arSection.getByRole('button', { name: `تعديل ${province.name_ar}` }).click();
    await arSection.locator('.jt-form').waitFor();
    await assertNoOverflow(arSection, 'Arabic, editing');
    await shootView(page, arSection.locator('.jt-region').first(), 'jurisdiction-settings-ar-edit');
    await shoot(page, arSection, 'jurisdiction-settings-ar');
    await arSection.locator('.jt-form').getByRole('button', { name: 'إلغاء' }).click();
    await page.getByRole('button', { name: 'Français' }).first().click();
  });

  await t.test('restore the shipped table, after a confirmation', async () => {
    await section.getByRole('button', { name: 'Rétablir la table livrée' }).click();
    await section.getByText('Rétablir la table livrée avec le poste ?').waitFor();
    // Cancel first: nothing changes.
    await section.locator('.jt-confirm').getByRole('button', { name: 'Annuler' }).click();
    assert.equal((await table(ws)).edited, true);
    await section.getByRole('button', { name: 'Rétablir la table livrée' }).click();
    await section.getByRole('button', { name: 'Confirmer le rétablissement' }).click();
    await section.getByText('Table livrée rétablie.').waitFor();
    await section.getByText('Table livrée avec le poste').waitFor();
    const restored = await table(ws);
    assert.equal(restored.edited, false);
    assert.deepEqual(restored.table, shipped.table);
    await provinceRow(section, province.name_fr).getByText(shipped.table.police_services.find((s) => s.id === province.police_service)?.name_fr ?? '?').waitFor();
    await shoot(page, section, 'jurisdiction-settings-fr');
  });

  assertClean(ws);
});

test('an analyst reads the jurisdiction table without any way to change it', async (t) => {
  const ws = await openWorkstation(t);
  const { page, core } = ws;
  await setUpSupervisor(page);
  await createProfile(core, ANALYST);
  // A supervisor's change, saved: the analyst sees it.
  const { table: current } = await table(ws);
  const province = current.regions.find((r) => r.code === 'MA-02')?.provinces[0];
  const police = current.police_services.find((service) => service.id !== province?.police_service && service.scope !== 'national');
  assert.ok(province && police);
  province.police_service = police.id;
  await value(core, 'jurisdiction.updateTable', { table: current });

  await page.getByRole('button', { name: 'Verrouiller', exact: true }).click();
  await page.getByLabel('Nom de connexion', { exact: true }).fill(ANALYST.name);
  await page.getByLabel('Phrase secrète', { exact: true }).fill(ANALYST.passphrase);
  await page.getByRole('button', { name: 'Déverrouiller' }).click();
  await page.getByRole('navigation', { name: 'التنقل الرئيسي' }).waitFor();

  const section = await openSection(page, 'الإعدادات', 'الاختصاص الترابي');
  await section.getByText('لا يعدّل هذا الجدول إلا مشرف.').waitFor();
  await section.getByText('معدَّل على هذه المحطة').waitFor();
  await section.locator('summary').filter({ hasText: 'MA-02' }).click();
  await provinceRow(section, province.name_ar).getByText(police.name_ar).waitFor();
  // Nothing to change: no edit, import, save or restore; the export only.
  assert.deepEqual(await section.getByRole('button').allTextContents(), ['تصدير الجدول (JSON)']);
  assert.equal(await section.locator('input, select, textarea').count(), 0);
  await assertNoOverflow(section, 'analyst, Arabic');
  await shoot(page, section, 'jurisdiction-settings-analyst-ar');

  // The core refuses a change from an analyst, whatever the interface shows.
  const refused = await core.dispatch('jurisdiction.updateTable', { table: null });
  assert.equal(refused.ok ? null : refused.error.code, 'FORBIDDEN');
  assert.equal(SUPERVISOR.locale, 'fr');
  assertClean(ws);
});
