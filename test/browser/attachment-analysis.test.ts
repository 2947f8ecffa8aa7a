/**
 * The report view's attachment analysis in Chromium, French and Arabic: a
 * JPEG declared as PNG (warning), its dimensions and EXIF (camera, software,
 * dates, GPS as coordinates text, no map), a near duplicate in another report
 * with a link that opens it, a known-hash list match; the preview drawn from
 * pixels on a canvas, blurred. Nothing leaves the host.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import jpeg from 'jpeg-js';
import { startIntakeServer } from '../../src/intake/server.ts';
import type { ReportPayload } from '../../src/intake/contract.ts';
import { SUPERVISOR, value } from '../helpers/store.ts';
import { withExif } from '../diagnostics/exif-builder.ts';
import { testPixels } from '../diagnostics/test-images.ts';
import { closeBrowser, openWorkstation, screenshot } from './harness.ts';

after(closeBrowser);

async function openReport(page: Page, id: string, label: string): Promise<Locator> {
  const open = page.getByRole('button', { name: `${label} ${id}` });
  await open.waitFor();
  await open.click();
  const panel = page.locator('.report-panel');
  await panel.getByRole('heading', { level: 2 }).filter({ hasText: id }).waitFor();
  return panel;
}

async function shot(page: Page, part: Locator, name: string): Promise<void> {
  await part.first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, name);
}

test('attachment analysis in the report view: type check, metadata, near duplicates, hash-list match, pixel preview (fr, ar)', async (t) => {
  const server = await startIntakeServer({ seed: 5, count: 6, attachments: 0 });
  t.after(() => server.close());
  const first = JSON.parse(server.appendReport({ attachments: 1, category: 'fraud' }).payload) as ReportPayload;
  const second = JSON.parse(server.appendReport({ attachments: 1, category: 'fraud' }).payload) as ReportPayload;

  const ws = await openWorkstation(t);
  const { page } = ws;
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await value(ws.core, 'session.setup', SUPERVISOR);
  await value(ws.core, 'intake.update', { url: server.url, token: server.token, publicKeyPem: server.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 });
  await value(ws.core, 'sync.start');
  await ws.core.syncIdle();

  // The citizen's files, as if they had sent these: a photo with EXIF declared as PNG, and the same photo recompressed.
  const pixels = testPixels(480, 360, 2);
  const photo = withExif(Buffer.from(jpeg.encode({ width: 480, height: 360, data: pixels }, 90).data), {
    make: 'Samsung',
    model: 'Galaxy A54',
    software: 'Snapseed 2.21',
    dateTime: '2026:10:03 09:12:44',
    dateTimeOriginal: '2026:10:02 21:47:05',
    latitude: 34.020882,
    longitude: -6.84165,
  });
  const copy = Buffer.from(jpeg.encode({ width: 480, height: 360, data: pixels }, 50).data);
  // The background pass after the sync first (it must not write over what follows).
  await value(ws.core, 'images.analysePending');
  const { db } = ws.core.unlockedStore();
  const aId = first.attachments[0]!.id;
  const bId = second.attachments[0]!.id;
  db.prepare("UPDATE attachments SET content = ?, media_type = 'image/png' WHERE id = ?").run(photo, aId);
  db.prepare('UPDATE attachments SET content = ? WHERE id = ?').run(copy, bId);
  db.prepare('DELETE FROM attachment_analysis WHERE attachment_id IN (?, ?)').run(aId, bId);
  await value(ws.core, 'images.analysePending');
  const md5 = db.prepare('SELECT md5 FROM attachment_analysis WHERE attachment_id = ?').pluck().get(aId) as string;
  await value(ws.core, 'hashlists.import', { format: 'csv', label: 'Contenus frauduleux connus', source: 'BNPJ', text: `type,hash\nmd5,${md5}\n` });

  await page.reload();
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
  await page.keyboard.press('Alt+1');
  const panel = await openReport(page, first.id, 'Ouvrir le signalement');
  const section = panel.getByRole('region', { name: 'Pièces jointes' });
  await section.getByText('Le type réel diffère du type déclaré').waitFor();
  await section.getByText('480 × 360 px').waitFor();
  await section.getByText('Samsung Galaxy A54').waitFor();
  await section.getByText('Snapseed 2.21').waitFor();
  await section.getByText('2026:10:02 21:47:05').waitFor();
  await section.getByText('34.020882, -6.841650').waitFor();
  await section.getByText(/Correspond à la liste « Contenus frauduleux connus » \(BNPJ\) : MD5/).waitFor();
  await section.getByText('Correspondance avec une liste d’empreintes connues').waitFor();
  await section.getByText('Image similaire dans les signalements').waitFor();
  await section.getByRole('button', { name: 'Afficher la pièce jointe 1' }).click();
  const canvas = section.locator('canvas.rp-image');
  await canvas.waitFor();
  assert.match(await canvas.evaluate((el) => getComputedStyle(el).filter), /blur/);
  assert.equal(await panel.locator('img, a[href]').count(), 0, 'no <img> of the citizen’s bytes, no map link');
  await shot(page, section, 'report-attachment-metadata-fr');

  // The near duplicate's link opens the other report.
  await section.getByRole('button', { name: new RegExp(`Ouvrir le signalement ${second.id}`) }).click();
  await panel.getByRole('heading', { level: 2 }).filter({ hasText: second.id }).waitFor();

  // The threshold, in Settings (supervisor).
  await page.keyboard.press('Alt+6');
  const threshold = page.getByLabel('Distance de Hamming maximale (0 à 128)');
  await threshold.waitFor();
  assert.equal(await threshold.inputValue(), '31');
  await threshold.fill('24');
  await page.getByRole('button', { name: 'Enregistrer le seuil' }).click();
  await page.getByText('Seuil enregistré.').waitFor();
  assert.deepEqual(await value(ws.core, 'images.settings'), { pdqMaxDistance: 24 });
  await shot(page, page.getByRole('region', { name: 'Images similaires' }), 'settings-image-similarity-fr');

  // Known-hash lists in Settings: the one imported, a malformed file refused with its line, a JSON list imported.
  const listsRegion = page.getByRole('region', { name: 'Listes d’empreintes connues' });
  await listsRegion.getByText('Contenus frauduleux connus').waitFor();
  const fileInput = listsRegion.locator('input[type="file"]');
  await fileInput.setInputFiles({ name: 'mauvaise.csv', mimeType: 'text/csv', buffer: Buffer.from('type,hash\nsha1,abcd\n') });
  await listsRegion.getByLabel('Libellé').fill('Liste mal formée');
  await listsRegion.getByRole('button', { name: 'Importer la liste' }).click();
  // Said in French; the core's account of the lines is behind the technical detail.
  await listsRegion.getByText(/^Rien n’a été importé : des lignes de la liste ne sont pas des empreintes valides\./).waitFor();
  await listsRegion.getByText('Détail technique', { exact: true }).click();
  await listsRegion.getByText(/line 2: sha1 takes 40 hex digits, not 4/).waitFor();
  await fileInput.setInputFiles({ name: 'partenaire.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify([{ type: 'md5', hash: md5 }])) });
  await listsRegion.getByLabel('Libellé').fill('Liste partenaire');
  await listsRegion.getByRole('button', { name: 'Importer la liste' }).click();
  await listsRegion.getByText('1 empreintes importées ; 1 signalements concernés.').waitFor();
  await listsRegion.getByRole('cell', { name: 'Liste partenaire' }).waitFor();
  await shot(page, listsRegion, 'settings-hash-lists-fr');

  // The queue: a filter with its live count, and the priority reason.
  await page.keyboard.press('Alt+1');
  const filtersPanel = page.getByRole('complementary', { name: 'Filtres' });
  if (!(await filtersPanel.isVisible())) await page.getByRole('button', { name: 'Filtres', exact: true }).click();
  await filtersPanel.locator('summary').filter({ hasText: 'Pièces jointes' }).click();
  const flag = filtersPanel.getByRole('checkbox', { name: /Empreinte connue \(liste\)/ });
  await flag.check();
  await page.getByRole('button', { name: `Ouvrir le signalement ${second.id}` }).waitFor({ state: 'detached' });
  assert.equal(await page.locator('.q-id-button').count(), 1);
  await page.locator('.q-id-button').filter({ hasText: first.id }).waitFor();
  await screenshot(page, 'queue-hash-match-filter-fr');
  await flag.uncheck();

  // Arabic.
  await page.getByRole('button', { name: 'العربية' }).first().click();
  await page.getByRole('navigation', { name: 'التنقل الرئيسي' }).waitFor();
  await page.keyboard.press('Alt+1');
  const openAr = page.locator('.q-id-button').filter({ hasText: first.id });
  await openAr.waitFor();
  await openAr.click();
  const panelAr = page.locator('.report-panel');
  await panelAr.getByRole('heading', { level: 2 }).filter({ hasText: first.id }).waitFor();
  await panelAr.getByText('النوع الفعلي يختلف عن النوع المُصرَّح به').waitFor();
  await panelAr.getByText('34.020882, -6.841650').waitFor();
  await panelAr.getByRole('button', { name: 'عرض المرفق 1' }).click();
  await panelAr.locator('canvas.rp-image').waitFor();
  await shot(page, panelAr.locator('.rp-attachments'), 'report-attachment-metadata-ar');

  assert.deepEqual(ws.foreignRequests, [], 'no request leaves the host');
  assert.deepEqual(ws.pageErrors, [], 'no error in the page');
});
