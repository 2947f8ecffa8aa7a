/**
 * Cases as an analyst works them, in Chromium against the real core and a
 * reference intake service on loopback: a case created from reports (with a
 * proposed qualification), notes (one hostile: markup, a script, an image
 * that would load, a javascript: link, bidi controls, 100 kB of text) that
 * run and load nothing and keep the layout, an edit conflict that keeps both
 * texts, status moves with reasons, qualification, jurisdiction, observables
 * shown defanged, the timeline, the list with its keyboard, Arabic, and the
 * legal qualification table in Settings. Screenshots are kept.
 */
import assert from 'node:assert/strict';
import { after, test, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { startIntakeServer, type IntakeServer } from '../../src/intake/server.ts';
import { utcSeconds, type ReportPayload } from '../../src/intake/contract.ts';
import { defangUrl } from '../../src/shared/defang.ts';
import { SUPERVISOR, value } from '../helpers/store.ts';
import { closeBrowser, openWorkstation, screenshot, setUpAndSync, type Workstation } from './harness.ts';

after(() => closeBrowser());

const RLO = '\u202E';
const EVIL_URL = 'https://evil.example/login.php?next=https://bank.example/';
const EVIL_MAIL = 'arnaque@evil.example';

/** A fraud report whose content points at a hostile URL and an e-mail address. */
function appendHostileReport(server: IntakeServer): string {
  const donor = JSON.parse(server.appendReport({ category: 'fraud' }).payload) as ReportPayload;
  const n = Number(donor.id.slice(9)) + 1;
  const id = `${donor.id.slice(0, 9)}${String(n).padStart(7, '0')}`;
  const at = Date.parse(donor.updated_at) + 60_000;
  const payload = {
    ...donor,
    id,
    submitted_at: utcSeconds(at),
    updated_at: utcSeconds(at),
    attachments: [],
    content: {
      ...donor.content,
      urls: [EVIL_URL],
      platform: 'website',
      description: `Paiement demandé sur ${EVIL_URL}, contact ${EVIL_MAIL} <img src=x onerror=alert(1)>`,
    },
  };
  server.appendRaw('report', JSON.stringify(payload));
  return id;
}

const HOSTILE_NOTE = [
  '# Analyse <script>window.__pwned = 1; alert("script")</script>',
  '',
  '<img src=x onerror="window.__pwned = 2; alert(2)">',
  '',
  '[cliquer ici](javascript:alert(3)) et [lien](https://evil.example/track)',
  '',
  '![pixel](https://evil.example/pixel.png)',
  '',
  `Fichier : facture${RLO}fdp.exe — <iframe src="https://evil.example/"></iframe>`,
  '',
  'X'.repeat(100_000 - 400),
].join('\n');

/** No element of the page is wider than the window: nothing overflows sideways. */
async function assertNoHorizontalOverflow(page: Page, where: string): Promise<void> {
  const sizes = await page.evaluate(() => {
    const content = document.querySelector('.content');
    return {
      doc: document.documentElement.scrollWidth,
      view: document.documentElement.clientWidth,
      content: content ? content.scrollWidth - content.clientWidth : 0,
    };
  });
  assert.ok(sizes.doc <= sizes.view, `${where}: the page is ${sizes.doc}px wide in a ${sizes.view}px window`);
  assert.ok(sizes.content <= 1, `${where}: the content area overflows sideways by ${sizes.content}px`);
}

async function nothingRan(page: Page, ws: Workstation, dialogs: string[], where: string): Promise<void> {
  const state = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: number }).__pwned ?? 0,
    scripts: document.querySelectorAll('.case script, .case iframe, .case img, .case a[href^="javascript"]').length,
  }));
  assert.equal(state.pwned, 0, `${where}: injected code ran`);
  assert.equal(state.scripts, 0, `${where}: an injected element exists`);
  assert.deepEqual(dialogs, [], `${where}: a dialog opened`);
  assert.deepEqual(ws.foreignRequests, [], `${where}: a request left the workstation`);
}

async function setUp(t: TestContext): Promise<{ ws: Workstation; hostileId: string; reportIds: string[] }> {
  const server = await startIntakeServer({ seed: 23, count: 60, attachments: 0 });
  t.after(() => server.close());
  const hostileId = appendHostileReport(server);
  const ws = await openWorkstation(t);
  await value(ws.core, 'session.setup', SUPERVISOR);
  await value(ws.core, 'intake.update', { url: server.url, token: server.token, publicKeyPem: server.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 });
  await value(ws.core, 'sync.start');
  await ws.core.syncIdle();
  const page = await value(ws.core, 'queue.query', { filters: { category: ['fraud'] }, sort: { key: 'submittedAt', dir: 'asc' }, limit: 3 });
  const reportIds = [...new Set([hostileId, ...page.rows.map((row) => row.id)])].slice(0, 3);
  assert.equal(reportIds.length, 3);
  await ws.page.reload();
  await ws.page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
  return { ws, hostileId, reportIds };
}

test('a case from reports: notes (hostile ones inert), status with reasons, qualification, jurisdiction, observables, timeline, list, Arabic', async (t) => {
  const { ws, hostileId, reportIds } = await setUp(t);
  const { page } = ws;
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  // The empty cases screen, then a new case from three reports with a proposed qualification.
  await page.keyboard.press('Alt+3');
  await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
  await page.getByRole('button', { name: 'Nouveau dossier' }).click();
  const create = page.getByRole('dialog', { name: 'Nouveau dossier' });
  await create.getByLabel('Titre du dossier').fill('Escroquerie au faux paiement bancaire');
  await create.getByLabel('Signalements (facultatif)').fill(reportIds.join(' ; '));
  await create.getByText('3 identifiants reconnus').waitFor();
  const firstQualification = create.locator('.cs-qualif-item').first();
  const firstCode = ((await firstQualification.locator('.cs-qualif-code').textContent()) ?? '').trim();
  await firstQualification.locator('input').check();
  await screenshot(page, 'cases-new-fr');
  await create.getByRole('button', { name: 'Créer le dossier' }).click();

  const heading = page.getByRole('heading', { level: 1, name: 'Escroquerie au faux paiement bancaire' });
  await heading.waitFor();
  const ref = ((await page.locator('.case-ref bdi').first().textContent()) ?? '').trim();
  assert.match(ref, /^DOS-\d{4}-[A-Z0-9]+-\d{5}$/);
  for (const id of reportIds) await page.getByRole('button', { name: `Ouvrir le signalement ${id}` }).waitFor();
  await page.locator('.cs-report-table td').filter({ hasText: 'Escroquerie en ligne' }).first().waitFor();
  await screenshot(page, 'cases-reports-fr');

  // A report opens in the report panel beside the list; its hostile text stays text.
  await page.getByRole('button', { name: `Ouvrir le signalement ${hostileId}` }).click();
  await page.locator('.cs-report-panel .report-panel').waitFor();
  await page.locator('.cs-report-panel').getByRole('heading', { level: 2 }).filter({ hasText: hostileId }).waitFor();
  await assertNoHorizontalOverflow(page, 'report panel');
  await screenshot(page, 'cases-report-panel-fr');
  await nothingRan(page, ws, dialogs, 'report panel');

  // Notes: a plain one for the dossier, then the hostile one.
  await page.getByRole('tab', { name: 'Notes' }).click();
  const editor = page.getByLabel('Nouvelle note');
  await editor.fill(`Résumé : **trois** signalements, même faux site de paiement (voir #${hostileId}).`);
  await page.getByLabel('Pour le dossier de renvoi').check();
  await page.getByLabel('Résumé des faits du dossier').check();
  await page.getByRole('button', { name: 'Ajouter la note' }).click();
  await page.locator('.cs-note-summary').waitFor();
  await editor.fill(HOSTILE_NOTE);
  await page.getByRole('button', { name: 'Ajouter la note' }).click();
  await page.getByRole('heading', { name: '2 notes' }).waitFor();
  const hostile = page.locator('.cs-note').filter({ hasText: 'onerror' });
  await hostile.waitFor();
  await page.waitForTimeout(300);
  await nothingRan(page, ws, dialogs, 'notes');
  await assertNoHorizontalOverflow(page, 'notes');
  assert.ok((await hostile.textContent())?.includes('cliquer ici'), 'the javascript: link shows as text');
  await hostile.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'cases-notes-hostile-fr');

  // A report named in a note opens beside the case's reports.
  await page.locator('.cs-note-summary .cs-note-body button').filter({ hasText: hostileId }).click();
  await page.locator('.cs-report-panel').getByRole('heading', { level: 2 }).filter({ hasText: hostileId }).waitFor();
  await page.getByRole('tab', { name: 'Notes' }).click();

  // An edit conflict: someone else saves the note while this editor is open; both texts are kept.
  const plain = page.locator('.cs-note-summary');
  await plain.getByRole('button', { name: 'Modifier' }).click();
  const notes = await value(ws.core, 'notes.list', { target: { caseRef: ref } });
  const summary = notes.find((note) => note.summary);
  assert.ok(summary);
  await value(ws.core, 'notes.edit', { noteId: summary.id, text: 'Version écrite ailleurs entre-temps.', baseRevision: summary.revision });
  await plain.getByLabel('Texte de la note').fill('Ma version, écrite en même temps.');
  await plain.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByText('Quelqu’un d’autre a modifié cette note entre-temps').waitFor();
  await page.locator('.cs-note-summary .cs-revisions summary').click();
  await page.locator('.cs-note-summary .cs-revision').filter({ hasText: 'Version écrite ailleurs' }).waitFor();
  await page.locator('.cs-note-summary .cs-revision').filter({ hasText: 'Ma version, écrite en même temps.' }).waitFor();
  await screenshot(page, 'cases-note-conflict-fr');

  // Status: into analysis (no reason), then closing asks for a reason of a few words.
  await page.getByRole('button', { name: 'Passer en analyse' }).click();
  await page.locator('.case-ref .cs-status').filter({ hasText: 'En analyse' }).waitFor();
  await page.getByRole('button', { name: 'Clore', exact: true }).click();
  const closing = page.getByRole('dialog', { name: `Clore le dossier ${ref}` });
  await closing.getByLabel('Motif').fill('..');
  await closing.getByRole('button', { name: 'Clore' }).click();
  await closing.getByText('Donnez le motif en quelques mots').waitFor();
  await closing.getByLabel('Motif').fill('Doublon du dossier ouvert par la brigade de Casablanca');
  await closing.getByRole('button', { name: 'Clore' }).click();
  await page.locator('.case-ref .cs-status').filter({ hasText: 'Clos' }).waitFor();
  await page.getByText('Motif de clôture : Doublon du dossier').waitFor();
  await page.getByRole('button', { name: 'Rouvrir' }).click();
  const reopening = page.getByRole('dialog', { name: `Rouvrir le dossier ${ref}` });
  await reopening.getByLabel('Motif').fill('Nouveaux signalements liés reçus');
  await reopening.getByRole('button', { name: 'Rouvrir' }).click();
  await page.locator('.case-ref .cs-status').filter({ hasText: 'Ouvert' }).waitFor();

  // Qualification: the table's note always shown; add a second entry.
  await page.getByRole('tab', { name: /Qualification/ }).click();
  await page.locator('.cs-qualif-card').filter({ hasText: firstCode }).waitFor();
  await page.getByRole('button', { name: 'Modifier les qualifications' }).click();
  const second = page.locator('.cs-qualif-item').filter({ hasNot: page.locator('input:checked') }).first();
  const secondCode = ((await second.locator('.cs-qualif-code').textContent()) ?? '').trim();
  await second.locator('input').check();
  await page.getByRole('button', { name: 'Enregistrer (2 qualifications)' }).click();
  await page.locator('.cs-qualif-card').filter({ hasText: secondCode }).waitFor();
  assert.ok(await page.locator('.cs-legal-note').filter({ hasText: 'parquet' }).count(), 'the note that the prosecutor assesses is shown');
  await screenshot(page, 'cases-qualification-fr');

  // Jurisdiction: the suggestion says why; confirming it records who and when.
  await page.getByRole('tab', { name: 'Juridiction' }).click();
  await page.locator('.cs-jur-suggestion .cs-jur-reason').waitFor();
  const reason = (await page.locator('.cs-jur-suggestion .cs-jur-reason').textContent()) ?? '';
  assert.ok(reason.length > 10 && !reason.includes('cases.'), `a phrased reason: ${reason}`);
  const confirm = page.getByRole('button', { name: 'Confirmer cette juridiction' });
  if (await confirm.count()) {
    await confirm.click();
  } else {
    await page.getByLabel('Choisir un autre tribunal').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Retenir ce tribunal' }).click();
  }
  await page.locator('.cs-jur-confirmed').getByText(SUPERVISOR.name).waitFor();
  await screenshot(page, 'cases-jurisdiction-fr');

  // Observables: URL and e-mail defanged, inert; a value refused with a clear message; one added.
  await page.getByRole('tab', { name: 'Observables' }).click();
  const table = page.locator('.cs-obs-table');
  await table.waitFor();
  const shown = (await table.textContent()) ?? '';
  assert.ok(shown.includes('hxxps[://]evil[.]example'), `the URL is defanged: ${shown.slice(0, 400)}`);
  assert.ok(!shown.includes('https://evil.example'), 'no live URL');
  assert.ok(!shown.includes(EVIL_MAIL), 'the e-mail is defanged');
  assert.equal(await table.locator('a').count(), 0);
  await table.getByText(/vu dans 1 signalement et 1 dossier/).first().waitFor();
  await page.getByLabel('Type', { exact: true }).last().selectOption('ip');
  await page.getByLabel('Valeur', { exact: true }).fill('pas une adresse');
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await page.getByText('Valeur refusée').waitFor();
  await page.getByLabel('Type', { exact: true }).last().selectOption('domain');
  await page.getByLabel('Valeur', { exact: true }).fill('paiement-securise.example');
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await table.getByText('paiement-securise[.]example').waitFor();
  const row = table.locator('tr').filter({ hasText: 'paiement-securise[.]example' });
  await row.getByLabel('Verdict').selectOption('malicious');
  await row.getByLabel('Ajouter une étiquette').fill('phishing');
  await row.getByLabel('Ajouter une étiquette').press('Enter');
  await row.locator('.cs-chip').filter({ hasText: 'phishing' }).waitFor();
  await assertNoHorizontalOverflow(page, 'observables');
  await screenshot(page, 'cases-observables-fr');

  // Timeline: every step, translated, with who.
  await page.getByRole('tab', { name: 'Historique' }).click();
  for (const kind of ['Dossier ouvert', 'Statut changé', 'Note ajoutée', 'Juridiction retenue']) await page.locator('.cs-event-kind').filter({ hasText: kind }).first().waitFor();
  await screenshot(page, 'cases-timeline-fr');

  // Back to the list: the case is there, with counts; keyboard opens it again.
  await page.getByRole('button', { name: 'Retour aux dossiers' }).click();
  const grid = page.locator('.cs-grid');
  await grid.locator('[role="row"]').filter({ hasText: ref }).waitFor();
  await page.getByText('1 dossier', { exact: true }).waitFor();
  // At 1280 px the filters start folded, to leave the grid its columns.
  const filters = page.getByRole('button', { name: 'Filtres', exact: true });
  assert.equal(await filters.getAttribute('aria-expanded'), 'false');
  await filters.click();
  await page.locator('.cs-option').filter({ hasText: 'Ouvert' }).locator('.cs-option-count').filter({ hasText: '1' }).waitFor();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'cs-search-input');
  await page.keyboard.type('faux paiement');
  await page.keyboard.press('Enter');
  await grid.locator('[role="row"]').filter({ hasText: ref }).waitFor();
  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await heading.waitFor();
  await page.getByRole('button', { name: 'Retour aux dossiers' }).click();
  await grid.waitFor();
  await assertNoHorizontalOverflow(page, 'list');
  await screenshot(page, 'cases-list-fr');

  // Arabic: mirrored, plural forms, the same case.
  await page.getByRole('button', { name: 'العربية' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'القضايا' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  await page.getByText('قضية واحدة', { exact: true }).waitFor();
  await assertNoHorizontalOverflow(page, 'list ar');
  await screenshot(page, 'cases-list-ar');
  await grid.getByRole('button', { name: `فتح القضية ${ref}` }).click();
  await page.getByRole('tab', { name: 'الملاحظات' }).click();
  await page.locator('.cs-note').first().waitFor();
  await nothingRan(page, ws, dialogs, 'notes ar');
  await assertNoHorizontalOverflow(page, 'notes ar');
  await screenshot(page, 'cases-notes-ar');
  await page.getByRole('tab', { name: 'الاختصاص' }).click();
  await page.locator('.cs-jur-confirmed').waitFor();
  await page.locator('.cs-jur-suggestion .cs-jur-reason').waitFor();
  await screenshot(page, 'cases-jurisdiction-ar');
  await page.getByRole('tab', { name: 'المؤشرات' }).click();
  await page.locator('.cs-obs-table').waitFor();
  await screenshot(page, 'cases-observables-ar');
  await page.getByRole('tab', { name: 'السجل' }).click();
  await page.locator('.cs-event').first().waitFor();
  await screenshot(page, 'cases-timeline-ar');

  await nothingRan(page, ws, dialogs, 'end');
  assert.deepEqual(ws.pageErrors, []);
});

test('a case of many observables: the first 200, "show more", the rarest first, one type, in French and in Arabic', async (t) => {
  const server = await startIntakeServer({ seed: 29, count: 260, attachments: 0 });
  t.after(() => server.close());
  const ws = await openWorkstation(t);
  const { page } = ws;
  await setUpAndSync(ws.core, server);
  const ids = ws.core.unlockedStore().db.prepare('SELECT id FROM reports ORDER BY rowid LIMIT 250').pluck().all() as string[];
  const { ref } = await value(ws.core, 'cases.create', { title: 'Réseau de faux sites de paiement', reportIds: ids });
  const widespread = await value(ws.core, 'observables.page', { caseRef: ref, limit: 500 });
  const total = widespread.total;
  assert.ok(total > 200 && total <= 500, `a case of more than one page of observables (${total})`);
  const rare = await value(ws.core, 'observables.page', { caseRef: ref, order: 'rare', limit: 1 });
  const shownValue = (row: { type: string; value: string }) => (['url', 'domain', 'email', 'invite_link'].includes(row.type) ? defangUrl(row.value) : row.value);
  const number = (n: number, locale: string) => new Intl.NumberFormat(locale).format(n);

  await page.reload();
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
  await page.keyboard.press('Alt+3');
  await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
  await page.getByRole('button', { name: `Ouvrir le dossier ${ref}` }).click();
  await page.getByRole('tab', { name: 'Observables' }).click();
  const table = page.locator('.cs-obs-table');
  const lines = table.locator('tbody tr');
  await table.waitFor();
  assert.equal(await lines.count(), 200, 'the first page');
  await page.getByText(`200 affichés sur ${number(total, 'fr-MA')} observables`).waitFor();
  const order = page.getByRole('group', { name: 'Ordre des observables' });
  assert.equal(await order.getByRole('button', { name: 'Les plus répandus' }).getAttribute('aria-pressed'), 'true');
  assert.equal(((await lines.first().locator('.cs-obs-value').textContent()) ?? '').trim(), shownValue(widespread.rows[0]!));
  const types = page.getByRole('group', { name: 'Types d’observables' });
  await types.getByRole('button', { name: `Tous ${number(total, 'fr-MA')}` }).waitFor();

  // Show more: the rest appended after the first 200, in the same order.
  await page.getByRole('button', { name: `Afficher ${number(Math.min(200, total - 200), 'fr-MA')} observables de plus` }).click();
  await page.getByText(`${number(total, 'fr-MA')} affichés sur ${number(total, 'fr-MA')} observables`).waitFor();
  assert.equal(await lines.count(), total);
  assert.equal(((await lines.nth(200).locator('.cs-obs-value').textContent()) ?? '').trim(), shownValue(widespread.rows[200]!));
  assert.equal(await page.locator('.cs-more').count(), 0, 'nothing more to show');
  await assertNoHorizontalOverflow(page, 'observables, all shown');
  const toTop = () => page.evaluate(() => document.querySelector('.content')?.scrollTo(0, 0));
  await toTop();
  await screenshot(page, 'cases-observables-more-fr');

  // The rarest first: back to one page.
  await order.getByRole('button', { name: 'Les plus rares' }).click();
  await page.getByText(`200 affichés sur ${number(total, 'fr-MA')} observables`).waitFor();
  assert.equal(await lines.count(), 200);
  assert.equal(((await lines.first().locator('.cs-obs-value').textContent()) ?? '').trim(), shownValue(rare.rows[0]!));
  await lines.first().getByText(/vu dans 1 signalement et 1 dossier/).waitFor();

  // One type: its chip's count, only its rows.
  const [type, count] = Object.entries(widespread.byType).sort(([, x], [, y]) => (x ?? 0) - (y ?? 0))[0]!;
  const label = ({ url: 'URL', domain: 'Domaine', ip: 'Adresse IP', email: 'E-mail', phone: 'Téléphone', handle: 'Compte', crypto_address: 'Adresse crypto', bank_account: 'Compte bancaire (RIB)', invite_link: 'Lien d’invitation' } as Record<string, string>)[type]!;
  const chip = types.getByRole('button', { name: `${label} ${number(count!, 'fr-MA')}` });
  await chip.click();
  assert.equal(await chip.getAttribute('aria-pressed'), 'true');
  await page.getByText(`${number(Math.min(200, count!), 'fr-MA')} ${count === 1 ? 'affiché' : 'affichés'} sur ${number(count!, 'fr-MA')} ${count === 1 ? 'observable' : 'observables'}`).waitFor();
  assert.equal(await lines.count(), Math.min(200, count!));
  for (const cell of await lines.locator('td.cs-nowrap').all()) assert.ok(((await cell.textContent()) ?? '').startsWith(label), 'only rows of that type');
  await screenshot(page, 'cases-observables-type-fr');

  // Arabic: the same list, mirrored, its words and plural forms.
  await types.getByRole('button', { name: `Tous ${number(total, 'fr-MA')}` }).click();
  await order.getByRole('button', { name: 'Les plus répandus' }).click();
  await page.getByRole('button', { name: 'العربية' }).first().click();
  // The language changes on the next render: wait for it, then check the page turned.
  await page.getByText(`200 من أصل ${number(total, 'ar-MA')} مؤشر`).waitFor();
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  await page.getByText(`200 من أصل ${number(total, 'ar-MA')} مؤشر`).waitFor();
  const more = page.locator('.cs-more');
  assert.match((await more.textContent()) ?? '', new RegExp(`^عرض ${number(Math.min(200, total - 200), 'ar-MA')} مؤشر`));
  await more.click();
  await page.getByText(`${number(total, 'ar-MA')} من أصل ${number(total, 'ar-MA')} مؤشر`).waitFor();
  await page.getByRole('group', { name: 'ترتيب المؤشرات' }).getByRole('button', { name: 'الأندر' }).waitFor();
  await assertNoHorizontalOverflow(page, 'observables ar');
  await toTop();
  await screenshot(page, 'cases-observables-more-ar');
  assert.deepEqual(ws.foreignRequests, []);
  assert.deepEqual(ws.pageErrors, []);
});

test('marking a case referred when another workstation holds some of its reports: the dialog says how many and where, confirming refers them', async (t) => {
  const server = await startIntakeServer({ seed: 31, count: 40, attachments: 0 });
  t.after(() => server.close());
  const ws = await openWorkstation(t);
  const { page, core } = ws;
  await setUpAndSync(core, server);
  const db = core.unlockedStore().db;
  const ids = db.prepare("SELECT id FROM reports WHERE status = 'received' ORDER BY rowid LIMIT 3").pluck().all() as string[];
  const { ref } = await value(core, 'cases.create', { title: 'Sextorsion par messagerie', reportIds: ids });
  await value(core, 'cases.setStatus', { ref, status: 'in_analysis' });
  for (const reportId of ids.slice(0, 2)) server.appendStatus({ reportId, status: 'in_analysis', workstationId: 'ws-casa-02', acceptedAt: new Date(Date.now() + 60_000).toISOString() });
  await value(core, 'sync.start');
  await core.syncIdle();
  await value(core, 'cases.setStatus', { ref, status: 'ready' });

  await page.reload();
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
  await page.keyboard.press('Alt+3');
  await page.getByRole('button', { name: `Ouvrir le dossier ${ref}` }).click();
  await page.getByRole('heading', { level: 1, name: 'Sextorsion par messagerie' }).waitFor();
  await page.getByRole('button', { name: 'Marquer transmis' }).click();
  const dialog = page.getByRole('dialog', { name: `Marquer transmis le dossier ${ref}` });
  await dialog.getByText('Les signalements du dossier passent au statut « Transmis »').waitFor();
  const held = dialog.locator('.case-refer-held');
  assert.equal(await held.textContent(), '2 de ces signalements sont pris en charge par un autre poste (\u2068ws-casa-02\u2069) : ils seront transmis eux aussi.');
  await screenshot(page, 'cases-refer-held-fr');
  // Cancelling changes nothing.
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal((await value(core, 'cases.get', { ref })).status, 'ready');
  assert.equal(db.prepare('SELECT status_workstation FROM reports WHERE id = ?').pluck().get(ids[0]), 'ws-casa-02');

  await page.getByRole('button', { name: 'Marquer transmis' }).click();
  await dialog.getByRole('button', { name: 'Marquer transmis' }).click();
  await page.locator('.case-ref .cs-status-referred').waitFor();
  for (const id of ids) assert.deepEqual(db.prepare('SELECT status, status_workstation FROM reports WHERE id = ?').get(id), { status: 'referred', status_workstation: 'ws-rabat-03' });
});

test('Settings → legal qualifications: a supervisor adds an entry that cases can then propose', async (t) => {
  const { ws } = await setUp(t);
  const { page } = ws;
  await page.keyboard.press('Alt+6');
  const section = page.locator('section.panel').filter({ has: page.getByRole('heading', { name: 'Qualifications juridiques' }) });
  await section.scrollIntoViewIfNeeded();
  await section.getByRole('button', { name: 'Ajouter une qualification' }).click();
  await section.getByLabel('Code').fill('bad code');
  await section.getByRole('button', { name: 'Enregistrer' }).click();
  await section.getByText('Code invalide').waitFor();
  await section.getByText('Donnez un libellé arabe').waitFor();
  await section.getByLabel('Code').fill('FRAUD-TEST-ONLINE');
  await section.getByLabel('Articles').fill('Code pénal, art. 540');
  await section.getByLabel('Libellé (français)').fill('Escroquerie en ligne (entrée de test)');
  await section.getByLabel('Libellé (arabe)').fill('النصب عبر الإنترنت (مدخل تجريبي)');
  await section.locator('.cs-legal-categories').getByLabel('Escroquerie en ligne').check();
  await section.getByRole('button', { name: 'Enregistrer' }).click();
  await section.getByText('Table des qualifications enregistrée.').waitFor();
  await section.locator('tr').filter({ hasText: 'FRAUD-TEST-ONLINE' }).waitFor();
  await section.locator('tr').filter({ hasText: 'FRAUD-TEST-ONLINE' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'cases-legal-settings-fr');
  const table = await value(ws.core, 'legal.table');
  assert.ok(table.edited);
  assert.ok(table.entries.some((entry) => entry.code === 'FRAUD-TEST-ONLINE' && entry.labelAr.includes('النصب')));
  assert.deepEqual(ws.pageErrors, []);
});
