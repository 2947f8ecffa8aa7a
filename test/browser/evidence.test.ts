/**
 * Evidence in the window, in Chromium against the real core and a reference
 * intake service on loopback: a case's evidence tab (signed originals with
 * their signature and key fingerprint, a verified attachment, an imported file
 * with a hostile name), an item opened with its method and chain of custody
 * (the opening logged), the report panel's evidence section, and Arabic
 * (mirrored, ids and hashes kept left to right). Screenshots are kept.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { startIntakeServer } from '../../src/intake/server.ts';
import { SUPERVISOR, value } from '../helpers/store.ts';
import { closeBrowser, openWorkstation, screenshot } from './harness.ts';

after(() => closeBrowser());

const RLO = '\u202E';

test('a case’s evidence: originals with their signature, attachments, an imported file, custody on open, the report panel, Arabic', async (t) => {
  const server = await startIntakeServer({ seed: 31, count: 40, attachments: 6 });
  t.after(() => server.close());
  const ws = await openWorkstation(t);
  await value(ws.core, 'session.setup', SUPERVISOR);
  await value(ws.core, 'intake.update', { url: server.url, token: server.token, publicKeyPem: server.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 });
  await value(ws.core, 'sync.start');
  await ws.core.syncIdle();
  const db = ws.core.unlockedStore().db;
  const withAttachment = db
    .prepare("SELECT a.report_id FROM attachments a JOIN reports r ON r.id = a.report_id WHERE a.state = 'verified' AND r.category <> 'child_sexual_exploitation' ORDER BY a.report_id LIMIT 1")
    .pluck()
    .get() as string;
  assert.ok(withAttachment);
  const other = db.prepare('SELECT id FROM reports WHERE id <> ? ORDER BY rowid LIMIT 1').pluck().get(withAttachment) as string;
  const c = await value(ws.core, 'cases.create', { title: 'Chantage en ligne — preuves', reportIds: [withAttachment, other] });
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 3)]);
  const imported = await value(ws.core, 'evidence.import', { target: { caseRef: c.ref }, fileName: `capture-profil${RLO}gnp.exe`, declaredType: 'application/x-msdownload', base64: png.toString('base64') });
  const fingerprint = (await value(ws.core, 'intake.get')).keyFingerprint!;

  const { page } = ws;
  await page.reload();
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
  await page.keyboard.press('Alt+3');
  await page.getByRole('button', { name: `Ouvrir le dossier ${c.ref}` }).click();
  await page.getByRole('tab', { name: 'Éléments de preuve' }).click();
  await page.locator('.ev-item').first().waitFor();
  const total = (await value(ws.core, 'evidence.list', { target: { caseRef: c.ref } })).total;
  await page.getByText(`${total} éléments de preuve`).waitFor();
  assert.equal(await page.locator('.ev-item').count(), total);
  await page.locator('.ev-signature-ok').first().waitFor();
  assert.ok(((await page.locator('.ev-signature-ok').first().textContent()) ?? '').includes(fingerprint), 'the intake key’s fingerprint is shown');
  await page.locator('.ev-kind-attachment').first().waitFor();
  const file = page.locator('.ev-item').filter({ hasText: imported.id });
  assert.equal(await file.locator('.ev-sha').textContent(), imported.sha256);
  assert.equal(await file.locator('.ev-sha').getAttribute('dir'), 'ltr');
  await screenshot(page, 'evidence-case-fr');

  // Opening an item shows its method and custody, and logs the opening.
  const first = page.locator('.ev-item').first();
  const firstId = ((await first.locator('.ev-id').textContent()) ?? '').trim();
  await first.getByRole('button', { name: `Ouvrir ${firstId} et sa chaîne de conservation` }).click();
  await first.locator('.ev-custody-viewed').waitFor();
  await first.locator('.ev-custody-acquired').getByText('Synchronisation de ce poste').waitFor();
  const custody = (await value(ws.core, 'evidence.get', { id: firstId })).custody.map((e) => e.action);
  assert.deepEqual(custody.slice(0, 2), ['acquired', 'viewed']);
  await first.locator('.ev-custody').scrollIntoViewIfNeeded();
  await screenshot(page, 'evidence-custody-fr');

  // The report panel has the report's evidence too.
  await page.getByRole('tab', { name: 'Signalements' }).click();
  await page.getByRole('button', { name: `Ouvrir le signalement ${withAttachment}` }).click();
  const panel = page.locator('.cs-report-panel');
  await panel.locator('.rp-evidence .ev-item').first().waitFor();
  await panel.locator('.rp-evidence').scrollIntoViewIfNeeded();
  await screenshot(page, 'evidence-report-fr');

  // Arabic: mirrored, ids and hashes left to right.
  await page.getByRole('button', { name: 'العربية' }).first().click();
  await page.getByRole('tab', { name: 'عناصر الإثبات' }).click();
  await page.locator('.ev-item').first().waitFor();
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  await page.locator('.ev-signature-ok').first().getByText('تم التحقق من التوقيع').waitFor();
  const again = page.locator('.ev-item').filter({ hasText: imported.id });
  await again.getByRole('button', { name: `سلسلة الحفظ: فتح ${imported.id}` }).click();
  await again.locator('.ev-custody-viewed').waitFor();
  await screenshot(page, 'evidence-case-ar');
  await again.locator('.ev-custody').scrollIntoViewIfNeeded();
  await screenshot(page, 'evidence-custody-ar');
  assert.deepEqual(ws.pageErrors, []);
  assert.deepEqual(ws.foreignRequests, []);
});
