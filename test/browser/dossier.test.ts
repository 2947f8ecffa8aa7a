/**
 * The referral dossier in the window (issue #12), in Chromium against the real
 * core and a reference intake service on loopback: the supervisor sets the
 * dossier settings; a case's "Dossier de transmission" tab shows the real PDF
 * pages drawn by pdf.js (pixels on the canvas), the warnings, and why export
 * waits for "ready"; an identity ticked without a reason is refused inline,
 * with a reason the preview is rendered again and holds that reporter's name
 * (read back from the preview's PDF with pdftotext); the export says what it
 * does, then shows v1, its paths and manifest hash (files on disk, the hash
 * the core kept); the history lists v1 and an answer recorded in the form;
 * the dashboard counts it; Arabic mirrors it all. A rendering failure is
 * said in French with the previous pages kept, and a retry draws the new
 * ones. An analyst reads the settings without being able to change them.
 * Screenshots are kept.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startIntakeServer } from '../../src/intake/server.ts';
import { closeChromium } from '../../src/main/browser/chromium.ts';
import { createCore } from '../../src/main/core.ts';
import { TEST_SCRYPT } from '../../src/main/crypto/key-wrap.ts';
import { renderDossierPdf } from '../../src/main/dossiers/document/render.ts';
import { startWebHost } from '../../src/web/server.ts';
import { ANALYST, tempDir, value, createProfile } from '../helpers/store.ts';
import { ARTEFACTS, browser, closeBrowser, openWorkstation, RENDERER_DIR, screenshot, setUpAndSync, setUpSupervisor } from './harness.ts';

after(() => Promise.all([closeBrowser(), closeChromium()]));

/** Text as pdftotext gives it, without the spaces and bidi marks it scatters in Arabic. */
const squash = (text: string): string => text.replace(/[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '');

function pdfText(dir: string, bytes: Buffer, name: string): string {
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, bytes);
  return squash(execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }));
}

/** How much of a drawn page is ink (not white): a blank canvas has none. */
async function ink(canvas: Locator): Promise<{ ink: number; total: number }> {
  return canvas.evaluate((element) => {
    const c = element as HTMLCanvasElement;
    const context = c.getContext('2d');
    // A canvas being released or redrawn has no pixels for a moment.
    if (!context || c.width === 0 || c.height === 0) return { ink: 0, total: 0 };
    const { data } = context.getImageData(0, 0, c.width, c.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 200 || (data[i + 1] ?? 255) < 200 || (data[i + 2] ?? 255) < 200) dark += 1;
    return { ink: dark, total: data.length / 4 };
  });
}

/** A canvas's ink once it has pixels again: one being redrawn is blank for a moment (up to 10 s allowed). */
async function settledInk(page: Page, canvas: Locator): Promise<{ ink: number; total: number }> {
  let measured = await ink(canvas);
  for (let waited = 0; measured.ink <= 2000 && waited < 10_000; waited += 250) {
    await page.waitForTimeout(250);
    measured = await ink(canvas);
  }
  return measured;
}

/** The window made tall enough for the whole tab (the screen scrolls inside the shell), then back. */
async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTEFACTS, { recursive: true });
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const height = await page.evaluate(() => (document.querySelector('.content')?.scrollHeight ?? 800) + 60);
  await page.setViewportSize({ width: viewport.width, height: Math.min(6000, Math.max(800, height)) });
  await page.waitForTimeout(300);
  await screenshot(page, name);
  await page.setViewportSize(viewport);
}

test('a case’s referral dossier: real pages, an identity only with a reason, export v1, history and answer, dashboard, Arabic', async (t) => {
  const server = await startIntakeServer({ seed: 12, count: 60 });
  t.after(() => server.close());
  server.appendReport({ category: 'child_sexual_exploitation' });
  const ws = await openWorkstation(t);
  const { page, core } = ws;
  await setUpAndSync(core, server);
  const db = core.unlockedStore().db;
  const pick = (where: string, limit: number): string[] => db.prepare(`SELECT id FROM reports WHERE ${where} ORDER BY rowid LIMIT ${limit}`).pluck().all() as string[];
  const identified = pick("reporter_mode = 'identified' AND category <> 'child_sexual_exploitation'", 2);
  const anonymous = pick("reporter_mode = 'anonymous' AND category <> 'child_sexual_exploitation'", 3);
  const cse = pick("category = 'child_sexual_exploitation'", 1);
  assert.equal(identified.length, 2, 'the reference feed has identified reporters');
  assert.equal(cse.length, 1, 'a report whose content is never shown');
  const reportIds = [...identified, ...anonymous, ...cse];
  // One of them is in analysis at another workstation: the export's confirmation says so, and confirming refers it.
  server.appendStatus({ reportId: anonymous[0]!, status: 'in_analysis', workstationId: 'ws-casa-02', acceptedAt: new Date().toISOString() });
  await value(core, 'sync.start');
  await core.syncIdle();
  const reporter = JSON.parse(db.prepare('SELECT v.payload FROM reports r JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision WHERE r.id = ?').pluck().get(identified[0]) as string) as {
    reporter: { full_name: string };
  };
  const name = reporter.reporter.full_name;
  const c = await value(core, 'cases.create', { title: 'Apologie du terrorisme — حساب يمجّد الإرهاب', reportIds });
  await value(core, 'notes.add', { target: { caseRef: c.ref }, text: 'Plusieurs comptes relaient les mêmes messages. الحسابات مرتبطة بنفس الشبكة.', summary: true });
  await value(core, 'notes.add', { target: { caseRef: c.ref }, text: '## Constat\n\nLe compte <b>relaie</b> http://evil.example/x', forDossier: true });
  const advice = await value(core, 'cases.suggestJurisdiction', { ref: c.ref });
  const courtId = advice.suggestion?.courtId ?? advice.courts[0]?.courtId;
  assert.ok(courtId);
  await value(core, 'cases.confirmJurisdiction', { ref: c.ref, courtId });

  // The previews the page receives, to read their PDF back.
  const previews: Buffer[] = [];
  let asks = 0;
  let arrived = 0;
  const previewCall = (url: string): boolean => url.endsWith('/api/invoke/dossiers.preview');
  page.on('request', (request) => {
    if (previewCall(request.url())) asks += 1;
  });
  page.on('response', (response) => {
    if (!previewCall(response.url())) return;
    void response
      .json()
      .then((body: { ok: boolean; value?: { pdfBase64: string } }) => {
        if (body.ok && body.value) previews.push(Buffer.from(body.value.pdfBase64, 'base64'));
      })
      .catch(() => {})
      .finally(() => {
        arrived += 1;
      });
  });
  /** No preview asked or on its way: past the screen's debounce, every one asked has come back. */
  const previewsSettled = async (): Promise<void> => {
    await page.waitForTimeout(1000);
    for (const until = Date.now() + 60_000; asks !== arrived && Date.now() < until; ) await page.waitForTimeout(100);
    assert.equal(asks, arrived, 'the previews asked came back');
  };
  const pdfDir = tempDir(t);

  await page.reload();
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();

  // Settings, as the supervisor: saved, and the core keeps them.
  const exportDir = tempDir(t);
  await page.keyboard.press('Alt+6');
  const settings = page.getByRole('region', { name: 'Dossier de transmission' });
  await settings.getByLabel('Service émetteur (français)').waitFor();
  await settings.getByLabel('Service émetteur (français)').fill('Brigade numérique de Rabat');
  await settings.getByLabel('Service émetteur (arabe)').fill('الفرقة الرقمية بالرباط');
  await settings.getByLabel('Mention de classification (français)').fill('DIFFUSION RESTREINTE');
  await settings.getByLabel('Mention de classification (arabe)').fill('نشر محدود');
  await settings.getByLabel('Jours sans réponse avant signalement').fill('0');
  await settings.getByLabel('Dossier d’export (un sous-dossier par version)').fill(exportDir);
  await settings.getByRole('button', { name: 'Enregistrer' }).click();
  await settings.getByText('Un nombre entier de jours, de 1 à 365.').waitFor();
  await settings.getByLabel('Jours sans réponse avant signalement').fill('15');
  await settings.getByRole('button', { name: 'Enregistrer' }).click();
  await settings.getByText('Réglages du dossier de transmission enregistrés.').waitFor();
  await settings.screenshot({ path: join(ARTEFACTS, 'dossier-settings-fr.png') });
  const saved = await value(core, 'dossiers.settings');
  assert.deepEqual(saved, {
    issuingService: { fr: 'Brigade numérique de Rabat', ar: 'الفرقة الرقمية بالرباط' },
    classification: { fr: 'DIFFUSION RESTREINTE', ar: 'نشر محدود' },
    answerDays: 15,
    exportDir,
  });

  // The case's dossier tab: the real pages, drawn.
  await page.keyboard.press('Alt+3');
  await page.getByRole('button', { name: `Ouvrir le dossier ${c.ref}` }).click();
  await page.getByRole('tab', { name: 'Dossier de transmission' }).click();
  const firstCanvas = page.locator('.dossier-page[data-page="1"] canvas[data-rendered]');
  await firstCanvas.waitFor({ timeout: 60_000 });
  const drawn = await ink(firstCanvas);
  assert.ok(drawn.ink > 2000 && drawn.ink < drawn.total * 0.6, `page 1 is drawn: ${drawn.ink} of ${drawn.total} pixels inked`);
  const pages = Number(await page.locator('.dossier-preview-pages').getAttribute('data-pages'));
  assert.ok(pages >= 2, `${pages} pages`);
  await page.getByText(`Page 1 sur ${pages}`).waitFor();
  // Lazily drawn: the last page is not drawn before it is near the view.
  if (pages > 3) assert.equal(await page.locator(`.dossier-page[data-page="${pages}"] canvas`).count(), 0, 'the last page waits to be near the view');
  // No qualification was proposed: the warning says so; export waits for "ready".
  await page.locator('[data-warning="no_qualification"]').getByText('Aucune qualification juridique n’est proposée.').waitFor();
  const exportButton = page.getByRole('button', { name: 'Exporter la version 1' });
  assert.equal(await exportButton.isDisabled(), true);
  await page.getByText(/le dossier doit d’abord être marqué « Prêt pour le renvoi »/).waitFor();
  // Content never shown and anonymous reports say so; an anonymous report has no identity to tick.
  await page.locator(`[data-report="${cse[0]}"]`).getByText('contenu jamais affiché').waitFor();
  await page.locator('.dossier-never-shown-hint').getByText('Jamais pour un contenu jamais affiché').waitFor();
  await page.locator(`[data-report="${anonymous[0]}"]`).getByText('anonyme').waitFor();
  assert.equal(await page.locator(`[data-report="${anonymous[0]}"] .dossier-identity`).count(), 0);
  const firstText = pdfText(pdfDir, previews.at(-1)!, 'preview-1');
  assert.ok(firstText.includes(c.ref), 'the preview is this case’s dossier');
  assert.ok(!firstText.includes(squash(name)), 'no identity by default');
  await screenshot(page, 'dossier-preview-fr');

  // Marked ready in the header: export becomes possible.
  await page.getByRole('button', { name: 'Passer en analyse' }).click();
  await page.getByRole('button', { name: 'Marquer prêt pour le renvoi' }).click();
  await exportButton.and(page.locator(':enabled')).waitFor();

  // An identity without a reason: refused inline, export blocked, no preview asked.
  await previewsSettled();
  const asked = previews.length;
  await page.getByRole('checkbox', { name: `Inclure l’identité du signalant de ${identified[0]}` }).check();
  await page.getByText('Donnez le motif en quelques mots : au moins 3 mots ou 10 lettres (la ponctuation et les lettres répétées ne comptent pas). L’identité n’est incluse qu’avec un motif.').waitFor();
  assert.equal(await exportButton.isDisabled(), true);
  await page.getByText('Corrigez les choix signalés avant d’exporter.').waitFor();
  await screenshot(page, 'dossier-identity-reason-fr');
  await page.waitForTimeout(1500);
  assert.equal(previews.length, asked, 'no preview while a reason is missing');
  // With a reason: the preview is rendered again, with this reporter's name only.
  await page.getByLabel(`Motif de l’inclusion de l’identité du signalant de ${identified[0]}`).fill('Le parquet doit pouvoir entendre la victime');
  await page.getByText('Consigné dans le journal d’audit et l’historique du dossier à l’export.').waitFor();
  const deadline = Date.now() + 60_000;
  while (previews.length === asked && Date.now() < deadline) await page.waitForTimeout(200);
  assert.ok(previews.length > asked, 'the preview was asked again');
  const withIdentity = pdfText(pdfDir, previews.at(-1)!, 'preview-identity');
  assert.ok(withIdentity.includes(squash(name)), 'the included identity is in the preview');
  await page.locator('.dossier-page[data-page="1"] canvas[data-rendered]').waitFor();
  await page.locator('.dossier-preview-status').getByText('Aperçu non signé : la version exportée est signée et scellée.').waitFor();

  // Every report unticked: said, nothing to export; ticked again, the identity and its reason are as they were left.
  await page.getByRole('button', { name: 'Tout décocher : Signalements' }).click();
  await page.getByText('Cochez au moins un signalement : un dossier en contient au moins un.').waitFor();
  assert.equal(await exportButton.isDisabled(), true);
  await page.getByRole('button', { name: 'Tout cocher : Signalements' }).click();
  assert.equal(await page.getByLabel(`Motif de l’inclusion de l’identité du signalant de ${identified[0]}`).inputValue(), 'Le parquet doit pouvoir entendre la victime');
  assert.equal(await exportButton.isDisabled(), false);

  // French: the document changes language; back to Arabic, the courts' language.
  await previewsSettled();
  const before = previews.length;
  await page.getByRole('radio', { name: 'Français' }).check();
  // A preview asked just before (the reports ticked again) may still arrive: the French one is the one without the Arabic title.
  let french = '';
  for (let seen = before, until = Date.now() + 60_000; !french && Date.now() < until; ) {
    if (previews.length > seen) {
      const text = pdfText(pdfDir, previews[seen]!, `preview-${seen}`);
      if (!text.includes(squash('ملف الإحالة'))) french = text;
      seen += 1;
    } else await page.waitForTimeout(200);
  }
  assert.ok(french.includes(c.ref), 'the preview in French');
  assert.ok(french.includes(squash(name)), 'the identity still included');
  await page.getByRole('radio', { name: 'Arabe (langue des juridictions)' }).check();

  // 100 %: a page at its real size (A4 is 595 pt, 794 CSS px), wider than the column, scrolled to from its start.
  await page.getByRole('button', { name: '100 %' }).click();
  await page.waitForFunction(() => Math.round(document.querySelector('.dossier-page[data-page="1"]')?.getBoundingClientRect().width ?? 0) >= 790);
  const column = await page.locator('.dossier-pages').evaluate((el) => ({ scrollLeft: el.scrollLeft, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  assert.ok(column.scrollWidth > column.clientWidth && column.scrollLeft === 0, JSON.stringify(column));
  const pageBox = await page.locator('.dossier-page[data-page="1"]').boundingBox();
  const columnBox = await page.locator('.dossier-pages').boundingBox();
  assert.ok(pageBox && columnBox && pageBox.x >= columnBox.x, 'the page starts inside the column, not out of reach');
  await page.getByRole('button', { name: 'Pleine largeur' }).click();

  // Export: the confirmation says what happens, then the result.
  await exportButton.click();
  const dialog = page.getByRole('dialog', { name: 'Exporter la version 1 du dossier de transmission' });
  await dialog.getByText('Une nouvelle version v1 est produite').waitFor();
  await dialog.getByText('passent à « transmis »').waitFor();
  await dialog.getByText('L’identité de 1 signalant est incluse').waitFor();
  const held = dialog.locator('.dossier-confirm-held');
  await held.getByText('1 de ces signalements est pris en charge par un autre poste').waitFor();
  assert.equal(await held.textContent(), '1 de ces signalements est pris en charge par un autre poste (\u2068ws-casa-02\u2069) : il sera transmis lui aussi.');
  await screenshot(page, 'dossier-export-confirm-held-fr');
  await dialog.getByRole('button', { name: 'Exporter', exact: true }).click();
  const result = page.locator('.dossier-result');
  await result.getByText('Version 1 exportée.').waitFor({ timeout: 90_000 });
  const history = await value(core, 'dossiers.history', { ref: c.ref });
  const v1 = history.versions[0]!;
  assert.equal(v1.version, 1);
  assert.deepEqual(db.prepare('SELECT status, status_workstation FROM reports WHERE id = ?').get(anonymous[0]), { status: 'referred', status_workstation: 'ws-rabat-03' }, 'confirmed, so taken over and referred');
  assert.deepEqual(v1.identities, [{ reportId: identified[0], reason: 'Le parquet doit pouvoir entendre la victime' }]);
  const shownHash = (await result.locator('.dossier-hash').textContent()) ?? '';
  assert.equal(shownHash, v1.manifestSha256);
  const hashBox = await result.locator('.dossier-hash').boundingBox();
  assert.ok(hashBox && hashBox.height < 30, 'the manifest hash is on one line');
  const paths = await result.locator('.dossier-path').allTextContents();
  assert.ok(paths.includes(`${c.ref}/v1`), 'the reference');
  for (const path of paths.filter((p) => p.startsWith(exportDir))) assert.ok(existsSync(path), path);
  assert.ok(paths.some((p) => p.endsWith('.pdf') && p.startsWith(exportDir)), 'the PDF path');
  assert.ok(paths.some((p) => p.endsWith('.zip') && p.startsWith(exportDir)), 'the zip path');
  // The case is referred, and the next version is v2; the preview is drawn again for it, without a failure.
  await page.locator('.case-ref .cs-status-referred').waitFor();
  await page.getByRole('button', { name: 'Exporter la version 2' }).waitFor();
  await page.locator('.dossier-preview-status').getByText('Aperçu non signé : la version exportée est signée et scellée.').waitFor({ timeout: 60_000 });
  await page.locator('.dossier-page[data-page="1"] canvas[data-rendered]').waitFor();
  assert.equal(await page.locator('.dossier-preview .notice-error').count(), 0, 'no preview failure');

  // The history lists v1 with its identity and reason; waiting for an answer.
  const version = page.locator('.dossier-version[data-version="1"]');
  await version.getByText(`${c.ref}/v1`).waitFor();
  await version.getByText('Le parquet doit pouvoir entendre la victime').waitFor();
  await page.locator('.dossier-waiting').getByText(/En attente de réponse depuis 0 jour/).waitFor();
  await shoot(page, 'dossier-exported-fr');

  // An answer: the decision is required; then recorded and listed.
  const form = page.locator('.dossier-answer-form');
  await form.getByRole('button', { name: 'Enregistrer la réponse' }).click();
  await form.getByText('Choisissez la décision reçue.').waitFor();
  await form.getByLabel('Décision').selectOption('investigation_opened');
  await form.getByLabel('Référence de la police ou du parquet (facultatif)').fill('PV 1234/2026');
  await form.getByLabel('Note (facultatif)').fill('Enquête confiée à la brigade de Rabat.');
  await form.getByRole('button', { name: 'Enregistrer la réponse' }).click();
  await form.getByText('Réponse enregistrée.').waitFor();
  const answer = page.locator('.dossier-answer[data-decision="investigation_opened"]');
  await answer.getByText('Enquête ouverte').waitFor();
  await answer.getByText('PV 1234/2026').waitFor();
  assert.equal(await page.locator('.dossier-waiting').count(), 0, 'answered: no longer waiting');
  const answers = (await value(core, 'dossiers.history', { ref: c.ref })).answers;
  assert.deepEqual(
    answers.map((a) => [a.decision, a.reference, a.text, a.version]),
    [['investigation_opened', 'PV 1234/2026', 'Enquête confiée à la brigade de Rabat.', 1]],
  );
  await answer.scrollIntoViewIfNeeded();
  await shoot(page, 'dossier-history-fr');

  // The dashboard's referral figures.
  await page.keyboard.press('Alt+2');
  const figures = page.getByRole('region', { name: 'Suivi des transmissions' });
  await figures.locator('[data-figure="referred"] .dash-figure-value').getByText('1', { exact: true }).waitFor();
  await figures.locator('[data-figure="answered"] .dash-figure-value').getByText('1', { exact: true }).waitFor();
  await figures.locator('[data-figure="waiting"] .dash-figure-value').getByText('0', { exact: true }).waitFor();
  await figures.getByText('depuis plus de 15 jours').waitFor();
  await screenshot(page, 'dossier-dashboard-fr');

  // Arabic: mirrored, ids and hashes left to right, the pages drawn again.
  await page.getByRole('button', { name: 'العربية' }).first().click();
  await page.keyboard.press('Alt+3');
  await page.getByRole('button', { name: new RegExp(c.ref) }).first().click();
  await page.getByRole('tab', { name: 'ملف الإحالة' }).click();
  await page.locator('.dossier-page[data-page="1"] canvas[data-rendered]').waitFor({ timeout: 60_000 });
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  await page.getByRole('button', { name: 'تصدير النسخة 2' }).waitFor();
  await page.locator('.dossier-version[data-version="1"]').getByText('فتح بحث').or(page.locator('.dossier-answer').getByText('فتح بحث')).first().waitFor();
  assert.equal(await page.locator('.dossier-version .dossier-hash').first().getAttribute('dir'), 'ltr');
  const side = await page.locator('.dossier-side').boundingBox();
  const preview = await page.locator('.dossier-preview').boundingBox();
  assert.ok(side && preview && side.x > preview.x, 'the choices are on the right in Arabic');
  assert.equal(await page.locator('.dossier-preview .notice-error').count(), 0, 'no preview failure');
  await shoot(page, 'dossier-ar');
  await page.locator('.dossier-answer').first().screenshot({ path: join(ARTEFACTS, 'dossier-answer-ar.png') });
  assert.deepEqual(ws.foreignRequests, []);
  assert.deepEqual(ws.pageErrors, []);
});

test('an analyst reads the dossier settings without being able to change them', async (t) => {
  const ws = await openWorkstation(t);
  const { page, core } = ws;
  await setUpSupervisor(page);
  await createProfile(core, ANALYST);
  await page.getByRole('button', { name: 'Verrouiller', exact: true }).click();
  await page.getByLabel('Nom de connexion', { exact: true }).fill(ANALYST.name);
  await page.getByLabel('Phrase secrète', { exact: true }).fill(ANALYST.passphrase);
  await page.getByRole('button', { name: 'Déverrouiller' }).click();
  await page.getByRole('navigation', { name: 'التنقل الرئيسي' }).waitFor();
  await page.keyboard.press('Alt+6');
  const section = page.getByRole('region', { name: 'ملف الإحالة' });
  await section.getByText('لا يمكن تعديل هذه الإعدادات إلا للمشرف.').waitFor();
  assert.equal(await section.locator('input, select, textarea, button').count(), 0, 'nothing to edit');
  const saved = await value(core, 'dossiers.settings');
  await section.getByText(saved.classification.ar, { exact: true }).waitFor();
  assert.equal(await section.locator('bdi.mono').first().getAttribute('dir'), 'ltr');
  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: join(ARTEFACTS, 'dossier-settings-analyst-ar.png') });
  // The core refuses the change whatever the screen shows.
  const refused = await core.dispatch('dossiers.updateSettings', saved);
  assert.equal(refused.ok ? null : refused.error.code, 'FORBIDDEN');
  assert.deepEqual(ws.pageErrors, []);
});

test('a rendering failure: said in the analyst’s language, the previous pages kept, then tried again', async (t) => {
  // The core's own renderer (the system Chromium), made to fail on demand as a crashed or missing one would.
  let failing = false;
  const core = createCore({
    storeDir: tempDir(t),
    host: 'cli',
    version: 'test',
    scrypt: TEST_SCRYPT,
    dossierPdf: async (rendered) => {
      if (failing) throw new Error('Chromium exited with signal SIGKILL');
      return renderDossierPdf(rendered);
    },
  });
  t.after(() => core.close());
  const server = await startIntakeServer({ seed: 5, count: 12 });
  t.after(() => server.close());
  await setUpAndSync(core, server);
  const ids = core.unlockedStore().db.prepare("SELECT id FROM reports WHERE category <> 'child_sexual_exploitation' ORDER BY rowid LIMIT 3").pluck().all() as string[];
  const c = await value(core, 'cases.create', { title: 'Menaces en ligne', reportIds: ids });
  const host = await startWebHost({ core, rendererDir: RENDERER_DIR });
  t.after(() => host.close());
  const context = await (await browser()).newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
  t.after(() => context.close());
  const page = await context.newPage();
  const foreign: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(`${host.origin}/`)) foreign.push(request.url());
  });
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
  await page.keyboard.press('Alt+3');
  await page.getByRole('button', { name: `Ouvrir le dossier ${c.ref}` }).click();
  await page.getByRole('tab', { name: 'Dossier de transmission' }).click();
  const canvas = page.locator('.dossier-page[data-page="1"] canvas[data-rendered]');
  await canvas.waitFor({ timeout: 60_000 });

  failing = true;
  await page.getByRole('radio', { name: 'Français' }).check();
  const failure = page.locator('.dossier-preview-failure');
  await failure.getByText('Le dossier n’a pas pu être produit : le moteur de rendu est absent ou a échoué. Rien n’a été exporté.').waitFor({ timeout: 30_000 });
  // The previous pages stay (a canvas may be redrawn for a moment while the failed render settles).
  assert.ok((await settledInk(page, canvas)).ink > 2000, 'the previous pages stay drawn');
  await page.locator('.dossier-preview-status').getByText('Les pages ci-dessous sont celles des choix précédents.').waitFor();
  await screenshot(page, 'dossier-render-failed-fr');

  failing = false;
  await failure.getByRole('button', { name: 'Réessayer' }).click();
  await page.locator('.dossier-preview-status').getByText('Aperçu non signé : la version exportée est signée et scellée.').waitFor({ timeout: 60_000 });
  assert.equal(await failure.count(), 0);
  assert.ok((await settledInk(page, page.locator('.dossier-page[data-page="1"] canvas[data-rendered]'))).ink > 2000, 'the new pages are drawn');
  assert.deepEqual(foreign, []);
});
