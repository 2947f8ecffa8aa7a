/**
 * The audit journal screen in Chromium against the real core and a real
 * reference intake service on loopback: the chain's state (verified up to
 * entry N, anchored at the service on …), filters, translated details (no raw
 * keys or codes), an analyst column that does not wrap, the CSV and JSON
 * export (recorded), a deleted entry named after "check with the service",
 * and the Arabic screen mirrored. Screenshots kept.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startIntakeServer } from '../../src/intake/server.ts';
import { value } from '../helpers/store.ts';
import { closeBrowser, openWorkstation, screenshot, setUpSupervisor } from './harness.ts';

after(() => closeBrowser());

test('the audit screen shows the chain anchored, filters, translates, exports, and names a deleted entry', async (t) => {
  const server = await startIntakeServer({ seed: 11, count: 30, attachments: 0 });
  t.after(() => server.close());
  const ws = await openWorkstation(t);
  const { page, core, storeDir } = ws;
  await setUpSupervisor(page);
  await value(core, 'intake.update', { url: server.url, token: server.token, publicKeyPem: server.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 });
  await value(core, 'sync.start');
  await core.syncIdle();
  const db = core.unlockedStore().db;
  const identified = db.prepare("SELECT id FROM reports WHERE reporter_mode = 'identified' ORDER BY id LIMIT 2").pluck().all() as string[];
  for (const reportId of identified) await value(core, 'reports.revealReporter', { reportId, reason: 'Réquisition n° 2026/118' });
  await value(core, 'sync.start');
  await core.syncIdle();
  const state = await value(core, 'audit.verify', { online: false });
  assert.equal(state.ok, true);
  assert.ok(state.anchored);

  await page.keyboard.press('Alt+5');
  const chain = page.getByRole('region', { name: 'Intégrité du journal' });
  await chain.getByText(`Journal vérifié jusqu’à l’entrée ${state.verified_up_to}`, { exact: false }).waitFor();
  await chain.getByText(`Ancré auprès du service d’intake jusqu’à l’entrée ${state.anchored.head_index}`, { exact: false }).waitFor();

  // A supervisor sets after how many entries the head is anchored; recorded.
  await chain.getByLabel('Ancrer la tête du journal auprès du service toutes les N entrées', { exact: false }).fill('10');
  await chain.getByRole('button', { name: 'Enregistrer' }).click();
  await chain.getByText('Enregistré (consigné au journal).').waitFor();
  assert.deepEqual(await value(core, 'audit.anchorSettings'), { anchorEvery: 10 });

  const table = page.getByRole('table', { name: "Événements du journal d'audit" });
  await table.getByText('Identité du signalant révélée').first().waitFor();
  const text = (await table.textContent()) ?? '';
  for (const raw of ['mode :', 'identified', 'attachmentId', 'reportId', 'undefined']) assert.ok(!text.includes(raw), `raw "${raw}" shown`);
  assert.ok(text.includes('Signalant : identifié'), 'the reporter mode, translated');
  // The analyst's name stays on one line.
  const analystCell = table.getByRole('cell', { name: 'Karima Benali' }).first();
  const lines = await analystCell.locator('bdi').evaluate((el) => el.getClientRects().length);
  assert.equal(lines, 1, 'the analyst name wraps');
  await screenshot(page, 'audit-fr');

  // Filter: only the reveals.
  const filters = page.getByRole('form', { name: 'Filtrer le journal' });
  await filters.getByLabel('Action').selectOption({ label: 'Identité du signalant révélée' });
  await filters.getByRole('button', { name: 'Filtrer' }).click();
  await page.getByText('Affichés : 2 sur 2').waitFor();
  await filters.getByLabel('Signalement').fill(identified[0]!);
  await filters.getByRole('button', { name: 'Filtrer' }).click();
  await page.getByText('Affichés : 1 sur 1').waitFor();

  // Export what matches; the export is recorded.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter en CSV' }).click()]);
  const csvPath = join(storeDir, 'audit.csv');
  await download.saveAs(csvPath);
  const csv = readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(csv[0], 'index,at,analyst_id,analyst_name,action,detail,prev_hash,hash');
  assert.equal(csv.length, 2);
  assert.ok(csv[1]!.includes('report.reporter_revealed') && csv[1]!.includes(identified[0]!));
  await page.getByText('entrées exportées', { exact: false }).waitFor();
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter en JSON' }).click()]);
  const jsonPath = join(storeDir, 'audit.json');
  await json.saveAs(jsonPath);
  const exported = JSON.parse(readFileSync(jsonPath, 'utf8')) as { format: string; entries: { action: string; hash: string }[] };
  assert.equal(exported.format, 'iblagh-audit-export');
  assert.equal(exported.entries.length, 1);
  assert.equal(db.prepare("SELECT count(*) FROM audit_events WHERE action = 'audit.exported'").pluck().get(), 2);
  await filters.getByRole('button', { name: 'Effacer les filtres' }).click();
  await table.getByText('Journal d’audit exporté').first().waitFor();
  const exportRow = table.getByRole('row').filter({ hasText: 'Journal d’audit exporté' }).first();
  assert.match((await exportRow.textContent()) ?? '', /Filtre : action : Identité du signalant révélée/);
  assert.ok(!((await exportRow.textContent()) ?? '').includes('{'), 'no JSON text in a detail');

  // Someone with the key deletes a reveal record: the screen names it.
  const revealIndex = db.prepare("SELECT min(id) FROM audit_events WHERE action = 'report.reporter_revealed'").pluck().get() as number;
  db.exec('DROP TRIGGER audit_events_no_delete;');
  db.prepare('DELETE FROM audit_events WHERE id = ?').run(revealIndex);
  await chain.getByRole('button', { name: 'Vérifier auprès du service d’intake' }).click();
  await chain.getByText(`Entrée supprimée (entrée ${revealIndex}).`).waitFor();
  await chain.getByText(`Journal vérifié seulement jusqu’à l’entrée ${revealIndex - 1}.`, { exact: false }).waitFor();
  await chain.getByText('Comparé à la liste du service', { exact: false }).waitFor();
  await screenshot(page, 'audit-broken-fr');

  await page.getByRole('button', { name: 'العربية' }).first().click();
  await page.keyboard.press('Alt+5');
  const arabic = page.getByRole('region', { name: 'سلامة السجل' });
  await arabic.getByText(`مدخل محذوف (المدخل ${revealIndex}).`, { exact: false }).waitFor({ timeout: 10_000 }).catch(async () => {
    // Arabic digits may be used by the number format: accept either.
    await arabic.getByText('مدخل محذوف', { exact: false }).waitFor();
  });
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  const arabicTable = page.getByRole('table', { name: 'أحداث سجل التدقيق' }).or(page.getByRole('table').first());
  const arabicText = (await arabicTable.first().textContent()) ?? '';
  for (const raw of ['identified', 'greyscale', 'attachmentId']) assert.ok(!arabicText.includes(raw), `raw "${raw}" shown in Arabic`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page overflows by ${overflow}px`);
  await screenshot(page, 'audit-ar');
  assert.deepEqual(ws.foreignRequests, []);
  assert.deepEqual(ws.pageErrors, []);
});
