/**
 * Settings → Durées de conservation (law 09-08), in Chromium against the real
 * core: a supervisor's rules refused in words when out of order, saved, the
 * preview's counts and dates, applying after the confirmation dialog (the
 * report closed long ago gone, the journal's entry), and the section in
 * Arabic, mirrored. Screenshots kept.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { startIntakeServer } from '../../src/intake/server.ts';
import { failure, value } from '../helpers/store.ts';
import { closeBrowser, openWorkstation, screenshot, setUpAndSync } from './harness.ts';

after(() => closeBrowser());

test('a supervisor sets the retention rules, previews them and applies them after confirming (fr, ar)', async (t) => {
  const server = await startIntakeServer({ seed: 11, count: 4, attachments: 0 });
  t.after(() => server.close());
  const old = JSON.parse(server.appendReport({ category: 'fraud', at: '2024-11-02T09:00:00Z' }).payload) as { id: string };
  server.appendStatus({ reportId: old.id, status: 'closed_no_action', at: '2025-01-10T10:00:00Z' });

  const ws = await openWorkstation(t);
  const { page, core } = ws;
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await setUpAndSync(core, server);
  await value(core, 'reports.get', { reportId: old.id });

  await page.reload();
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
  await page.keyboard.press('Alt+6');
  const section = page.getByRole('region', { name: 'Durées de conservation (loi 09-08)' });
  await section.waitFor();
  const identity = section.getByLabel('Effacer l’identité du signalant des signalements clos depuis plus de (mois)');
  const purge = section.getByLabel('Supprimer les signalements clos depuis plus de (mois)');
  assert.equal(await identity.inputValue(), '', 'off by default');

  // Out of order: refused here, in words, and nothing saved.
  await identity.fill('12');
  await purge.fill('6');
  await section.getByRole('button', { name: 'Enregistrer les règles' }).click();
  await section.getByText('La suppression doit venir après l’effacement de l’identité.').waitFor();
  assert.deepEqual(await value(core, 'retention.settings'), { identityMonths: null, purgeMonths: null, caseMonths: null });

  await identity.fill('6');
  await purge.fill('12');
  await section.getByRole('button', { name: 'Enregistrer les règles' }).click();
  await section.getByText('Règles enregistrées.').waitFor();
  assert.deepEqual(await value(core, 'retention.settings'), { identityMonths: 6, purgeMonths: 12, caseMonths: null });

  await section.getByRole('button', { name: 'Prévisualiser' }).click();
  const table = section.getByRole('table');
  const reportsRow = table.getByRole('row', { name: /Signalements à supprimer/ });
  await reportsRow.waitFor();
  assert.equal(await reportsRow.getByRole('cell').first().textContent(), '1');
  await reportsRow.locator('time').first().waitFor();
  assert.equal(await reportsRow.locator('time').first().getAttribute('datetime'), '2025-01-10T10:00:00.000Z');
  await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'retention-settings-preview-fr');

  // Applying asks first; cancelling changes nothing.
  await section.getByRole('button', { name: 'Appliquer maintenant…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Appliquer les durées de conservation' });
  await dialog.getByText(/Cette opération est définitive/).waitFor();
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await dialog.waitFor({ state: 'detached' });
  await value(core, 'reports.get', { reportId: old.id });

  await section.getByRole('button', { name: 'Appliquer maintenant…' }).click();
  await screenshot(page, 'retention-settings-confirm-fr');
  await dialog.getByRole('button', { name: 'Effacer et supprimer définitivement' }).click();
  await section.getByText(/Conservation appliquée : identités effacées \d+, signalements supprimés 1, dossiers supprimés 0/).waitFor();
  await section.getByText(/La base a été compactée/).waitFor();
  assert.equal((await failure(core, 'reports.get', { reportId: old.id })).code, 'NOT_FOUND');
  const journal = await value(core, 'audit.list', { limit: 10 });
  assert.equal(journal.events.find((e) => e.action === 'retention.purged')?.detail['reports'], 1);

  await page.getByRole('button', { name: 'العربية' }).first().click();
  await page.keyboard.press('Alt+6');
  const arabic = page.getByRole('region', { name: 'مدد الحفظ (القانون 09-08)' });
  await arabic.getByLabel('حذف البلاغات المغلقة منذ أكثر من (أشهر)').waitFor();
  assert.equal(await arabic.getByLabel('حذف البلاغات المغلقة منذ أكثر من (أشهر)').inputValue(), '12');
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  await arabic.getByRole('button', { name: 'معاينة' }).click();
  await arabic.getByRole('row', { name: /بلاغات ستُحذف/ }).waitFor();
  const sizes = await arabic.evaluate((el) => ({ section: el.scrollWidth - el.clientWidth, page: document.documentElement.scrollWidth - document.documentElement.clientWidth }));
  assert.ok(sizes.section <= 1 && sizes.page <= 0, `overflow: ${JSON.stringify(sizes)}`);
  await arabic.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'retention-settings-ar');
  assert.deepEqual(ws.foreignRequests, []);
  assert.deepEqual(ws.pageErrors, []);
});
